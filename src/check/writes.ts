// acked-write-loss (measure; like Jepsen's Redis set test, spec §16 "asynchronous replication ⇒
// acknowledged writes can be lost"): every write a client saw acknowledged (`op` write `ok`) should be
// in the final master's set for its key (the `final` record). Lost writes are counted with their
// fraction; writes of unknown outcome (`info`) are reported apart, with how many survived; writes
// that `fail`ed yet are present are reported too (a client-side classification bug), without
// affecting `valid`.
//
// The final master is the only up redis node reporting role master in the `final` record; with
// several, the one a majority of all Sentinels name (when up and a master); otherwise 'unknown'.
import type { History } from './history.js';
import { type CheckResult, type Topology, topologyOf } from './model.js';

type FinalPayload = Extract<History[number]['payload'], { kind: 'final' }>;

interface Write {
  readonly opId: number;
  readonly key: string;
  readonly value: number;
  readonly target: string | null;
  readonly atMs: number;
}

function finalMaster(final: FinalPayload, topo: Topology): string | null {
  const masters = final.redis.filter((r) => r.up && r.role === 'master').map((r) => r.node);
  if (masters.length === 1) return masters[0] ?? null;
  const counts = new Map<string, number>();
  for (const s of final.sentinels) {
    if (!s.up) continue;
    for (const node of Object.values(s.views))
      if (node !== null) counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  for (const [node, n] of counts) if (n >= topo.majority && masters.includes(node)) return node;
  return null;
}

type WriteRecord = History[number];

/** A write completion and its value: its own, or (for a completion without one) its invoke's. */
function completions(history: History): { done: WriteRecord[]; values: number[]; garbled: number } {
  const done: WriteRecord[] = [];
  const values: number[] = [];
  let missing = false;
  for (const record of history) {
    const p = record.payload;
    if (p.kind !== 'op' || p.op !== 'write' || p.phase === 'invoke') continue;
    done.push(record);
    values.push(p.value ?? NaN);
    if (p.value === undefined) missing = true;
  }
  if (!missing) return { done, values, garbled: 0 };
  // Rare: some completion carries no value. Only then index the invokes (a Map entry per write
  // would otherwise be most of this checker's cost).
  const invoked = new Map<number, number | undefined>();
  for (const { payload: p } of history) {
    if (p.kind === 'op' && p.op === 'write' && p.phase === 'invoke') invoked.set(p.opId, p.value);
  }
  let garbled = 0;
  done.forEach((record, i) => {
    const p = record.payload;
    if (p.kind !== 'op' || !Number.isNaN(values[i])) return;
    const value = invoked.get(p.opId);
    if (value === undefined) garbled += 1;
    values[i] = value ?? NaN;
  });
  return { done, values, garbled };
}

function toWrite(record: WriteRecord, value: number): Write {
  const p = record.payload as Extract<WriteRecord['payload'], { kind: 'op' }>;
  return { opId: p.opId, key: p.key, value, target: p.target ?? null, atMs: record.trueMs };
}

export function checkAckedWriteLoss(history: History): CheckResult {
  const topo = topologyOf(history);
  const acked: Write[] = [];
  const unknownOutcome: Write[] = [];
  const failed: Write[] = [];
  const { done, values, garbled } = completions(history);
  done.forEach((record, i) => {
    const value = values[i]!;
    if (Number.isNaN(value)) return;
    const p = record.payload as Extract<WriteRecord['payload'], { kind: 'op' }>;
    (p.phase === 'ok' ? acked : p.phase === 'info' ? unknownOutcome : failed).push(toWrite(record, value));
  });
  const finalRecord = history.findLast((r) => r.payload.kind === 'final');
  if (finalRecord === undefined || finalRecord.payload.kind !== 'final') {
    return { valid: 'unknown', detail: 'the history has no final record', evidence: { acked: acked.length } };
  }
  const master = finalMaster(finalRecord.payload, topo);
  const sets = finalRecord.payload.redis.find((r) => r.node === master)?.sets;
  if (master === null || sets === undefined) {
    return {
      valid: 'unknown',
      detail: 'no single final master to read the sets from',
      evidence: { acked: acked.length },
    };
  }
  const members = new Map(Object.entries(sets).map(([key, values]) => [key, new Set(values)] as const));
  const present = (w: Write): boolean => members.get(w.key)?.has(w.value) ?? false;
  const lost = acked.filter((w) => !present(w));
  const evidence = {
    finalMaster: master,
    ackedCount: acked.length,
    lostCount: lost.length,
    lostFraction: acked.length === 0 ? 0 : lost.length / acked.length,
    lost: lost.slice(0, 50),
    lostByTarget: countBy(lost, (w) => w.target ?? 'unknown'),
    unknownOutcomeCount: unknownOutcome.length,
    unknownOutcomePresent: unknownOutcome.filter(present).length,
    failedButPresent: failed.filter(present).map((w) => w.opId),
    writesWithoutValue: garbled,
  };
  if (garbled > 0 && lost.length === 0) {
    return { valid: 'unknown', detail: `${String(garbled)} write completion(s) carry no value`, evidence };
  }
  if (lost.length > 0) {
    return {
      valid: false,
      detail: `${String(lost.length)} of ${String(acked.length)} acknowledged writes lost`,
      evidence,
    };
  }
  return {
    valid: true,
    detail: `all ${String(acked.length)} acknowledged writes present on ${master}`,
    evidence,
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
