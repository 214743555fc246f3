// The Jepsen-style timeline: one lane per node. Redis lanes show the role over time (master, replica,
// down, paused); sentinel lanes carry their events as dots (hover for the exact text) and the master they
// report; client lanes show operations coloured by outcome; fault periods are shaded across the lanes
// they hit.
import type { History } from '../check/history.js';
import { Plot, renderPlot } from './plot-dom.js';
import { eventColors, faultColor, outcomeColors, stateColors, type EventCategory } from './palette.js';
import { buildTimeline, type EventMark, type OpBar, type TimelineModel } from './timeline-model.js';

/** More bars than this (after merging adjacent equal outcomes) are sampled evenly. */
export const MAX_OP_BARS = 20_000;

export interface TimelineOptions {
  readonly name?: string;
  readonly width?: number;
  /** Restrict to a time window (ms). */
  readonly fromMs?: number;
  readonly toMs?: number;
}

export interface RenderedTimeline {
  readonly svg: string;
  /** Human-readable note when operations were merged or sampled; empty otherwise. */
  readonly note: string;
}

export const secs = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

export function renderTimeline(history: History, options: TimelineOptions = {}): RenderedTimeline {
  const model = buildTimeline(history);
  const { bars, note } = limitBars(model);
  const fromS = (options.fromMs ?? 0) / 1000;
  const toS = (options.toMs ?? model.endMs) / 1000;
  const inWindow = <T extends { startMs: number; endMs: number }>(d: T): boolean =>
    d.endMs / 1000 >= fromS && d.startMs / 1000 <= toS;
  const laneHeightPx = 30;
  const width = options.width ?? 1200;
  const msPerPx = (1000 * Math.max(1e-9, toS - fromS)) / (width - 100);
  const labelRows = faultLabelRows(
    model.faults
      .filter(inWindow)
      .map((f) => ({ atS: Math.max(fromS, f.startMs / 1000), text: faultText(f, fromS) })),
    (width - 100) / Math.max(1e-9, toS - fromS),
  );
  const extraTopPx = LABEL_ROW_PX * Math.max(0, ...labelRows.map((r) => r));
  const svg = renderPlot(options.name ?? 'timeline', {
    width,
    height: model.lanes.length * laneHeightPx + 80 + extraTopPx,
    marginLeft: 80,
    marginTop: 28 + extraTopPx,
    marginRight: 20,
    marginBottom: 44,
    x: {
      domain: [fromS, toS],
      label: 'time since start of run (s) →',
      grid: true,
      labelAnchor: 'right',
      labelOffset: 38,
    },
    y: { domain: model.lanes.map((l) => l.name), label: null, tickSize: 0, padding: 0.08 },
    // Dot radii are pixels, not data to scale.
    r: { type: 'identity' },
    style: { fontSize: '12px', background: 'white' },
    marks: [
      ...faultMarks(model, fromS, toS, labelRows),
      Plot.barX(model.segments.filter(inWindow), {
        x1: (d) => Math.max(fromS, d.startMs / 1000),
        x2: (d) => Math.min(toS, d.endMs / 1000),
        y: 'lane',
        fill: (d) => stateColors[d.state] ?? '#ccc',
        insetTop: 4,
        insetBottom: 4,
        title: (d) => `${d.lane}: ${d.label}\n${secs(d.startMs)} – ${secs(d.endMs)}`,
      }),
      Plot.barX(bars.filter(inWindow), {
        x1: (d) => Math.max(fromS, d.startMs / 1000),
        // At least MIN_OP_BAR_PX wide: a 1 ms write on a 100 s axis would otherwise be invisible, and a
        // client writing 10 times a second showed an empty lane.
        x2: (d) => Math.min(toS, Math.max(d.endMs, d.startMs + MIN_OP_BAR_PX * msPerPx) / 1000),
        y: 'lane',
        fill: (d: OpBar) => outcomeColors[d.outcome],
        insetTop: 7,
        insetBottom: 7,
        title: (d) =>
          `${d.count} operation${d.count === 1 ? '' : 's'}: ${d.outcome}\n${secs(d.startMs)} – ${secs(d.endMs)}`,
      }),
      Plot.text(
        model.views.filter((v) => v.atMs / 1000 >= fromS && v.atMs / 1000 <= toS),
        {
          x: (d) => d.atMs / 1000,
          y: 'lane',
          text: (d) => `▸${d.masterNode ?? '?'}`,
          dy: -9,
          textAnchor: 'start',
          fontSize: 9,
          fill: '#333',
          title: (d) => `${d.lane} reports master ${d.masterNode ?? '(none)'} from ${secs(d.atMs)}`,
        },
      ),
      Plot.dot(eventDots(model.events, fromS, toS, width - 100), {
        x: (d: EventDot) => d.atMs / 1000,
        y: 'lane',
        r: (d: EventDot) => (d.events.length > 1 ? 5.5 : 4.5),
        fill: (d: EventDot) => eventColors[d.category],
        stroke: (d: EventDot) => (d.events.length > 1 ? '#222' : 'white'),
        strokeWidth: 0.8,
        title: (d: EventDot) =>
          `${d.lane}\n` + d.events.map((e) => `${secs(e.atMs)}  ${e.type} ${e.message}`).join('\n'),
      }),
    ],
  });
  return { svg, note };
}

/** Rare, important events are drawn last so that routine ones (+slave, +sentinel) never hide them. */
const CATEGORY_ORDER: readonly EventCategory[] = [
  'other',
  'recovery',
  'detection',
  'failover',
  'election',
  'switch',
  'abort',
];

interface EventDot {
  readonly lane: string;
  readonly atMs: number;
  readonly category: EventCategory;
  readonly events: readonly EventMark[];
}

/**
 * Events of one lane closer than DOT_MERGE_PX are one dot (coloured by its most important event) whose
 * hover text lists them all in order: a failover emits several events in the same millisecond (§15).
 * Rare, important categories are drawn last so routine events (+slave, +sentinel) never hide them.
 */
function eventDots(
  events: readonly EventMark[],
  fromS: number,
  toS: number,
  plotWidthPx: number,
): EventDot[] {
  const msPerPx = ((toS - fromS) * 1000) / Math.max(1, plotWidthPx);
  const rank = (c: EventCategory): number => CATEGORY_ORDER.indexOf(c);
  const dots: EventDot[] = [];
  const open = new Map<string, { lane: string; atMs: number; events: EventMark[] }>();
  const flush = (lane: string): void => {
    const g = open.get(lane);
    if (g === undefined) return;
    const category = g.events.reduce<EventCategory>(
      (c, e) => (rank(e.category) > rank(c) ? e.category : c),
      'other',
    );
    dots.push({ lane, atMs: g.atMs, category, events: g.events });
    open.delete(lane);
  };
  for (const e of events) {
    if (e.atMs / 1000 < fromS || e.atMs / 1000 > toS) continue;
    const g = open.get(e.lane);
    if (g !== undefined && (e.atMs - g.atMs) / msPerPx < DOT_MERGE_PX) {
      g.events.push(e);
      continue;
    }
    flush(e.lane);
    open.set(e.lane, { lane: e.lane, atMs: e.atMs, events: [e] });
  }
  for (const lane of [...open.keys()]) flush(lane);
  return dots.sort((a, b) => rank(a.category) - rank(b.category) || a.atMs - b.atMs);
}

const DOT_MERGE_PX = 4;
const MIN_OP_BAR_PX = 1.5;
const LABEL_ROW_PX = 14;
/** Bold 12px text: a generous average glyph width, so estimated labels never overlap. */
const LABEL_CHAR_PX = 7.5;

type Fault = TimelineModel['faults'][number];

function faultText(d: Fault, fromS: number): string {
  return (
    `⚡ ${d.op} ${d.lanes.length <= 2 ? d.lanes.join(', ') : `${d.lanes.length} nodes`}` +
    (d.startMs / 1000 < fromS ? ` (since ${secs(d.startMs)})` : '')
  );
}

/**
 * Rows (0 = nearest the plot) for fault labels so that labels starting close together (a pause at
 * 6.5 s, a crash at 10 s) do not print over each other: each label takes the first row whose previous
 * label ends (estimated width) before it starts.
 */
export function faultLabelRows(labels: readonly { atS: number; text: string }[], pxPerS: number): number[] {
  const rowEndPx: number[] = [];
  const order = labels.map((l, i) => ({ ...l, i })).sort((a, b) => a.atS - b.atS || a.i - b.i);
  const rows = new Array<number>(labels.length).fill(0);
  for (const l of order) {
    const x = l.atS * pxPerS;
    let row = rowEndPx.findIndex((end) => end <= x);
    if (row === -1) row = rowEndPx.length;
    rowEndPx[row] = x + [...l.text].length * LABEL_CHAR_PX + 6;
    rows[l.i] = row;
  }
  return rows;
}

function faultMarks(
  model: TimelineModel,
  fromS: number,
  toS: number,
  labelRows: readonly number[],
): Plot.Markish[] {
  const visible = model.faults.filter((f) => f.endMs / 1000 >= fromS && f.startMs / 1000 <= toS);
  const rowOf = new Map(visible.map((f, i) => [f, labelRows[i] ?? 0]));
  const perLane = visible.flatMap((f) => f.lanes.map((lane) => ({ ...f, lane })));
  const label = (f: (typeof visible)[number]): string =>
    `fault ${f.op}${f.detail ? ` (${f.detail})` : ''} on ${f.lanes.join(', ')}\n` +
    `${secs(f.startMs)} – ${f.healed ? secs(f.endMs) : 'end (not healed)'}`;
  return [
    Plot.barX(perLane, {
      x1: (d) => Math.max(fromS, d.startMs / 1000),
      x2: (d) => Math.min(toS, Math.max(d.endMs, d.startMs + 50) / 1000),
      y: 'lane',
      fill: faultColor,
      fillOpacity: 0.16,
      insetTop: -2,
      insetBottom: -2,
      title: label,
    }),
    Plot.ruleX(visible, {
      x: (d) => Math.max(fromS, d.startMs / 1000),
      stroke: faultColor,
      strokeDasharray: '4,3',
    }),
    ...[...new Set(labelRows)].map((row) =>
      Plot.text(
        visible.filter((f) => rowOf.get(f) === row),
        {
          x: (d: Fault) => Math.max(fromS, d.startMs / 1000),
          text: (d: Fault) => faultText(d, fromS),
          frameAnchor: 'top',
          dy: -14 - LABEL_ROW_PX * row,
          textAnchor: 'start',
          fill: faultColor,
          fontWeight: 'bold',
          title: label,
        },
      ),
    ),
  ];
}

/** Caps the number of drawn operation bars; says what was done. */
function limitBars(model: TimelineModel): { bars: readonly OpBar[]; note: string } {
  const merged = model.ops.length < model.opCount;
  let bars = model.ops;
  let note = merged
    ? `${model.opCount.toLocaleString('en-US')} operations drawn as ${bars.length.toLocaleString('en-US')} bars: ` +
      'consecutive operations of a client with the same outcome are merged when closer than one pixel (hover a bar for its count).'
    : '';
  if (bars.length > MAX_OP_BARS) {
    const total = bars.length;
    const step = Math.ceil(total / MAX_OP_BARS);
    bars = bars.filter((b, i) => i % step === 0 || b.outcome !== 'ok');
    let kept =
      'only 1 in ' + String(step) + ' successful bars is drawn (all failed and unknown ones are kept)';
    if (bars.length > MAX_OP_BARS) {
      const all = Math.ceil(bars.length / MAX_OP_BARS);
      bars = bars.filter((_, i) => i % all === 0);
      kept = `1 in about ${step * all} bars of every outcome is drawn`;
    }
    note += ` That is more than ${MAX_OP_BARS.toLocaleString('en-US')} bars: ${kept}; ${bars.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} bars are shown.`;
  }
  return { bars, note };
}
