// Failover-time histogram and empirical CDF, with the configured budget marked. Input: durations in
// milliseconds (one per failover, or one per run in a sweep) and the budget.
import { Plot, renderPlot } from './plot-dom.js';
import { budgetColor } from './palette.js';

/** The CDF line is drawn through at most this many points (exact quantiles, evenly spaced). */
const MAX_CDF_POINTS = 1_000;
const HISTOGRAM_BINS = 40;

const binTitle = (bin: readonly number[]): string => `${bin.length} failover${bin.length === 1 ? '' : 's'}`;

export interface DurationStats {
  readonly count: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Fraction of durations within the budget. */
  readonly withinBudget: number;
}

/** Nearest-rank quantile of sorted values (q in [0, 1]). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function durationStats(durationsMs: readonly number[], budgetMs: number): DurationStats {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1] ?? NaN,
    withinBudget: sorted.length === 0 ? NaN : sorted.filter((d) => d <= budgetMs).length / sorted.length,
  };
}

/** The budget line and its label; the label sits right of the line unless that would leave the frame. */
function budgetMarks(budgetS: number, maxS: number, anchor: 'top' | 'bottom'): Plot.Markish[] {
  const right = budgetS < maxS * 0.75;
  return [
    Plot.ruleX([budgetS], { stroke: budgetColor, strokeWidth: 2, strokeDasharray: '6,4' }),
    Plot.text([budgetS], {
      x: (d: number) => d,
      text: () => `budget ${budgetS} s`,
      frameAnchor: anchor,
      textAnchor: right ? 'start' : 'end',
      dx: right ? 5 : -5,
      dy: anchor === 'top' ? 4 : -12,
      fill: budgetColor,
      stroke: 'white',
      strokeWidth: 4,
      paintOrder: 'stroke',
      fontWeight: 'bold',
    }),
  ];
}

export function renderHistogram(name: string, durationsMs: readonly number[], budgetMs: number): string {
  const seconds = durationsMs.map((d) => d / 1000);
  const budgetS = budgetMs / 1000;
  const maxS = Math.max(budgetS * 1.05, ...seconds.map((s) => s * 1.02));
  // Shared bin edges, so the within-budget and over-budget bars line up (budget is an edge).
  const widthS = maxS / HISTOGRAM_BINS;
  const edges = [...Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => i * widthS), budgetS].sort(
    (a, b) => a - b,
  );
  return renderPlot(name, {
    width: 580,
    height: 280,
    marginTop: 24,
    marginLeft: 50,
    x: { label: 'failover time (s) →', domain: [0, maxS] },
    y: {
      label: '↑ failovers',
      grid: true,
      ticks: Math.min(5, Math.max(1, seconds.length)),
      tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : ''),
    },
    style: { fontSize: '12px', background: 'white' },
    marks: [
      Plot.rectY(
        seconds.filter((d) => d <= budgetS),
        {
          ...Plot.binX({ y: 'count', title: binTitle }, { x: (d: number) => d, thresholds: edges }),
          fill: '#4e79a7',
          inset: 0.5,
        },
      ),
      Plot.rectY(
        seconds.filter((d) => d > budgetS),
        {
          ...Plot.binX({ y: 'count', title: binTitle }, { x: (d: number) => d, thresholds: edges }),
          fill: budgetColor,
          inset: 0.5,
        },
      ),
      Plot.ruleY([0]),
      ...budgetMarks(budgetS, maxS, 'top'),
    ],
  });
}

export function renderCdf(name: string, durationsMs: readonly number[], budgetMs: number): string {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const n = sorted.length;
  const step = Math.max(1, Math.ceil(n / MAX_CDF_POINTS));
  const points = sorted
    .map((d, i) => ({ s: d / 1000, p: (i + 1) / n }))
    .filter((_, i) => i % step === 0 || i === n - 1);
  const budgetS = budgetMs / 1000;
  const within = n === 0 ? 0 : sorted.filter((d) => d <= budgetMs).length / n;
  const maxS = Math.max(budgetS * 1.05, ((sorted[n - 1] ?? 0) / 1000) * 1.02);
  return renderPlot(name, {
    width: 580,
    height: 280,
    marginTop: 24,
    marginLeft: 50,
    x: {
      label: 'failover time (s) →',
      domain: [0, Math.max(budgetS * 1.05, ((sorted[n - 1] ?? 0) / 1000) * 1.02)],
    },
    y: { label: '↑ fraction of failovers ≤ x', domain: [0, 1], grid: true, percent: false },
    style: { fontSize: '12px', background: 'white' },
    marks: [
      Plot.line(points, { x: 's', y: 'p', curve: 'step-after', stroke: '#4e79a7', strokeWidth: 2 }),
      Plot.dot(points.length <= 50 ? points : [], { x: 's', y: 'p', r: 2.5, fill: '#4e79a7' }),
      Plot.ruleY([within], { stroke: budgetColor, strokeOpacity: 0.5, strokeDasharray: '2,3' }),
      Plot.text([within], {
        x: maxS,
        y: (d: number) => d,
        text: (d: number) => `${(d * 100).toFixed(1)}% within budget`,
        textAnchor: 'end',
        dy: 10,
        stroke: 'white',
        strokeWidth: 4,
        paintOrder: 'stroke',
        fill: budgetColor,
      }),
      ...budgetMarks(budgetS, maxS, 'bottom'),
    ],
  });
}
