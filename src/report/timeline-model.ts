// Turns a history into what the timeline draws: lanes, state segments, sentinel events, client
// operations (merged at display resolution) and fault periods. Pure; no rendering here.
import type { History, HistoryRecord, NodeKind, TopologyNode } from '../check/history.js';
import { eventCategory, type EventCategory } from './palette.js';

export type RedisState = 'master' | 'replica' | 'unknown' | 'down' | 'paused';
export type SentinelState = 'up' | 'down' | 'paused';
export type OpOutcome = 'ok' | 'fail' | 'unknown';

export interface Lane {
  readonly name: string;
  readonly kind: NodeKind;
}
export interface Segment {
  readonly lane: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly state: RedisState | SentinelState;
  readonly label: string;
}
export interface EventMark {
  readonly lane: string;
  readonly atMs: number;
  readonly type: string;
  readonly message: string;
  readonly category: EventCategory;
}
export interface ViewMark {
  readonly lane: string;
  readonly atMs: number;
  readonly masterNode: string | null;
}
export interface OpBar {
  readonly lane: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly outcome: OpOutcome;
  /** Number of operations merged into this bar. */
  readonly count: number;
}
export interface FaultPeriod {
  readonly startMs: number;
  readonly endMs: number;
  readonly op: string;
  readonly detail: string;
  /** Lanes it affects; every lane when the targets name no lane. */
  readonly lanes: readonly string[];
  readonly healed: boolean;
}

export interface TimelineModel {
  readonly lanes: readonly Lane[];
  readonly endMs: number;
  readonly segments: readonly Segment[];
  readonly events: readonly EventMark[];
  readonly views: readonly ViewMark[];
  readonly ops: readonly OpBar[];
  readonly opCount: number;
  readonly faults: readonly FaultPeriod[];
}

export function topologyOf(history: History): readonly TopologyNode[] {
  for (const r of history) if (r.payload.kind === 'topology') return r.payload.nodes;
  return [];
}

/** Lanes in a fixed order: sentinels, redis servers, clients (topology order within each kind). */
export function lanesOf(history: History): Lane[] {
  const known = new Map<string, NodeKind>();
  for (const n of topologyOf(history)) known.set(n.name, n.kind);
  for (const r of history) if (!known.has(r.node)) known.set(r.node, guessKind(r));
  const order: NodeKind[] = ['sentinel', 'redis', 'client'];
  return order.flatMap((kind) => [...known].filter(([, k]) => k === kind).map(([name]) => ({ name, kind })));
}

function guessKind(r: HistoryRecord): NodeKind {
  switch (r.payload.kind) {
    case 'sentinel-event':
    case 'sentinel-view':
    case 'config':
      return 'sentinel';
    case 'role':
      return 'redis';
    case 'op':
      return 'client';
    default:
      return r.node.startsWith('sentinel') ? 'sentinel' : r.node.startsWith('redis') ? 'redis' : 'nemesis';
  }
}

export function endOf(history: History): number {
  let end = 0;
  for (const r of history) end = Math.max(end, r.trueMs);
  return end;
}

// The page draws the whole run and a close-up of each failover from one model; histories are immutable,
// so the model is cached per history array.
const models = new WeakMap<History, TimelineModel>();

export function buildTimeline(history: History): TimelineModel {
  let model = models.get(history);
  if (model === undefined) {
    model = computeTimeline(history);
    models.set(history, model);
  }
  return model;
}

function computeTimeline(history: History): TimelineModel {
  const lanes = lanesOf(history);
  const endMs = endOf(history);
  const ops = opIntervals(history, endMs);
  return {
    lanes,
    endMs,
    segments: stateSegments(history, lanes, endMs),
    events: history.flatMap((r) =>
      r.payload.kind === 'sentinel-event'
        ? [
            {
              lane: r.node,
              atMs: r.trueMs,
              type: r.payload.type,
              message: r.payload.message,
              category: eventCategory(r.payload.type),
            },
          ]
        : [],
    ),
    views: history.flatMap((r) =>
      r.payload.kind === 'sentinel-view'
        ? [{ lane: r.node, atMs: r.trueMs, masterNode: r.payload.masterNode }]
        : [],
    ),
    ops: mergeOps(ops, endMs / 1500),
    opCount: ops.length,
    faults: faultPeriods(history, lanes, endMs),
  };
}

interface NodeState {
  process: 'up' | 'down' | 'paused';
  role: 'master' | 'replica' | 'unknown';
  masterNode: string | null;
  sinceMs: number;
}

function displayState(kind: NodeKind, s: NodeState): RedisState | SentinelState {
  if (s.process !== 'up') return s.process;
  return kind === 'redis' ? s.role : 'up';
}

function stateSegments(history: History, lanes: readonly Lane[], endMs: number): Segment[] {
  const states = new Map<string, NodeState>();
  const kinds = new Map(lanes.map((l) => [l.name, l.kind]));
  const out: Segment[] = [];
  const close = (node: string, s: NodeState, atMs: number): void => {
    if (atMs > s.sinceMs) {
      const state = displayState(kinds.get(node) ?? 'redis', s);
      const label = state === 'replica' && s.masterNode !== null ? `replica of ${s.masterNode}` : state;
      out.push({ lane: node, startMs: s.sinceMs, endMs: atMs, state, label });
    }
  };
  for (const l of lanes) {
    if (l.kind !== 'client')
      states.set(l.name, { process: 'up', role: 'unknown', masterNode: null, sinceMs: 0 });
  }
  for (const r of history) {
    const s = states.get(r.node);
    const p = r.payload;
    if (s === undefined || (p.kind !== 'process' && p.kind !== 'role')) continue;
    const next = { ...s };
    if (p.kind === 'role') Object.assign(next, { role: p.role, masterNode: p.masterNode });
    else next.process = p.state === 'crashed' ? 'down' : p.state === 'paused' ? 'paused' : 'up';
    if (p.kind === 'process' && p.state === 'restarted')
      Object.assign(next, { role: 'unknown', masterNode: null });
    const kind = kinds.get(r.node) ?? 'redis';
    const changed = displayState(kind, next) !== displayState(kind, s) || next.masterNode !== s.masterNode;
    if (!changed) continue;
    close(r.node, s, r.trueMs);
    states.set(r.node, { ...next, sinceMs: r.trueMs });
  }
  for (const [node, s] of states) close(node, s, endMs);
  return out;
}

interface OpInterval {
  lane: string;
  startMs: number;
  endMs: number;
  outcome: OpOutcome;
}

function opIntervals(history: History, endMs: number): OpInterval[] {
  const open = new Map<string, OpInterval>();
  const done: OpInterval[] = [];
  for (const r of history) {
    if (r.payload.kind !== 'op') continue;
    const key = `${r.node}\u0000${r.payload.opId}`;
    if (r.payload.phase === 'invoke') {
      open.set(key, { lane: r.node, startMs: r.trueMs, endMs, outcome: 'unknown' });
      continue;
    }
    const op = open.get(key);
    if (op === undefined) continue;
    open.delete(key);
    const outcome = r.payload.phase === 'info' ? 'unknown' : r.payload.phase;
    done.push({ ...op, endMs: r.trueMs, outcome });
  }
  // Never completed: unknown outcome, drawn to the end of the run.
  done.push(...open.values());
  return done.sort((a, b) => a.startMs - b.startMs);
}

/** Merges consecutive operations of one client with the same outcome when the gap is < `gapMs`. */
export function mergeOps(ops: readonly OpInterval[], gapMs: number): OpBar[] {
  const current = new Map<string, OpBar>();
  const out: OpBar[] = [];
  for (const op of ops) {
    const bar = current.get(op.lane);
    if (bar !== undefined && bar.outcome === op.outcome && op.startMs - bar.endMs <= gapMs) {
      current.set(op.lane, { ...bar, endMs: Math.max(bar.endMs, op.endMs), count: bar.count + 1 });
      continue;
    }
    if (bar !== undefined) out.push(bar);
    current.set(op.lane, { ...op, count: 1 });
  }
  out.push(...current.values());
  return out.sort((a, b) => a.startMs - b.startMs);
}

/** Faults that happen at an instant and are never healed (src/scenarios/types.ts FaultOp). */
const INSTANT_FAULTS: ReadonlySet<string> = new Set(['clock-jump']);

interface OpenFault {
  readonly startMs: number;
  readonly op: string;
  readonly detail: string;
  readonly targets: readonly string[];
}

function faultPeriods(history: History, lanes: readonly Lane[], endMs: number): FaultPeriod[] {
  const hosts = new Map<string, string[]>();
  for (const n of topologyOf(history)) hosts.set(n.host, [...(hosts.get(n.host) ?? []), n.name]);
  const laneNames = new Set(lanes.map((l) => l.name));
  const open = new Map<
    string,
    { startMs: number; op: string; detail: string; targets: readonly string[] }[]
  >();
  const out: FaultPeriod[] = [];
  const period = (f: OpenFault, atMs: number, healed: boolean): FaultPeriod => ({
    startMs: f.startMs,
    endMs: atMs,
    op: f.op,
    detail: f.detail,
    lanes: affected(f.targets),
    healed,
  });
  const affected = (targets: readonly string[]): string[] => {
    const names = targets.flatMap((t) => (laneNames.has(t) ? [t] : (hosts.get(t) ?? [])));
    const unique = [...new Set(names)].filter((n) => laneNames.has(n));
    return unique.length > 0 ? unique : [...laneNames];
  };
  for (const r of history) {
    if (r.payload.kind !== 'fault') continue;
    const p = r.payload;
    const key = `${p.op}\u0000${[...p.targets].sort().join(',')}`;
    if (p.phase === 'apply' && INSTANT_FAULTS.has(p.op)) {
      out.push(
        period({ startMs: r.trueMs, op: p.op, detail: p.detail ?? '', targets: p.targets }, r.trueMs, true),
      );
      continue;
    }
    if (p.phase === 'apply') {
      const queue = open.get(key) ?? [];
      queue.push({ startMs: r.trueMs, op: p.op, detail: p.detail ?? '', targets: p.targets });
      open.set(key, queue);
      continue;
    }
    // A heal normally names the same targets as its apply; if not, it heals the oldest open fault of that op.
    const queue =
      open.get(key) ??
      [...open.entries()].find(([k, q]) => k.startsWith(`${p.op}\u0000`) && q.length > 0)?.[1];
    const f = queue?.shift();
    if (f !== undefined) out.push(period(f, r.trueMs, true));
  }
  for (const queue of open.values()) for (const f of queue) out.push(period(f, endMs, false));
  return out.sort((a, b) => a.startMs - b.startMs);
}
