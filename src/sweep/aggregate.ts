// Aggregation of a cell's runs into the metrics a report shows. Runs are aggregated in run order, so the
// numbers never depend on which worker finished first.
import type { SweepCell } from '../report/types.js';
import { assert } from './errors.js';
import type { SweepParams } from './grid.js';
import type { RunOutcome } from './run-one.js';
import type { Proportion } from './significance.js';

/** Nearest-rank percentile of sorted values; null for none. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function ratio({ hits, of }: Proportion): number | null {
  return of === 0 ? null : Number((hits / of).toFixed(6));
}

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(6));
}

export type CellMetrics = {
  readonly failoverP50Ms: number | null;
  readonly failoverP90Ms: number | null;
  readonly failoverP99Ms: number | null;
  readonly failoverMaxMs: number | null;
  readonly failoverMeanMs: number | null;
  /** Fraction of runs in which at least one master-failure episode completed (a failover happened). */
  readonly failoverCompletedProbability: number | null;
  readonly failoverCountMean: number | null;
  readonly needlessFailoverProbability: number | null;
  readonly ackedWriteLossProbability: number | null;
  /** Mean over runs of lost ÷ acknowledged writes. */
  readonly lostWriteFractionMean: number | null;
  /** Runs the checkers could not judge (no single final master, or needless unknown). */
  readonly unjudgedRuns: number;
};

/**
 * What the metrics were computed from, kept so two cells can be compared with a significance test
 * (significance.ts): the raw counts behind each probability and the per-run samples behind the p99 and
 * the mean lost fraction.
 */
export interface CellCounts {
  readonly failoverCompleted: Proportion;
  readonly needlessFailover: Proportion;
  readonly ackedWriteLoss: Proportion;
  /** The failover durations (ms) of each run that had any, in run order: the p99's sample, by run. */
  readonly failoverDurationsMsByRun: readonly (readonly number[])[];
  /** lost ÷ acknowledged of each judged run with acknowledged writes, in run order: the mean's sample. */
  readonly lostWriteFractions: readonly number[];
}

export interface CellResult extends SweepCell {
  readonly index: number;
  readonly params: SweepParams;
  readonly runs: number;
  readonly metrics: CellMetrics;
  readonly counts: CellCounts;
}

const count = <T>(xs: readonly T[], hit: (x: T) => boolean): Proportion => ({
  hits: xs.filter(hit).length,
  of: xs.length,
});

export function countsOf(runs: readonly RunOutcome[]): CellCounts {
  const lossJudged = runs.filter((r) => r.lost !== null);
  return {
    failoverCompleted: count(runs, (r) => r.durationsMs.length > 0),
    needlessFailover: count(
      runs.filter((r) => r.needless !== null),
      (r) => r.needless === true,
    ),
    ackedWriteLoss: count(lossJudged, (r) => (r.lost ?? 0) > 0),
    failoverDurationsMsByRun: runs.filter((r) => r.durationsMs.length > 0).map((r) => [...r.durationsMs]),
    lostWriteFractions: lossJudged.filter((r) => r.acked > 0).map((r) => (r.lost ?? 0) / r.acked),
  };
}

export function aggregateCell(index: number, params: SweepParams, runs: readonly RunOutcome[]): CellResult {
  runs.forEach((r, i) => {
    assert(r.cell === index, `run ${i} belongs to cell ${r.cell}, not ${index}`);
    assert(r.run === i, `cell ${index}: run ${r.run} out of order at ${i}`);
  });
  const counts = countsOf(runs);
  const durations = counts.failoverDurationsMsByRun.flat().sort((a, b) => a - b);
  const metrics: CellMetrics = {
    failoverP50Ms: percentile(durations, 50),
    failoverP90Ms: percentile(durations, 90),
    failoverP99Ms: percentile(durations, 99),
    failoverMaxMs: durations.at(-1) ?? null,
    failoverMeanMs: mean(durations),
    failoverCompletedProbability: ratio(counts.failoverCompleted),
    failoverCountMean: mean(runs.map((r) => r.failovers)),
    needlessFailoverProbability: ratio(counts.needlessFailover),
    ackedWriteLossProbability: ratio(counts.ackedWriteLoss),
    lostWriteFractionMean: mean(counts.lostWriteFractions),
    unjudgedRuns: runs.filter((r) => r.needless === null || r.lost === null).length,
  };
  return { index, params, runs: runs.length, metrics, counts };
}
