// Space-time (Lamport) diagram of the messages around one failover, drawn from the optional `message`
// records of the history (src/check/history.ts). Processes are horizontal lines; each message is an
// arrow from its send to its receive. The x axis is the *order* of events (every send, receive and
// Sentinel event gets the next position), not true time: LAN latencies are far below a pixel, so a true
// time axis would draw every arrow vertical. Tick labels give the true time at that position.
import type { History } from '../check/history.js';
import { Plot, renderPlot } from './plot-dom.js';
import { eventCategory, eventColors } from './palette.js';
import { lanesOf } from './timeline-model.js';
import { secs } from './timeline.js';
import type { FailoverWindow } from './windows.js';

/** More messages than this in one window: periodic ones (PING/PONG/INFO) are sampled. */
export const MAX_MESSAGES_PER_DIAGRAM = 400;

export type MessageClass = 'periodic' | 'hello' | 'vote' | 'reconfigure' | 'other';

export const messageColors: Readonly<Record<MessageClass | 'lost', string>> = {
  periodic: '#b0b0b0',
  hello: '#4e79a7',
  vote: '#9467bd',
  reconfigure: '#2ca02c',
  other: '#555555',
  lost: '#d62728',
};

export function messageClass(summary: string): MessageClass {
  const s = summary.toLowerCase();
  if (/^(ping|\+pong|pong|info|\$info|role)\b/.test(s)) return 'periodic';
  // A bare integer reply is, in a Sentinel's conversations, the subscriber count answering a hello PUBLISH.
  if (/^:\d+$/.test(s)) return 'periodic';
  if (s.startsWith('hello') || s.includes('__sentinel__:hello')) return 'hello';
  if (s.includes('is-master-down-by-addr') || s.startsWith('down=') || s.includes('leader=')) return 'vote';
  if (s.includes('slaveof') || s.includes('replicaof') || s.startsWith('+ok')) return 'reconfigure';
  // The rest of the SLAVEOF transaction (§10.1): MULTI … CONFIG REWRITE, CLIENT KILL … EXEC.
  if (/^(multi|exec|config rewrite|client kill|\+queued)\b/.test(s)) return 'reconfigure';
  return 'other';
}

interface Msg {
  readonly msgId: number;
  readonly from: string;
  readonly to: string;
  readonly summary: string;
  readonly sendMs: number;
  readonly receiveMs: number | null;
}

export function hasMessages(history: History): boolean {
  return history.some((r) => r.payload.kind === 'message');
}

function messagesIn(history: History, w: FailoverWindow): Msg[] {
  const byId = new Map<number, Msg>();
  for (const r of history) {
    const p = r.payload;
    if (p.kind !== 'message') continue;
    if (p.phase === 'send' && r.trueMs >= w.fromMs && r.trueMs <= w.toMs) {
      byId.set(p.msgId, {
        msgId: p.msgId,
        from: p.from,
        to: p.to,
        summary: p.summary,
        sendMs: r.trueMs,
        receiveMs: null,
      });
    } else if (p.phase === 'receive') {
      const m = byId.get(p.msgId);
      if (m !== undefined) byId.set(p.msgId, { ...m, receiveMs: r.trueMs });
    }
  }
  return [...byId.values()];
}

/** Keeps every non-periodic message and an even sample of the periodic ones. */
function limit(msgs: readonly Msg[]): { kept: Msg[]; note: string } {
  if (msgs.length <= MAX_MESSAGES_PER_DIAGRAM) return { kept: [...msgs], note: '' };
  const special = msgs.filter((m) => messageClass(m.summary) !== 'periodic' || m.receiveMs === null);
  const periodic = msgs.filter((m) => !special.includes(m));
  const room = Math.max(0, MAX_MESSAGES_PER_DIAGRAM - special.length);
  const step = Math.max(1, Math.ceil(periodic.length / Math.max(1, room)));
  const kept = [...special, ...periodic.filter((_, i) => i % step === 0)].sort((a, b) => a.sendMs - b.sendMs);
  return {
    kept,
    note: `${msgs.length} messages in this window; every message that is not a periodic PING/INFO exchange is drawn, and 1 in ${step} periodic ones.`,
  };
}

interface Point {
  readonly atMs: number;
  readonly key: string;
}

export function renderLamport(history: History, w: FailoverWindow): { svg: string; note: string } {
  const { kept, note } = limit(messagesIn(history, w));
  const events = history.flatMap((r) =>
    r.payload.kind === 'sentinel-event' && r.trueMs >= w.fromMs && r.trueMs <= w.toMs
      ? [{ lane: r.node, atMs: r.trueMs, type: r.payload.type, message: r.payload.message }]
      : [],
  );
  // Order every point on the diagram; ties keep sends before receives before events (stable sort).
  const points: Point[] = [
    ...kept.map((m) => ({ atMs: m.sendMs, key: `s${m.msgId}` })),
    ...kept.flatMap((m) => (m.receiveMs === null ? [] : [{ atMs: m.receiveMs, key: `r${m.msgId}` }])),
    ...events.map((e, i) => ({ atMs: e.atMs, key: `e${i}` })),
  ].sort((a, b) => a.atMs - b.atMs);
  const rank = new Map(points.map((p, i) => [p.key, i]));
  const timeAt = points.map((p) => p.atMs);
  const used = new Set([...kept.flatMap((m) => [m.from, m.to]), ...events.map((e) => e.lane)]);
  const lanes = lanesOf(history)
    .map((l) => l.name)
    .filter((n) => used.has(n));
  const lost = kept.filter((m) => m.receiveMs === null);
  const delivered = kept.filter((m) => m.receiveMs !== null);
  const xMax = Math.max(1, points.length);
  const layout = {
    width: 1200,
    height: Math.max(180, lanes.length * 44 + 124),
    left: 80,
    right: 30,
    top: 80,
    bottom: 44,
  };
  const xPx = (r: number): number => ((r + 1) / (xMax + 1)) * (layout.width - layout.left - layout.right);
  const lanePx = (layout.height - layout.top - layout.bottom) / Math.max(1, lanes.length);
  const labelled = spacedLabels(
    events
      .map((e, i) => ({ ...e, rank: rank.get(`e${i}`) ?? 0 }))
      .filter((e) => eventCategory(e.type) !== 'other')
      .map((e) => ({ ...e, diagonalPx: xPx(e.rank) - lanes.indexOf(e.lane) * lanePx })),
  );
  const svg = renderPlot(`lamport-${w.index}`, {
    width: layout.width,
    height: layout.height,
    marginLeft: layout.left,
    marginTop: layout.top,
    marginRight: layout.right,
    marginBottom: layout.bottom,
    x: {
      domain: [-1, xMax],
      label: 'order of events (not to scale); ticks show true time →',
      labelAnchor: 'right',
      labelOffset: 38,
      ticks: tickRanks(points.length),
      tickFormat: (r: number) => secs(timeAt[Math.round(r)] ?? w.toMs),
    },
    y: { domain: lanes, label: null, tickSize: 0 },
    style: { fontSize: '12px', background: 'white' },
    marks: [
      Plot.ruleY(lanes, { stroke: '#999', strokeWidth: 1 }),
      Plot.arrow(delivered, {
        x1: (m: Msg) => rank.get(`s${m.msgId}`),
        x2: (m: Msg) => rank.get(`r${m.msgId}`),
        y1: 'from',
        y2: 'to',
        stroke: (m: Msg) => messageColors[messageClass(m.summary)],
        strokeWidth: (m: Msg) => (messageClass(m.summary) === 'periodic' ? 0.7 : 1.6),
        headLength: 6,
        bend: false,
        title: (m: Msg) =>
          `${m.from} → ${m.to}: ${m.summary}\nsent ${secs(m.sendMs)}, received ${secs(m.receiveMs!)}`,
      }),
      Plot.arrow(lost, {
        x1: (m: Msg) => rank.get(`s${m.msgId}`),
        x2: (m: Msg) => (rank.get(`s${m.msgId}`) ?? 0) + 2,
        y1: 'from',
        y2: 'to',
        stroke: messageColors.lost,
        strokeDasharray: '3,2',
        headLength: 0,
        title: (m: Msg) => `LOST ${m.from} → ${m.to}: ${m.summary}\nsent ${secs(m.sendMs)}, never received`,
      }),
      Plot.dot(events, {
        x: (_e, i: number) => rank.get(`e${i}`),
        y: 'lane',
        r: 4,
        fill: (e: { type: string }) => eventColors[eventCategory(e.type)],
        stroke: 'white',
        title: (e: (typeof events)[number]) => `${e.lane} @ ${secs(e.atMs)}\n${e.type} ${e.message}`,
      }),
      Plot.text(labelled, {
        x: 'rank',
        y: 'lane',
        text: 'label',
        rotate: -45,
        dy: -8,
        dx: 2,
        textAnchor: 'start',
        fontSize: 9,
        fill: '#222',
      }),
    ],
  });
  return { svg, note };
}

const LABEL_SPACING_PX = 12;

interface Labelled {
  readonly lane: string;
  readonly rank: number;
  readonly type: string;
  /**
   * Labels are rotated 45° up-right, so every label lies on a diagonal line x − y = const (in pixels,
   * y downwards: x − laneIndex·lanePx). Two labels collide when their diagonals are closer than a line
   * of text, whatever their lanes.
   */
  readonly diagonalPx: number;
}

/** Drops labels whose diagonal is too close to a kept one; a kept label counts the hidden events of its lane. */
function spacedLabels(events: readonly Labelled[]): { lane: string; rank: number; label: string }[] {
  const out: { lane: string; rank: number; label: string; hidden: number; diagonalPx: number }[] = [];
  for (const e of [...events].sort((a, b) => a.diagonalPx - b.diagonalPx || a.rank - b.rank)) {
    const prev = out[out.length - 1];
    if (prev !== undefined && e.diagonalPx - prev.diagonalPx < LABEL_SPACING_PX) {
      if (prev.lane === e.lane) prev.hidden += 1;
      continue;
    }
    out.push({ lane: e.lane, rank: e.rank, label: e.type, hidden: 0, diagonalPx: e.diagonalPx });
  }
  return out.map((o) => ({
    lane: o.lane,
    rank: o.rank,
    label: o.hidden > 0 ? `${o.label} (+${o.hidden})` : o.label,
  }));
}

function tickRanks(n: number): number[] {
  const count = Math.min(8, n);
  if (count <= 1) return [0];
  return Array.from({ length: count }, (_, i) => Math.round((i * (n - 1)) / (count - 1)));
}
