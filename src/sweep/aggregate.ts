// Aggregation of a cell's runs into the metrics a report shows. Runs are aggregated in run order, so the
// numbers never depend on which worker finished first.
import type { SweepCell } from '../report/types.js';
import { assert } from './errors.js';
import type { SweepParams } from './grid.js';
import type { RunOutcome } from './run-one.js';

/** Nearest-rank percentile of sorted values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function ratio(hits: number, of: number): number | null {
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

export interface CellResult extends SweepCell {
  readonly index: number;
  readonly params: SweepParams;
  readonly runs: number;
  readonly metrics: CellMetrics;
}

export function aggregateCell(index: number, params: SweepParams, runs: readonly RunOutcome[]): CellResult {
  runs.forEach((r, i) => {
    assert(r.cell === index, `run ${i} belongs to cell ${r.cell}, not ${index}`);
    assert(r.run === i, `cell ${index}: run ${r.run} out of order at ${i}`);
  });
  const durations = runs.flatMap((r) => r.durationsMs).sort((a, b) => a - b);
  const needlessJudged = runs.filter((r) => r.needless !== null);
  const lossJudged = runs.filter((r) => r.lost !== null);
  const fractions = lossJudged.filter((r) => r.acked > 0).map((r) => (r.lost ?? 0) / r.acked);
  const metrics: CellMetrics = {
    failoverP50Ms: percentile(durations, 50),
    failoverP90Ms: percentile(durations, 90),
    failoverP99Ms: percentile(durations, 99),
    failoverMaxMs: durations.at(-1) ?? null,
    failoverMeanMs: mean(durations),
    failoverCompletedProbability: ratio(runs.filter((r) => r.durationsMs.length > 0).length, runs.length),
    failoverCountMean: mean(runs.map((r) => r.failovers)),
    needlessFailoverProbability: ratio(
      needlessJudged.filter((r) => r.needless === true).length,
      needlessJudged.length,
    ),
    ackedWriteLossProbability: ratio(lossJudged.filter((r) => (r.lost ?? 0) > 0).length, lossJudged.length),
    lostWriteFractionMean: mean(fractions),
    unjudgedRuns: runs.filter((r) => r.needless === null || r.lost === null).length,
  };
  return { index, params, runs: runs.length, metrics };
}
