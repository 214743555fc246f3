// no-needless-failover (spec §6.1, §7.4): no failover that reached promotion was started while its
// master was reachable.
//
// A failover is a `+try-failover master <name> <ip> <port>` by Sentinel L that L follows with
// `+promoted-slave … @ <name> …` or `+switch-master <name> …` before any `-failover-abort-*` of that
// master. It is excused when, within [try − down-after − 2000 ms, try] (SDOWN at `try` needs more than
// down-after of silence; 2000 ms covers the PING period and the ask that turned SDOWN into ODOWN), the
// master at <ip>:<port>:
//   - had an outage long enough to explain SDOWN (src/check/outages.ts; a pause of at least
//     down-after − 1100 ms, a crash of at least down-after − 2200 ms, counted up to `try`), or
//   - was cut from a client or another redis-server by a partition (a blocked pair between it and a
//     non-Sentinel node; an unrecorded pair list counts when it is a target; a cut from Sentinels alone
//     does not excuse) — any length, because a PING lost in a black hole keeps SDOWN's clock running after the
//     heal (§4.5), or
//   - had a link fault whose round trip (2 × worst one-way latency) could reach down-after, or
//   - last reported role replica (§6.1: a master reporting role slave goes SDOWN).
// A link fault whose latency bound is unknown (exponential, lossy, or only the kind recorded) makes that
// failover unjudged → 'unknown'. Faults elsewhere (e.g. a clock jump of a Sentinel) do not excuse it:
// by this definition a failover caused by a Sentinel's own clock is needless, and reported as such.
import { sentinelEvents, type EventAt, type ParsedEvent } from './events.js';
import { faultSpans, overlaps, type FaultSpan } from './faults.js';
import { outagesOf, type Outage } from './outages.js';
import type { History, HistoryRecord } from './history.js';
import { type CheckResult, type Topology, redisAt, topologyOf } from './model.js';

interface Attempt {
  readonly node: string;
  readonly master: string;
  readonly ip: string;
  readonly port: number;
  readonly tryMs: number;
  promotedMs: number | null;
  ended: boolean;
}

/** The master name of an event that ends or advances an attempt (promotion, switch, abort), else null. */
function progressOf(ev: ParsedEvent): string | null {
  switch (ev.kind) {
    case 'promoted-slave':
      return ev.det.master?.name ?? null;
    case 'switch-master':
      return ev.master;
    case 'failover-abort':
      return ev.det.name;
    default:
      return null;
  }
}

function attemptsThatPromoted(events: readonly EventAt[]): Attempt[] {
  const open = new Map<string, Attempt>();
  const all: Attempt[] = [];
  for (const e of events) {
    const ev = e.event;
    if (ev.kind === 'try-failover') {
      const a: Attempt = {
        node: e.node,
        master: ev.det.name,
        ip: ev.det.ip,
        port: ev.det.port,
        tryMs: e.trueMs,
        promotedMs: null,
        ended: false,
      };
      open.set(`${e.node}\u0000${ev.det.name}`, a);
      all.push(a);
      continue;
    }
    const master = progressOf(ev);
    if (master === null) continue;
    const a = open.get(`${e.node}\u0000${master}`);
    if (a === undefined || a.ended) continue;
    if (ev.kind === 'failover-abort') a.ended = true;
    else if (a.promotedMs === null) a.promotedMs = e.trueMs;
    if (ev.kind === 'switch-master') a.ended = true;
  }
  return all.filter((a) => a.promotedMs !== null);
}

type Excuse = { kind: 'excused'; why: string } | { kind: 'unjudged'; why: string } | { kind: 'none' };

function faultExcuse(span: FaultSpan, master: string, topo: Topology): Excuse {
  const downAfterMs = topo.downAfterMs;
  if (span.kind === 'partition') {
    if (span.blocks === null)
      return span.nodes.has(master)
        ? { kind: 'excused', why: 'partition with the master among its targets' }
        : { kind: 'none' };
    // Only a cut between the master and the data path (a client or another redis-server) makes the
    // master unreachable for the system; a cut between the master and Sentinels alone does not — a
    // failover on that evidence is the needless one (e.g. a single Sentinel's view, spec §16).
    const dataPath = (node: string): boolean => topo.nodes.get(node)?.kind !== 'sentinel';
    return span.blocks.some(([a, b]) => (a === master && dataPath(b)) || (b === master && dataPath(a)))
      ? { kind: 'excused', why: 'partition cutting the master from clients or replicas' }
      : { kind: 'none' };
  }
  if (span.kind === 'link' && span.nodes.has(master)) {
    if (span.maxLatencyMs === null)
      return { kind: 'unjudged', why: 'link fault on the master with unknown latency bound' };
    if (2 * span.maxLatencyMs >= downAfterMs)
      return { kind: 'excused', why: `link latency up to ${String(span.maxLatencyMs)} ms` };
  }
  return { kind: 'none' };
}

/**
 * Shortest outage of the master that can explain SDOWN (§6.1, §15 step A). A pause is seen as silence
 * from the last unanswered PING (sent at most a tick before the pause) to the resume: it must last about
 * down-after; 1100 ms (PING period + tick) are granted. A crash resets the connection, and the silence
 * runs from the last good reply (up to a PING period + tick before) to the reconnection after the restart
 * (up to a PING period + tick after): 2200 ms are granted.
 */
function outageThresholdMs(kind: Outage['kind'], downAfterMs: number): number {
  return downAfterMs - (kind === 'pause' ? 1100 : 2200);
}

function excuseFor(
  a: Attempt,
  masterNode: string,
  spans: readonly FaultSpan[],
  lifecycle: readonly HistoryRecord[],
  topo: Topology,
): Excuse {
  const fromMs = a.tryMs - topo.downAfterMs - 2000;
  for (const o of outagesOf(masterNode, spans, lifecycle)) {
    if (o.fromMs > a.tryMs || o.toMs < fromMs) continue;
    const lengthMs = Math.min(o.toMs, a.tryMs) - o.fromMs;
    if (lengthMs >= outageThresholdMs(o.kind, topo.downAfterMs)) {
      return { kind: 'excused', why: `${o.kind} of ${masterNode} for ${String(lengthMs)} ms` };
    }
  }
  let unjudged: Excuse | null = null;
  for (const span of spans) {
    if (!overlaps(span, fromMs, a.tryMs)) continue;
    const ex = faultExcuse(span, masterNode, topo);
    if (ex.kind === 'excused') return ex;
    if (ex.kind === 'unjudged') unjudged = ex;
  }
  const lastRole = lifecycle
    .filter((r) => r.node === masterNode && r.trueMs <= a.tryMs && r.payload.kind === 'role')
    .at(-1);
  if (lastRole?.payload.kind === 'role' && lastRole.payload.role === 'replica') {
    return { kind: 'excused', why: 'the master reported role replica' };
  }
  return unjudged ?? { kind: 'none' };
}

export function checkNoNeedlessFailover(history: History): CheckResult {
  const topo = topologyOf(history);
  const spans = faultSpans(history, topo);
  const events = sentinelEvents(history);
  const attempts = attemptsThatPromoted(events);
  const redis = new Set(topo.redis);
  const lifecycle = history.filter(
    (r) => redis.has(r.node) && (r.payload.kind === 'process' || r.payload.kind === 'role'),
  );
  const needless: Record<string, unknown>[] = [];
  const unjudged: Record<string, unknown>[] = [];
  const excused: Record<string, unknown>[] = [];
  for (const a of attempts) {
    const masterNode = redisAt(topo, a.ip, a.port);
    const base = {
      leader: a.node,
      master: a.master,
      oldMaster: masterNode ?? `${a.ip}:${String(a.port)}`,
      tryMs: a.tryMs,
      promotedMs: a.promotedMs,
    };
    if (masterNode === null) {
      unjudged.push({ ...base, why: 'address not in the topology' });
      continue;
    }
    const ex = excuseFor(a, masterNode, spans, lifecycle, topo);
    if (ex.kind === 'none') needless.push(base);
    else (ex.kind === 'excused' ? excused : unjudged).push({ ...base, why: ex.why });
  }
  const garbled = events.filter(
    (e) =>
      e.event.kind === 'garbled' && ['+try-failover', '+promoted-slave', '+switch-master'].includes(e.type),
  );
  const evidence = {
    failovers: attempts.length,
    needless,
    excused,
    unjudged,
    garbled: garbled.map((g) => ({ index: g.index, node: g.node, message: g.message })),
  };
  if (needless.length > 0) {
    const first = needless[0];
    return {
      valid: false,
      detail: `${String(needless.length)} needless failover(s), first by ${String(first?.['leader'])} at ${String(first?.['tryMs'])} ms`,
      evidence,
    };
  }
  if (unjudged.length > 0 || garbled.length > 0)
    return { valid: 'unknown', detail: 'no needless failover seen, but some could not be judged', evidence };
  return {
    valid: true,
    detail: `${String(attempts.length)} failover(s), each while the master was unreachable`,
    evidence,
  };
}
