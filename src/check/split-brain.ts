// Split brain, two ways (spec §16: no fencing; an isolated old master keeps serving its side).
//
// no-lasting-split-brain: the `final` record (taken after the healed phase's settle time) shows, for
// every monitored master name, all up Sentinels naming one node, that node up and a master, no other
// up master, and every up replica replicating it.
//
// split-brain-window (measure): how long two different nodes both acknowledged client writes.
// Definition. A node's *term* is a stretch of the history between two of its role changes or process
// restarts/crashes (`role` and `process` records). Within a term, the node's *ack span* is
// [first, last] of the `ok` times of the writes it acknowledged (`op` write ok with `target`). The split
// window is the union of the pairwise overlaps of ack spans of different nodes; a single ack strictly
// inside another node's span counts as an overlap of zero length (reported, and it makes `valid` false,
// because two nodes did accept writes in the same stretch of time).
import type { History } from './history.js';
import { type CheckResult, topologyOf } from './model.js';
import { convergenceProblems, type WorldState } from './world.js';

type FinalPayload = Extract<History[number]['payload'], { kind: 'final' }>;

function worldFromFinal(final: FinalPayload): WorldState {
  const up = new Map<string, boolean>();
  const roles: WorldState['roles'] = new Map();
  const views: WorldState['views'] = new Map();
  for (const r of final.redis) {
    up.set(r.node, r.up);
    if (r.role !== null)
      roles.set(r.node, { role: r.role, masterNode: r.role === 'master' ? null : r.masterNode });
  }
  for (const s of final.sentinels) {
    up.set(s.node, s.up);
    views.set(s.node, new Map(Object.entries(s.views)));
  }
  return { up, roles, views };
}

export function checkNoLastingSplitBrain(history: History): CheckResult {
  const topo = topologyOf(history);
  const healed = history.find((r) => r.payload.kind === 'healed');
  const finalRecord = history.findLast((r) => r.payload.kind === 'final');
  if (finalRecord === undefined || finalRecord.payload.kind !== 'final') {
    return { valid: 'unknown', detail: 'the history has no final record', evidence: {} };
  }
  const final = finalRecord.payload;
  const settleMs = healed === undefined ? null : finalRecord.trueMs - healed.trueMs;
  const unknownRoles = final.redis.filter((r) => r.up && r.role === null).map((r) => r.node);
  const problems = convergenceProblems(worldFromFinal(final), topo).filter(
    (p) => !p.endsWith('role unknown'),
  );
  const masters = final.redis.filter((r) => r.up && r.role === 'master').map((r) => r.node);
  const evidence = {
    finalMs: finalRecord.trueMs,
    healedMs: healed?.trueMs ?? null,
    settleMs,
    masters,
    problems,
    unknownRoles,
  };
  if (healed === undefined) return { valid: 'unknown', detail: 'the history has no healed record', evidence };
  if (problems.length > 0) return { valid: false, detail: problems.join('; '), evidence };
  if (unknownRoles.length > 0) {
    return { valid: 'unknown', detail: `role unknown for up node(s) ${unknownRoles.join(', ')}`, evidence };
  }
  return {
    valid: true,
    detail: `one master (${masters.join(', ')}) ${settleMs === null ? '?' : Math.round(settleMs)} ms after heal`,
    evidence,
  };
}

export interface AckSpan {
  readonly node: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly acks: number;
}

/** Ack spans per node term, in order of their first ack. */
export function ackSpans(history: History): AckSpan[] {
  const term = new Map<string, number>();
  const lastRole = new Map<string, string>();
  const spans = new Map<string, { node: string; fromMs: number; toMs: number; acks: number }>();
  for (const record of history) {
    const p = record.payload;
    if (p.kind === 'process' && p.state !== 'paused' && p.state !== 'resumed') {
      term.set(record.node, (term.get(record.node) ?? 0) + 1);
    } else if (p.kind === 'role' && lastRole.get(record.node) !== p.role) {
      lastRole.set(record.node, p.role);
      term.set(record.node, (term.get(record.node) ?? 0) + 1);
    } else if (p.kind === 'op' && p.op === 'write' && p.phase === 'ok' && typeof p.target === 'string') {
      const key = `${p.target}\u0000${String(term.get(p.target) ?? 0)}`;
      const span = spans.get(key);
      if (span === undefined)
        spans.set(key, { node: p.target, fromMs: record.trueMs, toMs: record.trueMs, acks: 1 });
      else {
        span.toMs = Math.max(span.toMs, record.trueMs);
        span.acks += 1;
      }
    }
  }
  return [...spans.values()];
}

interface Overlap {
  fromMs: number;
  toMs: number;
  nodes: string[];
}

function pairwiseOverlaps(spans: readonly AckSpan[]): Overlap[] {
  const out: Overlap[] = [];
  spans.forEach((a, i) => {
    for (const b of spans.slice(i + 1)) {
      if (a.node === b.node) continue;
      const fromMs = Math.max(a.fromMs, b.fromMs);
      const toMs = Math.min(a.toMs, b.toMs);
      const pointInside = (p: AckSpan, q: AckSpan): boolean =>
        p.fromMs === p.toMs && p.fromMs > q.fromMs && p.fromMs < q.toMs;
      if (toMs > fromMs || pointInside(a, b) || pointInside(b, a))
        out.push({ fromMs, toMs, nodes: [a.node, b.node] });
    }
  });
  return out.sort((x, y) => x.fromMs - y.fromMs || x.toMs - y.toMs);
}

function mergeOverlaps(overlaps: readonly Overlap[]): Overlap[] {
  const merged: Overlap[] = [];
  for (const o of overlaps) {
    const last = merged[merged.length - 1];
    if (last !== undefined && o.fromMs <= last.toMs) {
      last.toMs = Math.max(last.toMs, o.toMs);
      last.nodes = [...new Set([...last.nodes, ...o.nodes])];
    } else merged.push({ ...o, nodes: [...o.nodes] });
  }
  return merged;
}

export function checkSplitBrainWindow(history: History): CheckResult {
  topologyOf(history);
  const spans = ackSpans(history);
  const windows = mergeOverlaps(pairwiseOverlaps(spans));
  const lengths = windows.map((w) => w.toMs - w.fromMs);
  const totalMs = lengths.reduce((a, b) => a + b, 0);
  const maxMs = lengths.reduce((a, b) => Math.max(a, b), 0);
  const evidence = { totalMs, maxMs, windows, spans };
  if (windows.length === 0)
    return { valid: true, detail: `no overlap among ${String(spans.length)} ack spans`, evidence };
  const nodes = [...new Set(windows.flatMap((w) => w.nodes))].join(', ');
  return {
    valid: false,
    detail: `${String(windows.length)} window(s), total ${String(totalMs)} ms, max ${String(maxMs)} ms (${nodes})`,
    evidence,
  };
}
