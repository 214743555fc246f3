// Fault spans: each `fault` apply record paired with the heal record that ends it. `op` may be the
// FaultOp kind or the FaultOp as JSON (src/check/history.ts); both are read here, so the checkers see
// one shape: kind, the nodes touched (hosts expanded), the blocked pairs of a partition when known, and
// the worst latency of a link fault when known.
import { memoView } from './memo.js';
import type { History } from './history.js';
import { expandTargets, type Topology } from './model.js';

export interface FaultSpan {
  /** Index of the apply record in the history. */
  readonly index: number;
  readonly kind: string;
  readonly startMs: number;
  /** Heal time; Infinity when the history has no heal for it (it lasted to the end). */
  readonly endMs: number;
  /** Every node the fault touches (targets, hosts expanded to their nodes). */
  readonly nodes: ReadonlySet<string>;
  /** Partition pairs as node names (hosts expanded), or null when the record does not carry them. */
  readonly blocks: readonly (readonly [string, string])[] | null;
  /** Link faults: the largest latency the fault can add, or null when unknown. */
  readonly maxLatencyMs: number | null;
  /** Clock-drift faults: the drift in parts per million, or null when unknown. */
  readonly driftPpm: number | null;
  readonly op: string;
}

interface ParsedOp {
  readonly kind: string;
  readonly blocks: readonly (readonly [string, string])[] | null;
  readonly maxLatencyMs: number | null;
  readonly driftPpm: number | null;
}

function isPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string');
}

function latencyBound(latency: unknown): number | null {
  if (typeof latency !== 'object' || latency === null) return null;
  const l = latency as Record<string, unknown>;
  const pick = (key: string): number | null => (typeof l[key] === 'number' ? l[key] : null);
  switch (l['kind']) {
    case 'constant':
      return pick('ms');
    case 'uniform':
      return pick('maxMs');
    case 'long-tail':
      return pick('maxMs');
    default:
      // 'exponential' has no upper bound: unknown, so callers treat it as possibly unbounded.
      return null;
  }
}

function parseOp(op: string): ParsedOp {
  if (!op.trim().startsWith('{'))
    return { kind: op.trim(), blocks: null, maxLatencyMs: null, driftPpm: null };
  try {
    const data = JSON.parse(op) as Record<string, unknown>;
    const kind = typeof data['kind'] === 'string' ? data['kind'] : 'unparsed';
    const rawBlocks = data['blocks'];
    const blocks = Array.isArray(rawBlocks) && rawBlocks.every(isPair) ? rawBlocks : null;
    const latency = latencyBound(data['latency']);
    const lossFree = data['lossRate'] === undefined || data['lossRate'] === 0;
    // A lossy link delays by retransmissions: no bound known from the op alone.
    const maxLatencyMs = kind === 'link' && lossFree ? (data['latency'] === undefined ? 0 : latency) : null;
    const driftPpm = kind === 'clock-drift' && typeof data['ppm'] === 'number' ? data['ppm'] : null;
    return { kind, blocks, maxLatencyMs, driftPpm };
  } catch {
    return { kind: 'unparsed', blocks: null, maxLatencyMs: null, driftPpm: null };
  }
}

/** A node name or host name → every node on that host (partitions and links act on hosts). */
function hostMates(topo: Topology, target: string): Set<string> {
  const host = topo.nodes.get(target)?.host ?? target;
  return expandTargets(topo, [host]);
}

/** Pairs as node names; pairs inside one host are dropped (a box cannot be partitioned from itself). */
function expandPairs(topo: Topology, pairs: readonly (readonly [string, string])[]): [string, string][] {
  const out: [string, string][] = [];
  for (const [from, to] of pairs) {
    const bs = hostMates(topo, to);
    for (const a of hostMates(topo, from)) {
      for (const b of bs) if (!bs.has(a)) out.push([a, b]);
    }
  }
  return out;
}

/** The op as recorded: JSON in `op`, else JSON in `detail` (what src/sim/nemesis.ts writes), else the kind. */
function opText(op: string, detail: string | undefined): string {
  if (op.trim().startsWith('{') || detail === undefined || !detail.trim().startsWith('{')) return op;
  return detail;
}

/** Instantaneous operations: their span is a point, whatever heal records say. */
const INSTANT_KINDS: ReadonlySet<string> = new Set(['clock-jump']);

function sameTargets(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/**
 * All fault spans in apply order. A heal closes the oldest open apply with the same op and targets;
 * the `healed` record closes every span still open.
 */
export function faultSpans(history: History, topo: Topology): readonly FaultSpan[] {
  // `topo` is always topologyOf(history): a function of the history, like the spans.
  return memoView(history, 'fault-spans', () => computeFaultSpans(history, topo));
}

function computeFaultSpans(history: History, topo: Topology): FaultSpan[] {
  const open: {
    index: number;
    op: string;
    detail: string | undefined;
    targets: readonly string[];
    startMs: number;
    endMs: number;
  }[] = [];
  const all: typeof open = [];
  const blocksByIndex = new Map<number, readonly (readonly [string, string])[]>();
  history.forEach((record, index) => {
    const p = record.payload;
    if (p.kind === 'healed') {
      // Every fault still active is healed here (history.ts), whether or not its heal record exists.
      for (const span of open) span.endMs = Math.min(span.endMs, record.trueMs);
      open.length = 0;
      return;
    }
    if (p.kind !== 'fault') return;
    if (p.phase === 'apply') {
      const span = {
        index,
        op: p.op,
        detail: p.detail,
        targets: p.targets,
        startMs: record.trueMs,
        endMs: Infinity,
      };
      open.push(span);
      all.push(span);
      if (p.blocks !== undefined) blocksByIndex.set(index, p.blocks);
      return;
    }
    const at = open.findIndex((s) => s.op === p.op && sameTargets(s.targets, p.targets));
    const match = open[at];
    if (match === undefined) return;
    match.endMs = record.trueMs;
    open.splice(at, 1);
  });
  return all.map((s) => {
    const parsed = parseOp(opText(s.op, s.detail));
    const recorded = blocksByIndex.get(s.index) ?? parsed.blocks;
    const hostLevel = parsed.kind === 'partition' || parsed.kind === 'link';
    return {
      index: s.index,
      kind: parsed.kind,
      startMs: s.startMs,
      endMs: INSTANT_KINDS.has(parsed.kind) ? s.startMs : s.endMs,
      nodes: hostLevel
        ? new Set(s.targets.flatMap((t) => [...hostMates(topo, t)]))
        : expandTargets(topo, s.targets),
      blocks: recorded === null ? null : expandPairs(topo, recorded),
      maxLatencyMs: parsed.maxLatencyMs,
      driftPpm: parsed.driftPpm,
      op: s.op,
    };
  });
}

/** Whether the span is active at some time within [fromMs, toMs]. */
export function overlaps(span: FaultSpan, fromMs: number, toMs: number): boolean {
  return span.startMs <= toMs && span.endMs >= fromMs;
}
