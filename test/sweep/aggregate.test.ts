import { describe, expect, it } from 'vitest';
import { aggregateCell, percentile, type CellMetrics } from '../../src/sweep/aggregate.js';
import { answerFor, dominates } from '../../src/sweep/answer.js';
import { AXIS_NAMES, cellsOf, gridOf, type SweepParams } from '../../src/sweep/grid.js';

const ONES = gridOf(Object.fromEntries(AXIS_NAMES.map((a) => [a, 1])) as Record<keyof SweepParams, number>);
import type { RunOutcome } from '../../src/sweep/run-one.js';

function outcome(cell: number, run: number, o: Partial<RunOutcome>): RunOutcome {
  return {
    cell,
    run,
    seed: run,
    failovers: 0,
    durationsMs: [],
    needless: false,
    acked: 10,
    lost: 0,
    traceHash: 'x',
    ...o,
  };
}

describe('aggregation of a cell', () => {
  it('nearest-rank percentiles: p50 of 1..10 is 5, p90 is 9, p99 is 10; none gives null', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([percentile(xs, 50), percentile(xs, 90), percentile(xs, 99)]).toEqual([5, 9, 10]);
    expect(percentile([], 50)).toBeNull();
  });

  it('probabilities count runs; unjudged runs are left out of the denominator', () => {
    const runs = [
      outcome(0, 0, { durationsMs: [3000], failovers: 1, lost: 2, acked: 10 }),
      outcome(0, 1, { durationsMs: [5000], failovers: 2, needless: true }),
      outcome(0, 2, { needless: null, lost: null }),
      outcome(0, 3, {}),
    ];
    const cell = aggregateCell(0, cellsOf(ONES)[0]!, runs);
    expect(cell.runs).toBe(4);
    expect(cell.metrics.failoverP50Ms).toBe(3000);
    expect(cell.metrics.failoverMaxMs).toBe(5000);
    expect(cell.metrics.failoverCompletedProbability).toBe(0.5);
    expect(cell.metrics.needlessFailoverProbability).toBeCloseTo(1 / 3, 5);
    expect(cell.metrics.ackedWriteLossProbability).toBeCloseTo(1 / 3, 5);
    expect(cell.metrics.lostWriteFractionMean).toBeCloseTo(0.2 / 3, 5);
    expect(cell.metrics.failoverCountMean).toBe(0.75);
    expect(cell.metrics.unjudgedRuns).toBe(1);
  });

  it('refuses runs out of (cell, run) order', () => {
    const params = cellsOf(ONES)[0]!;
    expect(() => aggregateCell(0, params, [outcome(0, 1, {}), outcome(0, 0, {})])).toThrow(/out of order/);
  });
});

const M: CellMetrics = {
  failoverP50Ms: 6000,
  failoverP90Ms: 7000,
  failoverP99Ms: 8000,
  failoverMaxMs: 9000,
  failoverMeanMs: 6000,
  failoverCompletedProbability: 1,
  failoverCountMean: 1,
  needlessFailoverProbability: 0.1,
  ackedWriteLossProbability: 0.5,
  lostWriteFractionMean: 0.01,
  unjudgedRuns: 0,
};

describe('the answer', () => {
  it('a neighbour is better only when no measure is worse and one is better', () => {
    expect(dominates(M, { ...M, needlessFailoverProbability: 0 })).toEqual([
      'needless failover 10.0% → 0.0%',
    ]);
    expect(dominates(M, { ...M, needlessFailoverProbability: 0, failoverP99Ms: 9000 })).toBeNull();
    expect(dominates(M, M)).toBeNull();
    expect(dominates(M, { ...M, ackedWriteLossProbability: null, failoverP99Ms: 7000 })).toEqual([
      'failover p99 8000 ms → 7000 ms',
    ]);
  });

  it('names the dominating neighbour of cell 0 with the lowest p99, never a cell two steps away', () => {
    const grid = {
      ...ONES,
      quorum: [2, 3, 4],
      downAfterMs: [5000, 1000],
    };
    const cells = cellsOf(grid).map((params, index) => ({ index, params, runs: 10, metrics: M }));
    const q3 = cells.findIndex((c) => c.params.quorum === 3 && c.params.downAfterMs === 5000);
    const d1 = cells.findIndex((c) => c.params.quorum === 2 && c.params.downAfterMs === 1000);
    const far = cells.findIndex((c) => c.params.quorum === 4 && c.params.downAfterMs === 5000);
    cells[q3] = { ...cells[q3]!, metrics: { ...M, failoverP99Ms: 7000 } };
    cells[d1] = { ...cells[d1]!, metrics: { ...M, failoverP99Ms: 2000 } };
    cells[far] = { ...cells[far]!, metrics: { ...M, failoverP99Ms: 1000 } };
    const answer = answerFor(grid, cells)!;
    expect(answer.better?.flag).toBe('--down-after');
    expect([answer.better?.from, answer.better?.to]).toEqual([5000, 1000]);
  });
});
