// The answer people want: for their configuration (cell 0, the first value of every flag), the failover
// time distribution, the probability of a needless failover and of losing acknowledged writes, and which
// neighbouring configuration (one axis, one step away) does better.
//
// "Better" is Pareto dominance over what matters — write loss (how often, how much), needless failovers, the
// p99 failover time, and failing to fail over at all — lower being better, leaving out a metric that
// either side could not measure. Among the dominating neighbours the one with the lowest p99 wins.
import type { CellMetrics, CellResult } from './aggregate.js';
import { AXES, AXIS_NAMES, isNeighbour, type AxisName, type Grid, type SweepParams } from './grid.js';

export interface Neighbour {
  readonly params: SweepParams;
  /** The one axis changed, with its flag and the value from → to. */
  readonly axis: AxisName;
  readonly flag: string;
  readonly from: number;
  readonly to: number;
  readonly metrics: CellMetrics;
  /** Human-readable improvements, e.g. "needless failover 12.0% → 0.0%". */
  readonly improvements: readonly string[];
}

export interface Answer {
  readonly params: SweepParams;
  readonly runs: number;
  readonly metrics: CellMetrics;
  readonly better: Neighbour | null;
}

type Format = (v: number) => string;
const pct: Format = (v) => `${(v * 100).toFixed(1)}%`;
const ms: Format = (v) => `${Math.round(v)} ms`;

function score(m: CellMetrics): readonly (readonly [string, number | null, Format])[] {
  const missed = m.failoverCompletedProbability === null ? null : 1 - m.failoverCompletedProbability;
  return [
    ['acked-write loss', m.ackedWriteLossProbability, pct],
    ['acked writes lost', m.lostWriteFractionMean, pct],
    ['needless failover', m.needlessFailoverProbability, pct],
    ['failover p99', m.failoverP99Ms, ms],
    ['no failover', missed, pct],
  ];
}

/** The improvements of `b` over `a` when b dominates a (no worse anywhere, better somewhere); else null. */
export function dominates(a: CellMetrics, b: CellMetrics): string[] | null {
  const sa = score(a);
  const sb = score(b);
  const improvements: string[] = [];
  sa.forEach(([name, va, fmt], i) => {
    const vb = sb[i]![1];
    if (va === null || vb === null) return;
    if (vb > va) improvements.push('\0worse');
    else if (vb < va) improvements.push(`${name} ${fmt(va)} → ${fmt(vb)}`);
  });
  if (improvements.includes('\0worse') || improvements.length === 0) return null;
  return improvements;
}

export function answerFor(grid: Grid, cells: readonly CellResult[]): Answer | null {
  const base = cells[0];
  if (base === undefined) return null;
  let better: Neighbour | null = null;
  for (const cell of cells) {
    if (!isNeighbour(grid, base.params, cell.params)) continue;
    const improvements = dominates(base.metrics, cell.metrics);
    if (improvements === null) continue;
    if (
      better !== null &&
      (better.metrics.failoverP99Ms ?? Infinity) <= (cell.metrics.failoverP99Ms ?? Infinity)
    ) {
      continue;
    }
    const axis = AXIS_NAMES.find((a) => base.params[a] !== cell.params[a])!;
    const change = { axis, flag: AXES[axis].flag, from: base.params[axis], to: cell.params[axis] };
    better = { params: cell.params, ...change, metrics: cell.metrics, improvements };
  }
  return { params: base.params, runs: base.runs, metrics: base.metrics, better };
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
  const b = answer.better;
  lines.push(
    b === null
      ? '  no neighbouring configuration in this grid does better on every measure'
      : `  better: ${b.flag} ${b.to} (instead of ${b.from}): ${b.improvements.join(', ')}`,
  );
  return lines;
}
