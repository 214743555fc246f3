// Measurements over a real-tier history that the checkers do not report directly: the time from a
// fault on the master to (a) `+switch-master` published by a majority of sentinels and (b) the first
// write a client got acknowledged by the new master; and which acknowledged writes were invoked early.
import type { History, HistoryRecord } from '../../check/history.js';

type Final = Extract<HistoryRecord['payload'], { kind: 'final' }>;

export interface FailoverTiming {
  readonly faultMs: number;
  /** Fault → the majority-th distinct sentinel publishing +switch-master; null when never. */
  readonly switchMajorityMs: number | null;
  /** Fault → the first `ok` write whose target is not the old master; null when never. */
  readonly firstWriteMs: number | null;
  /** The first node other than the old master that a sentinel named after the fault. */
  readonly newMaster: string | null;
}

function sentinelMajority(history: History): number {
  const topo = history[0]?.payload;
  const count = topo?.kind === 'topology' ? topo.nodes.filter((n) => n.kind === 'sentinel').length : 0;
  return Math.floor(count / 2) + 1;
}

function switchMajorityAt(history: History, fromMs: number): number | null {
  const majority = sentinelMajority(history);
  const switched = new Set<string>();
  for (const r of history) {
    if (r.trueMs < fromMs || r.payload.kind !== 'sentinel-event') continue;
    if (r.payload.type !== '+switch-master') continue;
    switched.add(r.node);
    if (switched.size >= majority) return r.trueMs;
  }
  return null;
}

/** Timing of the first failover after the first fault applied to `oldMaster`; null without one. */
export function failoverTiming(history: History, oldMaster = 'redis-1'): FailoverTiming | null {
  const fault = history.find(
    (r) => r.payload.kind === 'fault' && r.payload.phase === 'apply' && r.payload.targets.includes(oldMaster),
  );
  if (fault === undefined) return null;
  const after = history.filter((r) => r.trueMs >= fault.trueMs);
  let newMaster: string | null = null;
  for (const r of after) {
    const p = r.payload;
    if (p.kind === 'sentinel-view' && p.masterNode !== null && p.masterNode !== oldMaster) {
      newMaster = p.masterNode;
      break;
    }
  }
  const write = after.find(
    (r) =>
      r.payload.kind === 'op' &&
      r.payload.phase === 'ok' &&
      typeof r.payload.target === 'string' &&
      r.payload.target !== oldMaster,
  );
  const switchAt = switchMajorityAt(history, fault.trueMs);
  return {
    faultMs: fault.trueMs,
    switchMajorityMs: switchAt === null ? null : switchAt - fault.trueMs,
    firstWriteMs: write === undefined ? null : write.trueMs - fault.trueMs,
    newMaster,
  };
}

export function finalRecord(history: History): Final | null {
  const p = history.findLast((r) => r.payload.kind === 'final')?.payload;
  return p?.kind === 'final' ? p : null;
}

/** Values of writes acknowledged (ok) whose invoke happened before `beforeMs`. */
export function ackedBefore(history: History, beforeMs: number): number[] {
  const invokedAt = new Map<number, number>();
  const out: number[] = [];
  for (const r of history) {
    const p = r.payload;
    if (p.kind !== 'op' || p.op !== 'write' || p.value === undefined) continue;
    if (p.phase === 'invoke') invokedAt.set(p.opId, r.trueMs);
    else if (p.phase === 'ok' && (invokedAt.get(p.opId) ?? Infinity) < beforeMs) out.push(p.value);
  }
  return out;
}
