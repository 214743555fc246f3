// Sweep heatmaps: one chart per metric over a two-parameter grid (e.g. quorum × number of Sentinels).
// Cells that share grid coordinates (because other parameters vary too) are averaged, and the page says so.
import { Plot, renderPlot } from './plot-dom.js';
import { ReportError, type SweepCell, type SweepInput } from './types.js';

interface MetricInfo {
  readonly label: string;
  readonly format: (v: number) => string;
  /** Shorter format for legend ticks, which sit closer together than cells. */
  readonly legendFormat?: (v: number) => string;
}

const pct = (v: number): string => `${(v * 100).toFixed(v < 0.01 && v > 0 ? 2 : 1)}%`;
const sec = (v: number): string => `${(v / 1000).toFixed(v < 10_000 ? 2 : 1)} s`;
const secShort = (v: number): string => `${(v / 1000).toFixed(1)} s`;

/** Known metrics, in display order; any other metric is shown after them with a plain number format. */
export const knownMetrics: Readonly<Record<string, MetricInfo>> = {
  failoverP50Ms: { label: 'failover time p50', format: sec, legendFormat: secShort },
  failoverP99Ms: { label: 'failover time p99', format: sec, legendFormat: secShort },
  needlessFailoverProbability: { label: 'needless-failover probability', format: pct },
  // The sweep's own metric names (src/sweep/aggregate.ts), so its heatmaps are labelled and formatted.
  ackedWriteLossProbability: { label: 'probability of losing acknowledged writes', format: pct },
  lostWriteFractionMean: { label: 'lost acknowledged writes (mean fraction)', format: pct },
  lostWriteFraction: { label: 'lost acknowledged writes (fraction)', format: pct },
  failoverCompletedProbability: { label: 'runs that failed over', format: pct },
  failoverP90Ms: { label: 'failover time p90', format: sec, legendFormat: secShort },
  failoverMaxMs: { label: 'failover time max', format: sec, legendFormat: secShort },
  failoverMeanMs: { label: 'failover time mean', format: sec, legendFormat: secShort },
  failoverCountMean: { label: 'failovers per run (mean)', format: (v) => v.toFixed(2) },
  unjudgedRuns: { label: 'runs not judged', format: (v) => String(Math.round(v)) },
};

export interface GridCell {
  readonly x: string;
  readonly y: string;
  readonly value: number | null;
  readonly merged: number;
}

export interface Heatmap {
  readonly metric: string;
  readonly svg: string;
}

export function axesOf(sweep: SweepInput): [string, string | null] {
  const varying = paramNames(sweep.cells).filter(
    (p) => new Set(sweep.cells.map((c) => c.params[p])).size > 1,
  );
  const names = paramNames(sweep.cells);
  const x = sweep.xParam ?? varying[0] ?? names[0];
  if (x === undefined) throw new ReportError('REPORT_BAD_INPUT', 'sweep.cells: no cell has any params');
  const y = sweep.yParam ?? varying.find((p) => p !== x) ?? null;
  for (const p of [x, y]) {
    if (p !== null && !names.includes(p))
      throw new ReportError('REPORT_BAD_INPUT', `sweep.xParam/yParam: no cell has param "${p}"`);
  }
  return [x, y];
}

function paramNames(cells: readonly SweepCell[]): string[] {
  return [...new Set(cells.flatMap((c) => Object.keys(c.params)))];
}

export function metricNames(cells: readonly SweepCell[]): string[] {
  const all = new Set(cells.flatMap((c) => Object.keys(c.metrics)));
  return [
    ...Object.keys(knownMetrics).filter((m) => all.has(m)),
    ...[...all].filter((m) => !(m in knownMetrics)),
  ];
}

/** Ordered axis values: numbers ascending, then strings in first-seen order. */
function axisValues(cells: readonly SweepCell[], p: string | null): string[] {
  if (p === null) return ['all'];
  const values = [...new Set(cells.map((c) => c.params[p]).filter((v) => v !== undefined))];
  const nums = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  return [...nums.map(String), ...values.filter((v) => typeof v === 'string')];
}

export function gridOf(cells: readonly SweepCell[], x: string, y: string | null, metric: string): GridCell[] {
  const acc = new Map<string, { x: string; y: string; sum: number; n: number; merged: number }>();
  for (const c of cells) {
    const cx = String(c.params[x] ?? '—');
    const cy = y === null ? 'all' : String(c.params[y] ?? '—');
    const key = `${cx}\u0000${cy}`;
    const a = acc.get(key) ?? { x: cx, y: cy, sum: 0, n: 0, merged: 0 };
    const v = c.metrics[metric];
    if (typeof v === 'number' && Number.isFinite(v)) Object.assign(a, { sum: a.sum + v, n: a.n + 1 });
    acc.set(key, { ...a, merged: a.merged + 1 });
  }
  return [...acc.values()].map((a) => ({
    x: a.x,
    y: a.y,
    value: a.n === 0 ? null : a.sum / a.n,
    merged: a.merged,
  }));
}

export function renderHeatmaps(sweep: SweepInput): { heatmaps: Heatmap[]; note: string } {
  const [x, y] = axesOf(sweep);
  const xs = axisValues(sweep.cells, x);
  const ys = axisValues(sweep.cells, y);
  const heatmaps = metricNames(sweep.cells).map((metric, i) => {
    const grid = gridOf(sweep.cells, x, y, metric);
    return { metric, svg: renderOne(`heatmap-${i}`, metric, grid, { x, y, xs, ys }) };
  });
  const merged = Math.max(0, ...gridOf(sweep.cells, x, y, '').map((g) => g.merged));
  const note =
    merged > 1
      ? `Up to ${merged} cells share a (${x}, ${y ?? '—'}) point because other parameters vary; they are averaged.`
      : '';
  return { heatmaps, note };
}

interface Axes {
  readonly x: string;
  readonly y: string | null;
  readonly xs: readonly string[];
  readonly ys: readonly string[];
}

function renderOne(name: string, metric: string, grid: readonly GridCell[], axes: Axes): string {
  const info = knownMetrics[metric] ?? {
    label: metric,
    format: (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)),
  };
  const values = grid.map((g) => g.value).filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const dark = (g: GridCell): boolean => g.value !== null && hi > lo && (g.value - lo) / (hi - lo) > 0.6;
  const label = (g: GridCell): string => (g.value === null ? 'n/a' : info.format(g.value));
  const title = (g: GridCell): string =>
    `${axes.x}=${g.x}${axes.y === null ? '' : `, ${axes.y}=${g.y}`}\n${info.label}: ${label(g)}` +
    (g.merged > 1 ? `\n(mean of ${g.merged} cells)` : '');
  const measured = grid.filter((g) => g.value !== null);
  return renderPlot(name, {
    width: Math.min(580, Math.max(380, 90 + axes.xs.length * 70)),
    height: 80 + axes.ys.length * 36,
    marginLeft: 70,
    padding: 0.04,
    x: { domain: [...axes.xs], label: `${axes.x} →`, tickSize: 0 },
    y: { domain: [...axes.ys], label: axes.y === null ? null : `↑ ${axes.y}`, tickSize: 0, reverse: true },
    color: {
      type: 'quantize',
      n: 5,
      scheme: 'ylorrd',
      domain: values.length === 0 ? [0, 1] : lo === hi ? [lo, lo + (Math.abs(lo) || 1)] : [lo, hi],
      legend: true,
      label: info.label,
      tickFormat: info.legendFormat ?? info.format,
    },
    style: { fontSize: '12px', background: 'white' },
    marks: [
      Plot.cell(
        grid.filter((g) => g.value === null),
        { x: 'x', y: 'y', fill: '#eeeeee', title },
      ),
      Plot.cell(measured, { x: 'x', y: 'y', fill: 'value', title }),
      Plot.text(
        grid.filter((g) => !dark(g)),
        { x: 'x', y: 'y', text: label, fill: '#222', fontSize: 11 },
      ),
      Plot.text(grid.filter(dark), { x: 'x', y: 'y', text: label, fill: 'white', fontSize: 11 }),
    ],
  });
}
