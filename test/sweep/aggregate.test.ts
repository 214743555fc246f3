import { describe, expect, it } from 'vitest';
import { aggregateCell, percentile, type CellResult } from '../../src/sweep/aggregate.js';
import {
  answerFor,
  answerText,
  compareCells,
  improvementTexts,
  verdictLine,
} from '../../src/sweep/answer.js';
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

  it('keeps the counts behind each probability and the per-run samples behind p99 and the mean', () => {
    const runs = [
      outcome(0, 0, { durationsMs: [3000, 4000], failovers: 2, lost: 2, acked: 10 }),
      outcome(0, 1, { durationsMs: [5000], failovers: 1, needless: true }),
      outcome(0, 2, { needless: null, lost: null }),
      outcome(0, 3, { acked: 0 }),
    ];
    const cell = aggregateCell(0, cellsOf(ONES)[0]!, runs);
    expect(cell.counts).toEqual({
      failoverCompleted: { hits: 2, of: 4 },
      needlessFailover: { hits: 1, of: 3 },
      ackedWriteLoss: { hits: 1, of: 3 },
      failoverDurationsMsByRun: [[3000, 4000], [5000]],
      lostWriteFractions: [0.2, 0], // run 3 acknowledged nothing: no fraction
    });
    expect(cell.metrics.failoverP99Ms).toBe(5000);
    expect(cell.metrics.lostWriteFractionMean).toBe(0.1);
  });

  it('refuses runs out of (cell, run) order', () => {
    const params = cellsOf(ONES)[0]!;
    expect(() => aggregateCell(0, params, [outcome(0, 1, {}), outcome(0, 0, {})])).toThrow(/out of order/);
  });
});

/** A cell of `runs` runs: the first `needless` with a needless failover, the first `lossy` losing 1 of 10
 * acked writes, each failing over in `failoverMs` + its run index (ms). */
function cellOf(
  index: number,
  params: SweepParams,
  o: { runs?: number; needless?: number; lossy?: number; failoverMs?: number; lossJudged?: boolean },
): CellResult {
  const { runs = 10, needless = 0, lossy = 0, failoverMs = 8000, lossJudged = true } = o;
  const outcomes = Array.from({ length: runs }, (_, i) =>
    outcome(index, i, {
      failovers: 1,
      durationsMs: [failoverMs + i],
      needless: i < needless,
      lost: lossJudged ? (i < lossy ? 1 : 0) : null,
    }),
  );
  return aggregateCell(index, params, outcomes);
}

const P0 = cellsOf(ONES)[0]!;
const base = cellOf(0, P0, { needless: 6, lossy: 2 });

describe('the answer: better means no worse anywhere and significantly lower somewhere', () => {
  it('6 of 10 needless failovers down to 0 of 10 is significant (Fisher p = 7/646)', () => {
    const c = compareCells(base, cellOf(1, P0, { lossy: 2 }));
    expect(c.kind).toBe('better');
    expect(c.kind !== 'not-better' && c.improvements.map((i) => i.text)).toEqual([
      'needless failover 60.0% → 0.0% (p=0.011)',
    ]);
  });

  it('1 of 10 down to 0 of 10 is lower but not significant (p = 1): not better, only a candidate', () => {
    const c = compareCells(cellOf(0, P0, { needless: 1 }), cellOf(1, P0, {}));
    expect(c).toMatchObject({ kind: 'not-significant', improvements: [{ p: 1, significant: false }] });
    expect(improvementTexts(c)).toBeNull();
  });

  it('significantly worse on one measure is not better however much lower the others are; equal is not better', () => {
    // Write loss in 2 of 10 runs → 9 of 10: Fisher p ≈ 0.0055.
    expect(compareCells(base, cellOf(1, P0, { lossy: 9 })).kind).toBe('not-better');
    expect(compareCells(base, cellOf(1, P0, { lossy: 2, needless: 6 })).kind).toBe('not-better');
  });

  it('a higher value that is not significantly higher does not block a significant improvement, and is listed', () => {
    // Needless failovers 6 of 10 → 0 (p = 7/646); write loss 2 of 10 → 3 of 10 (p = 1): noise.
    const c = compareCells(base, cellOf(1, P0, { lossy: 3 }));
    expect(c.kind).toBe('better');
    const texts = improvementTexts(c)!;
    expect(texts[0]).toBe('needless failover 60.0% → 0.0% (p=0.011)');
    expect(texts).toContain('acked-write loss 20.0% → 30.0% (not significantly worse, p=1)');
    expect(texts.slice(1).every((t) => t.includes('not significantly worse'))).toBe(true);
  });

  it('a measure one side could not judge is left out; p99 lower in every run is significant', () => {
    const c = compareCells(base, cellOf(1, P0, { needless: 6, lossJudged: false, failoverMs: 7000 }));
    expect(c.kind).toBe('better');
    expect(improvementTexts(c)).toEqual(['failover p99 8009 ms → 7009 ms (p<0.001)']);
  });

  it('names the significantly better neighbour of cell 0 with the lowest p99, never a cell two steps away', () => {
    const grid = { ...ONES, quorum: [2, 3, 4], downAfterMs: [5000, 1000] };
    const params = cellsOf(grid);
    const at = (q: number, d: number): number =>
      params.findIndex((c) => c.quorum === q && c.downAfterMs === d);
    const faster: Record<number, number> = { [at(3, 5000)]: 7000, [at(2, 1000)]: 2000, [at(4, 5000)]: 1000 };
    const cells = params.map((p, i) => cellOf(i, p, { failoverMs: faster[i] ?? 8000 }));
    const answer = answerFor(grid, cells)!;
    expect(answer.better?.flag).toBe('--down-after');
    expect([answer.better?.from, answer.better?.to]).toEqual([5000, 1000]);
    expect(answer.candidate).toBeNull();
    expect(verdictLine(answer)).toBe(
      '  better: --down-after 1000 (instead of 5000): failover p99 8009 ms → 2009 ms (p<0.001)',
    );
  });

  it('a neighbour lower only by noise is named as a candidate, with its p-value, not as better', () => {
    const grid = { ...ONES, quorum: [2, 3] };
    const [p2, p3] = cellsOf(grid);
    const cells = [cellOf(0, p2!, { needless: 2 }), cellOf(1, p3!, { needless: 1 })];
    const answer = answerFor(grid, cells)!;
    expect(answer.better).toBeNull();
    expect(answer.candidate?.tests[0]?.p).toBeCloseTo(1, 9); // 2 of 10 vs 1 of 10: Fisher p = 1
    expect(answerText(answer, true).at(-1)).toBe(
      '  no neighbouring configuration is significantly better (best candidate: --quorum 3: needless failover 20.0% → 10.0%, p=1; more --runs would tell)',
    );
  });

  it('with no neighbour lower anywhere, the answer says no configuration does better', () => {
    const grid = { ...ONES, quorum: [2, 3] };
    const [p2, p3] = cellsOf(grid);
    const answer = answerFor(grid, [cellOf(0, p2!, {}), cellOf(1, p3!, { needless: 1 })])!;
    expect([answer.better, answer.candidate]).toEqual([null, null]);
    expect(verdictLine(answer)).toBe(
      '  no neighbouring configuration in this grid does better on every measure',
    );
  });
});
