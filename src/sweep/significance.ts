// Significance tests for the sweep's "better" (answer.ts): is a neighbour's improvement more than the
// noise of a few seeded runs? Pure functions; the only randomness is a fixed-seed stream, so the same
// sweep always gives the same p-values.
//
// The choices, and why:
// - A probability (failed over, needless failover, acked-write loss) is hits out of judged runs in each
//   cell: Fisher's exact test, two-sided. Exact for any sample size (sweeps are often run with --runs 5),
//   needs no expected-count rule like the chi-squared test. Two-sided p sums the probabilities of every
//   table with the same margins that is no more likely than the observed one (the convention of R's
//   fisher.test and SciPy's fisher_exact), with a small relative tolerance so ties in floating point count.
// - The p99 failover time and the mean lost-write fraction: a two-sided permutation test on the observed
//   difference of the statistic, with runs as the exchangeable units (the episodes of one run are not
//   independent of each other). Under H0 (both cells' runs come from one distribution) any relabelling of
//   the pooled runs is as likely as the observed one; p = (1 + relabellings at least as extreme) ÷ (1 +
//   relabellings tried), which is a valid p-value for a Monte Carlo sample. It works for a tail percentile,
//   which has no simple closed-form test, and stays honest at tiny sample sizes where the normal
//   approximation of Mann–Whitney is not (3 vs 3 runs: exact p ≥ 0.1, the approximation says 0.05).
//   Its smallest p is 1 ÷ (PERMUTATION_ROUNDS + 1) = 0.0005.
// - α = 0.05 per difference. Up to five metrics per neighbour and several neighbours are tested with no
//   multiple-comparison correction: a "better" at p just under 0.05 deserves a second sweep with another
//   --seed.
import seedrandom from 'seedrandom';
import { SweepError } from './errors.js';

/** The significance level: a difference counts when its two-sided p-value is below it. */
export const ALPHA = 0.05;

/** Relabellings a permutation test tries. */
export const PERMUTATION_ROUNDS = 1999;

/** A probability's raw counts: `hits` runs out of `of` judged runs. */
export interface Proportion {
  readonly hits: number;
  readonly of: number;
}

function checkProportion(p: Proportion, field: string): void {
  if (!Number.isSafeInteger(p.of) || p.of < 0)
    throw new SweepError('SWEEP_INVALID', `${field}.of: a count ≥ 0, got ${p.of}`);
  if (!Number.isSafeInteger(p.hits) || p.hits < 0 || p.hits > p.of)
    throw new SweepError('SWEEP_INVALID', `${field}.hits: a count in 0..${p.of}, got ${p.hits}`);
}

/** ln(k!) for k = 0..n. */
function logFactorials(n: number): Float64Array {
  const lf = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) lf[k] = lf[k - 1]! + Math.log(k);
  return lf;
}

/**
 * Fisher's exact test (two-sided) of a.hits/a.of against b.hits/b.of; null when either denominator is 0
 * (nothing was judged on that side, so there is nothing to test).
 */
export function fisherExact(a: Proportion, b: Proportion): number | null {
  checkProportion(a, 'a');
  checkProportion(b, 'b');
  if (a.of === 0 || b.of === 0) return null;
  const n = a.of + b.of;
  const hits = a.hits + b.hits;
  const lf = logFactorials(n);
  const logChoose = (m: number, r: number): number => lf[m]! - lf[r]! - lf[m - r]!;
  const total = logChoose(n, hits);
  // P(x of the hits fall in a) — hypergeometric with the margins fixed.
  const prob = (x: number): number => Math.exp(logChoose(a.of, x) + logChoose(b.of, hits - x) - total);
  const observed = prob(a.hits);
  let p = 0;
  for (let x = Math.max(0, hits - b.of); x <= Math.min(hits, a.of); x++) {
    const px = prob(x);
    if (px <= observed * (1 + 1e-7)) p += px;
  }
  return Math.min(1, p);
}

/**
 * Two-sided permutation test of |stat(a) − stat(b)|, the units of a and b being exchangeable under H0.
 * Null when either side has no unit. Deterministic: the relabellings come from a fixed-seed stream.
 */
export function permutationTest<T>(
  a: readonly T[],
  b: readonly T[],
  stat: (group: readonly T[]) => number,
): number | null {
  if (a.length === 0 || b.length === 0) return null;
  const observed = Math.abs(stat(a) - stat(b));
  // A difference this small is rounding, not a difference (metrics are stored to 6 decimals).
  const tolerance = 1e-9 * Math.max(1, observed);
  const pool = [...a, ...b];
  const random = seedrandom.alea('sentinel-lab/significance');
  let extreme = 0;
  for (let round = 0; round < PERMUTATION_ROUNDS; round++) {
    // A partial Fisher–Yates shuffle: the first a.length slots become the relabelled a.
    for (let i = 0; i < a.length; i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const d = Math.abs(stat(pool.slice(0, a.length)) - stat(pool.slice(a.length)));
    if (d >= observed - tolerance) extreme++;
  }
  return (1 + extreme) / (1 + PERMUTATION_ROUNDS);
}

/** Whether a p-value shows a difference at level ALPHA (an untestable one never does). */
export function significant(p: number | null): boolean {
  return p !== null && p < ALPHA;
}

/**
 * `p=0.003`, `p=0.62`, `p<0.001`; `not tested` for null. Two significant digits (one below 0.01), more
 * when rounding would put the shown value on the other side of ALPHA (0.0496 → `p=0.0496`, not 0.05).
 */
export function formatP(p: number | null): string {
  if (p === null) return 'not tested';
  if (p < 0.001) return 'p<0.001';
  let digits = p < 0.01 ? 1 : 2;
  let shown = Number(p.toPrecision(digits));
  while (shown < ALPHA !== p < ALPHA && digits < 6) shown = Number(p.toPrecision(++digits));
  return `p=${shown}`;
}
