// The shared worker pool (src/pool.ts): results in task order whatever finished first, no task started
// once `stop` says so, and at most `inFlight` tasks at once. The worker is a tiny module written to a
// temp directory, so this needs no build.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledWorker, mapOnPool, PoolError, siblingWorker } from '../src/pool.js';

const dir = mkdtempSync(join(tmpdir(), 'sentinel-lab-pool-'));
const worker = join(dir, 'worker.mjs');
// Sleeps as long as the task says, so tasks can be made to finish out of order.
writeFileSync(
  worker,
  `export default async function (task) {
  await new Promise((r) => setTimeout(r, task.sleepMs));
  return { index: task.index, square: task.index * task.index };
}
`,
);

afterAll(() => {
  if (dir.startsWith(tmpdir())) rmSync(dir, { recursive: true, force: true });
});

describe('mapOnPool', () => {
  it('returns results in task order although later tasks finish first', async () => {
    const tasks = [0, 1, 2, 3, 4, 5].map((index) => ({ index, sleepMs: (6 - index) * 15 }));
    const completed: number[] = [];
    const results = await mapOnPool<(typeof tasks)[number], { index: number; square: number }>(
      worker,
      3,
      tasks,
      { onResult: (_r, i) => completed.push(i) },
    );
    expect(results.map((r) => r?.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((r) => r?.square)).toEqual([0, 1, 4, 9, 16, 25]);
    expect([...completed].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(completed).not.toEqual([0, 1, 2, 3, 4, 5]); // completion order really differed
  });

  it('starts no task once stop() is true, and keeps at most inFlight tasks running', async () => {
    const tasks = Array.from({ length: 8 }, (_, index) => ({ index, sleepMs: 5 }));
    let started = 0;
    let running = 0;
    let maxRunning = 0;
    const results = await mapOnPool<(typeof tasks)[number], { index: number }>(worker, 2, tasks, {
      inFlight: 2,
      stop: () => {
        if (started >= 5) return true;
        started++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        return false;
      },
      onResult: () => running--,
    });
    expect(results.filter((r) => r !== undefined)).toHaveLength(5);
    expect(results.slice(5)).toEqual([undefined, undefined, undefined]);
    expect(maxRunning).toBeLessThanOrEqual(2);
  });
});

describe('worker lookup', () => {
  it('finds a sibling worker and says null when there is none', () => {
    const from = new URL(`file://${join(dir, 'caller.js')}`).href;
    expect(siblingWorker(from, './worker.mjs')).toBe(worker);
    expect(siblingWorker(from, './nope.js')).toBeNull();
  });

  it('a missing build is a typed error that says how to make it', () => {
    const from = new URL(`file://${join(dir, 'caller.js')}`).href;
    const call = (): string => compiledWorker(from, './nope.js', 'nowhere/nope.js');
    expect(call).toThrow(PoolError);
    expect(call).toThrow(/npm run build/);
  });
});
