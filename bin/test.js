#!/usr/bin/env node
// `npm test`: works on a fresh clone. Installs the npm dependencies when they are missing, runs the real
// tier's setup script (which installs redis-server, redis-sentinel and Toxiproxy when missing), then
// lint, formatting, type checks, the build, and the vitest suite. Extra arguments go to vitest.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

if (!existsSync(join(root, 'node_modules', 'typescript'))) {
  step('install npm dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
}
const setup = join(root, 'scripts', 'setup-real.sh');
if (existsSync(setup)) step('real tier setup (redis, toxiproxy)', 'bash', [setup]);
step('lint (eslint, determinism rule)', bin('eslint'), ['.']);
step('formatting (prettier)', bin('prettier'), ['--check', '.']);
step('type check (tsc)', bin('tsc'), ['-p', 'tsconfig.json']);
step('build', process.execPath, [join(root, 'bin', 'build.js')]);
step('tests (vitest)', bin('vitest'), ['run', ...process.argv.slice(2)]);
