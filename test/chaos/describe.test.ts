import { describe, expect, it } from 'vitest';
import { bisectionSides, describeFault, describeOp } from '../../src/chaos/describe.js';
import { bisect } from '../../src/scenarios/partitions.js';
import { inDeterminismSample, scheduleSeed, worldSeed } from '../../src/chaos/seeds.js';

describe('readable schedules', () => {
  it('prints one line per fault: start, duration, what', () => {
    const line = describeFault({
      atMs: 31_200,
      durationMs: 12_000,
      op: { kind: 'partition', blocks: [['sentinel-1', 'redis-1']], mode: 'hold' },
    });
    expect(line).toBe('t=31.2s  +12.0s   partition sentinel-1 -/-> redis-1 (hold)');
    expect(describeFault({ atMs: 0, durationMs: null, op: { kind: 'pause', target: 'redis-2' } })).toBe(
      't=0ms    +heal    pause redis-2',
    );
  });
});

describe('run seeds', () => {
  it('depend on (campaign seed, run index) only, and differ between runs and campaigns', () => {
    expect(worldSeed(5, 3)).toBe(worldSeed(5, 3));
    const seeds = new Set<number>();
    for (const c of [0, 1, 2 ** 40]) for (let i = 0; i < 100; i++) seeds.add(worldSeed(c, i));
    expect(seeds.size).toBe(300);
    expect(scheduleSeed(5, 3)).not.toBe(worldSeed(5, 3) | 0);
    expect(Number.isInteger(scheduleSeed(2 ** 40, 7))).toBe(true);
  });

  it('sample 1 in N runs for the determinism self-check', () => {
    expect([0, 1, 19, 20, 40].map((i) => inDeterminismSample(i, 20))).toEqual([
      true,
      false,
      false,
      true,
      true,
    ]);
    expect(inDeterminismSample(0, 0)).toBe(false);
  });
});

describe('readable partitions', () => {
  it('prints a bisection as its two sides, anything else as its blocked pairs', () => {
    const blocks = bisect(['redis-1', 'sentinel-1'], ['redis-2', 'sentinel-2', 'client-1']);
    expect(describeOp({ kind: 'partition', blocks, mode: 'reset' })).toBe(
      'partition {redis-1, sentinel-1} | {redis-2, sentinel-2, client-1} (reset)',
    );
    // One block missing: not a bisection any more.
    expect(bisectionSides(blocks.slice(1))).toBeNull();
    expect(bisectionSides([['a', 'b']])).toBeNull();
    expect(
      bisectionSides([
        ['a', 'b'],
        ['b', 'a'],
      ]),
    ).toEqual([['a'], ['b']]);
  });
});
