// Shared helpers for real-tier tests. Missing binaries fail the suite (CI runs scripts/setup-real.sh
// first); set SENTINEL_LAB_SKIP_REAL=1 to skip real-process suites explicitly instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, type Dirent } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findBinary, type BinaryName } from '../../src/real/binaries.js';

export const skipReal = process.env['SENTINEL_LAB_SKIP_REAL'] === '1';

/** Throws MissingBinaryError (with the fix) when a binary is absent, unless real tests are skipped. */
export function requireBinaries(names: readonly BinaryName[]): void {
  if (skipReal) return;
  for (const n of names) findBinary(n);
}

/** True while /proc/<pid> exists and is not a zombie. */
export function pidRunning(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    const state = readFileSync(stat, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Pids of processes whose command line contains `needle` (what `pgrep -f` would find). */
export function pidsWithCmdline(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmd.includes(needle) && pidRunning(Number(entry))) found.push(Number(entry));
    } catch {
      // The process went away while we looked.
    }
  }
  return found;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Resolves true when a TCP connect to 127.0.0.1:port succeeds. */
export function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Polls `cond` every 50 ms until it holds or `budgetMs` passes; returns its last value. */
export async function eventually(cond: () => boolean | Promise<boolean>, budgetMs: number): Promise<boolean> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

const ROOT = join(import.meta.dirname, '..', '..');

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
