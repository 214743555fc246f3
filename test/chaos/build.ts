// Compiled JavaScript for tests that need it (piscina workers, the CLI in a child process).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt } from '../support/build.js';

export const root = join(import.meta.dirname, '..', '..');
export const cliMain = join(root, 'dist', 'src', 'cli', 'main.js');

/** Builds dist/ unless it is current (serialised with every other test that builds). */
export function buildDist(): void {
  ensureBuilt();
}

export function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliMain, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
