#!/usr/bin/env node
// Entry point of the `sentinel-lab` command. On a fresh clone it installs the dependencies and
// compiles the TypeScript once, then hands over to dist/src/cli/main.js.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(
      `sentinel-lab: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status}); see the output above.`,
    );
    process.exit(2);
  }
}

const isSourceCheckout = existsSync(join(root, 'src'));
if (isSourceCheckout) {
  if (!existsSync(join(root, 'node_modules', 'typescript'))) {
    console.error('sentinel-lab: first run: installing dependencies (npm ci)…');
    run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  }
  const stale =
    !existsSync(stamp) ||
    statSync(stamp).mtimeMs < Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'bench')));
  if (stale) {
    console.error('sentinel-lab: compiling…');
    run(process.execPath, [join(root, 'bin', 'build.js')]);
  }
}
await import(pathToFileURL(join(root, 'dist', 'src', 'cli', 'main.js')).href);
