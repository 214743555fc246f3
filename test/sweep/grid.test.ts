import { describe, expect, it } from 'vitest';
import { SweepError } from '../../src/sweep/errors.js';
import { AXIS_NAMES, cellsOf, isNeighbour, parseAxisList, type Grid } from '../../src/sweep/grid.js';
import { parseShard, resolveShard, inShard } from '../../src/sweep/shard.js';
import { runSeed } from '../../src/sweep/seeds.js';

function grid(overrides: Partial<Record<keyof Grid, number[]>>): Grid {
  const base = Object.fromEntries(AXIS_NAMES.map((a) => [a, [1]])) as Record<keyof Grid, number[]>;
  return { ...base, ...overrides };
}

function thrown(fn: () => unknown): SweepError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SweepError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('sweep grid', () => {
  it('parses lists and inclusive ranges with a step', () => {
    expect(parseAxisList('sentinels', '3,5')).toEqual([3, 5]);
    expect(parseAxisList('downAfterMs', '1000..3000:1000')).toEqual([1000, 2000, 3000]);
    expect(parseAxisList('latencyMs', '0.5,1..2:0.5')).toEqual([0.5, 1, 1.5, 2]);
  });

  it('a bad value is a SWEEP_BAD_RANGE error naming the flag', () => {
    expect(thrown(() => parseAxisList('quorum', '0')).message).toMatch(/^--quorum: 0 is below the minimum 1/);
    expect(thrown(() => parseAxisList('quorum', '2.5')).message).toMatch(/^--quorum: 2.5 is not an integer/);
    expect(thrown(() => parseAxisList('downAfterMs', '5000..1000')).message).toMatch(/^--down-after: range/);
    expect(thrown(() => parseAxisList('sentinels', '3,,5')).code).toBe('SWEEP_BAD_RANGE');
    expect(thrown(() => parseAxisList('sentinels', 'three')).message).toContain('--sentinels');
    expect(thrown(() => parseAxisList('sentinels', '3,3')).message).toContain('twice');
  });

  it('cells are the cartesian product, first axis slowest, last axis fastest', () => {
    const cells = cellsOf(grid({ sentinels: [3, 5], quorum: [2, 3], faultRatePerMin: [0, 1] }));
    expect(cells).toHaveLength(8);
    expect(cells.map((c) => [c.sentinels, c.quorum, c.faultRatePerMin])).toEqual([
      [3, 2, 0],
      [3, 2, 1],
      [3, 3, 0],
      [3, 3, 1],
      [5, 2, 0],
      [5, 2, 1],
      [5, 3, 0],
      [5, 3, 1],
    ]);
  });

  it('a neighbour differs in exactly one axis by one step of its list', () => {
    const g = grid({ sentinels: [3, 5, 7], quorum: [2, 3] });
    const [a, , , , e] = cellsOf(g); // (3,2) … (7,2)
    const at = (s: number, q: number) => cellsOf(g).find((c) => c.sentinels === s && c.quorum === q)!;
    expect(isNeighbour(g, at(3, 2), at(5, 2))).toBe(true);
    expect(isNeighbour(g, at(3, 2), at(3, 3))).toBe(true);
    expect(isNeighbour(g, at(3, 2), at(7, 2))).toBe(false); // two steps
    expect(isNeighbour(g, at(3, 2), at(5, 3))).toBe(false); // two axes
    expect(isNeighbour(g, a!, a!)).toBe(false);
    expect(e).toBeDefined();
  });
});

describe('per-run seeds', () => {
  it('depend only on (sweep seed, cell, run) and differ across a 100 × 1000 grid', () => {
    const seen = new Set<number>();
    for (let cell = 0; cell < 100; cell++)
      for (let run = 0; run < 1000; run++) seen.add(runSeed(7, cell, run));
    expect(seen.size).toBe(100_000);
    expect(runSeed(7, 3, 4)).toBe(runSeed(7, 3, 4));
    expect(runSeed(8, 3, 4)).not.toBe(runSeed(7, 3, 4));
    expect(runSeed(7, 4, 3)).not.toBe(runSeed(7, 3, 4));
  });
});

describe('shards', () => {
  it('every run belongs to exactly one shard', () => {
    for (let g = 0; g < 50; g++) {
      const owners = [0, 1, 2].filter((index) => inShard({ index, count: 3 }, g));
      expect(owners).toHaveLength(1);
    }
  });

  it('come from --shard i/n or from the Kubernetes Indexed Job environment', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(resolveShard(undefined, { JOB_COMPLETION_INDEX: '2', JOB_COMPLETIONS: '3' })).toEqual({
      index: 2,
      count: 3,
    });
    expect(resolveShard('0/2', { JOB_COMPLETION_INDEX: '2', JOB_COMPLETIONS: '3' })).toEqual({
      index: 0,
      count: 2,
    });
    expect(resolveShard(undefined, {})).toBeNull();
    expect(thrown(() => parseShard('4/4')).message).toMatch(/^--shard: index 4 must be below 4/);
    expect(thrown(() => parseShard('a/b')).code).toBe('SWEEP_BAD_SHARD');
    expect(
      thrown(() => resolveShard(undefined, { JOB_COMPLETION_INDEX: '5', JOB_COMPLETIONS: '3' })).message,
    ).toMatch(/^JOB_COMPLETION_INDEX/);
  });
});
