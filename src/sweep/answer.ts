// The answer people want: for their configuration (cell 0, the first value of every flag), the failover
// time distribution, the probability of a needless failover and of losing acknowledged writes, and which
// neighbouring configuration (one axis, one step away) does better.
//
// "Better" is Pareto dominance over what matters — write loss (how often, how much), needless failovers, the
// p99 failover time, and failing to fail over at all — lower being better, leaving out a metric that
// either side could not measure — AND at least one of the improvements significant (significance.ts,
// α = 0.05): with a few runs per cell, "lower" alone is mostly noise. The same holds the other way: a
// higher value blocks "better" only when it is significantly higher (a fix that halves the write loss
// is not disqualified by a p99 3 ms longer in 10 runs); such noise is listed with the improvements. A neighbour that dominates only on
// non-significant differences is kept as the candidate, so the answer can say so instead of nothing.
// Among the (significantly) better neighbours the one with the lowest p99 wins; among candidates, the one
// whose strongest improvement has the smallest p-value.
import type { CellCounts, CellMetrics, CellResult } from './aggregate.js';
import { percentile } from './aggregate.js';
import { AXES, AXIS_NAMES, isNeighbour, type AxisName, type Grid, type SweepParams } from './grid.js';
import { fisherExact, formatP, permutationTest, significant } from './significance.js';

/** One metric on which a cell is lower (better) than the one it is compared with. */
export interface Improvement {
  /** e.g. "needless failover". */
  readonly metric: string;
  readonly from: number;
  readonly to: number;
  /** Two-sided p-value of the difference; null when it cannot be tested (nothing judged on a side). */
  readonly p: number | null;
  readonly significant: boolean;
  /** e.g. "needless failover 12.0% → 0.0% (p=0.003)". */
  readonly text: string;
}

/**
 * How a cell compares with another (lower is better on every metric). `improvements` lists the lower
 * values, then any higher value that is not significantly higher (`from` < `to`, text says "not
 * significantly worse").
 */
export type Comparison =
  /** Not significantly worse anywhere, and at least one improvement is significant. */
  | { readonly kind: 'better'; readonly improvements: readonly Improvement[] }
  /** Not significantly worse anywhere and lower somewhere, but no lower value is significant: maybe noise. */
  | { readonly kind: 'not-significant'; readonly improvements: readonly Improvement[] }
  /** Significantly worse somewhere, or not lower anywhere. */
  | { readonly kind: 'not-better' };

export interface Neighbour {
  readonly params: SweepParams;
  /** The one axis changed, with its flag and the value from → to. */
  readonly axis: AxisName;
  readonly flag: string;
  readonly from: number;
  readonly to: number;
  readonly metrics: CellMetrics;
  /** Human-readable improvements with their p-values, e.g. "needless failover 12.0% → 0.0% (p=0.003)". */
  readonly improvements: readonly string[];
  readonly tests: readonly Improvement[];
}

export interface Answer {
  readonly params: SweepParams;
  readonly runs: number;
  readonly metrics: CellMetrics;
  /** The neighbour that is significantly better; null when none is. */
  readonly better: Neighbour | null;
  /** When none is: the neighbour that dominates on non-significant differences only (null: none does). */
  readonly candidate: Neighbour | null;
}

/** What a comparison needs of a cell: its metrics and the counts behind them. */
export type Measured = Pick<CellResult, 'metrics' | 'counts'>;

type Format = (v: number) => string;
const pct: Format = (v) => `${(v * 100).toFixed(1)}%`;
const ms: Format = (v) => `${Math.round(v)} ms`;

/** The p99 of a group of runs' durations (nearest rank, as aggregate.ts); a typed-array sort, since the
 * permutation test calls it thousands of times. */
function p99Of(runs: readonly (readonly number[])[]): number {
  const sorted = Float64Array.from(runs.flat()).sort();
  return percentile(sorted, 99) ?? 0;
}
const meanOf = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

interface Criterion {
  readonly name: string;
  readonly value: (m: CellMetrics) => number | null;
  readonly format: Format;
  readonly test: (a: CellCounts, b: CellCounts) => number | null;
}

const CRITERIA: readonly Criterion[] = [
  {
    name: 'acked-write loss',
    value: (m) => m.ackedWriteLossProbability,
    format: pct,
    test: (a, b) => fisherExact(a.ackedWriteLoss, b.ackedWriteLoss),
  },
  {
    name: 'acked writes lost',
    value: (m) => m.lostWriteFractionMean,
    format: pct,
    test: (a, b) => permutationTest(a.lostWriteFractions, b.lostWriteFractions, meanOf),
  },
  {
    name: 'needless failover',
    value: (m) => m.needlessFailoverProbability,
    format: pct,
    test: (a, b) => fisherExact(a.needlessFailover, b.needlessFailover),
  },
  {
    name: 'failover p99',
    value: (m) => m.failoverP99Ms,
    format: ms,
    test: (a, b) => permutationTest(a.failoverDurationsMsByRun, b.failoverDurationsMsByRun, p99Of),
  },
  {
    name: 'no failover',
    value: (m) => (m.failoverCompletedProbability === null ? null : 1 - m.failoverCompletedProbability),
    format: pct,
    test: (a, b) => fisherExact(a.failoverCompleted, b.failoverCompleted),
  },
];

/** How `b` compares with `a`: better, lower only on non-significant differences, or not better. */
export function compareCells(a: Measured, b: Measured): Comparison {
  const improvements: Improvement[] = [];
  const noise: Improvement[] = [];
  for (const { name, value, format, test } of CRITERIA) {
    const va = value(a.metrics);
    const vb = value(b.metrics);
    if (va === null || vb === null || vb === va) continue;
    const p = test(a.counts, b.counts);
    const sig = significant(p);
    if (vb > va) {
      // Higher is worse: disqualifying only when the data says it is not chance.
      if (sig) return { kind: 'not-better' };
      const text = `${name} ${format(va)} → ${format(vb)} (not significantly worse, ${formatP(p)})`;
      noise.push({ metric: name, from: va, to: vb, p, significant: false, text });
      continue;
    }
    const text = `${name} ${format(va)} → ${format(vb)} (${formatP(p)})`;
    improvements.push({ metric: name, from: va, to: vb, p, significant: sig, text });
  }
  if (improvements.length === 0) return { kind: 'not-better' };
  const all = [...improvements, ...noise];
  return improvements.some((i) => i.significant)
    ? { kind: 'better', improvements: all }
    : { kind: 'not-significant', improvements: all };
}

/** The improvement texts of a significantly better comparison; null otherwise (the JSON's `improvements`). */
export function improvementTexts(c: Comparison): string[] | null {
  return c.kind === 'better' ? c.improvements.map((i) => i.text) : null;
}

/** The smallest p-value among a comparison's improvements (1 when none was testable). */
export function strongestP(improvements: readonly Improvement[]): number {
  return Math.min(1, ...improvements.filter((i) => i.to < i.from).map((i) => i.p ?? 1));
}

/** `needless failover 10.0% → 5.0%, p=0.62` — a non-significant improvement list, for a sentence. */
export function candidateText(improvements: readonly Improvement[]): string {
  return improvements.map((i) => i.text.replace(/ \((p[=<][^)]*|not tested)\)$/, ', $1')).join('; ');
}

function neighbourOf(base: CellResult, cell: CellResult, tests: readonly Improvement[]): Neighbour {
  const axis = AXIS_NAMES.find((a) => base.params[a] !== cell.params[a])!;
  const change = { axis, flag: AXES[axis].flag, from: base.params[axis], to: cell.params[axis] };
  return {
    params: cell.params,
    ...change,
    metrics: cell.metrics,
    improvements: tests.map((t) => t.text),
    tests,
  };
}

const p99 = (n: Neighbour): number => n.metrics.failoverP99Ms ?? Infinity;

export function answerFor(grid: Grid, cells: readonly CellResult[]): Answer | null {
  const base = cells[0];
  if (base === undefined) return null;
  let better: Neighbour | null = null;
  let candidate: Neighbour | null = null;
  for (const cell of cells) {
    if (!isNeighbour(grid, base.params, cell.params)) continue;
    const c = compareCells(base, cell);
    if (c.kind === 'not-better') continue;
    const n = neighbourOf(base, cell, c.improvements);
    if (c.kind === 'better' && (better === null || p99(n) < p99(better))) better = n;
    if (
      c.kind === 'not-significant' &&
      (candidate === null || strongestP(n.tests) < strongestP(candidate.tests))
    )
      candidate = n;
  }
  return {
    params: base.params,
    runs: base.runs,
    metrics: base.metrics,
    better,
    candidate: better === null ? candidate : null,
  };
}

/** The answer's last line: the better neighbour, the non-significant candidate, or neither. */
export function verdictLine(answer: Pick<Answer, 'better' | 'candidate'>): string {
  const { better: b, candidate: c } = answer;
  if (b !== null) return `  better: ${b.flag} ${b.to} (instead of ${b.from}): ${b.improvements.join(', ')}`;
  if (c !== null)
    return `  no neighbouring configuration is significantly better (best candidate: ${c.flag} ${c.to}: ${candidateText(c.tests)}; more --runs would tell)`;
  return '  no neighbouring configuration in this grid does better on every measure';
}

function show(v: number | null, f: Format): string {
  return v === null ? '—' : f(v);
}

/** The answer as a few lines of text. */
export function answerText(answer: Answer, sentinels: boolean): string[] {
  const m = answer.metrics;
  const p = answer.params;
  const lines = [
    `your configuration: ${p.sentinels} sentinels, quorum ${p.quorum}, down-after ${p.downAfterMs} ms, failover-timeout ${p.failoverTimeoutMs} ms, parallel-syncs ${p.parallelSyncs}, min-replicas-to-write ${p.minReplicasToWrite}, latency ${p.latencyMs} ms, ${p.faultRatePerMin} faults/min (${answer.runs} runs)`,
    `  failover time: p50 ${show(m.failoverP50Ms, ms)}, p90 ${show(m.failoverP90Ms, ms)}, p99 ${show(m.failoverP99Ms, ms)}, max ${show(m.failoverMaxMs, ms)}; failed over in ${show(m.failoverCompletedProbability, pct)} of runs`,
    `  needless failover: ${show(m.needlessFailoverProbability, pct)} of runs; acknowledged-write loss: ${show(m.ackedWriteLossProbability, pct)} of runs (mean ${show(m.lostWriteFractionMean, pct)} of acked writes)`,
  ];
  if (!sentinels) {
    lines.push(
      '  (no Sentinels are simulated yet: failover metrics stay empty until the Sentinel adapter lands)',
    );
  }
  lines.push(verdictLine(answer));
  return lines;
}
