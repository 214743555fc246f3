// Shared helpers for real-tier tests. Missing binaries fail the suite (CI runs scripts/setup-real.sh
// first); set SENTINEL_LAB_SKIP_REAL=1 to skip real-process suites explicitly instead.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
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

export { ensureBuilt } from '../support/build.js';
