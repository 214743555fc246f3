// Builds dist/ for tests that run compiled JavaScript (piscina workers, the CLI or an engine sentinel in a
// child process). Test files run in parallel, and a build rewrites dist/ in place, so every such test goes
// through this one function: builds are serialised by a lock directory and skipped when dist/ is newer
// than every source file, so no process starts from a file another build is rewriting.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const e of readdirSafeEntries(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtimeMs(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function readdirSafeEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds dist/ (the engine SUT runs `sentinel-lab sentinel` from it) unless it is newer than every
 * source file. Real test files run in parallel: a lock directory makes them build one at a time, so no
 * engine process starts from a file another build is rewriting. A lock older than 5 min is stale.
 */
export function ensureBuilt(): void {
  const tools = join(ROOT, '.tools');
  const lock = join(tools, 'real-build.lock');
  mkdirSync(tools, { recursive: true });
  const deadline = Date.now() + 170_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`ensureBuilt: ${lock} held for too long`);
      sleepSync(200);
    }
  }
  try {
    const stamp = join(ROOT, 'dist', '.build-stamp');
    const sources = Math.max(newestMtimeMs(join(ROOT, 'src')), newestMtimeMs(join(ROOT, 'bench')));
    if (existsSync(stamp) && statSync(stamp).mtimeMs > sources) return;
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'build.js')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}
