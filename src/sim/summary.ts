// Plain counts over a history for the run result: how many writes were attempted, acknowledged, failed,
// of unknown outcome, and how many acknowledged writes the final master does not hold (lost). The
// invariants proper are judged by src/check; these numbers are the headline of a run.
import type { History } from '../check/history.js';

export interface WriteSummary {
  readonly attempted: number;
  readonly acked: number;
  readonly failed: number;
  readonly unknown: number;
  /** Acknowledged writes missing from the final master; null when there is no single final master. */
  readonly lost: number | null;
  /** Unknown-outcome writes the final master holds anyway. */
  readonly unknownSurvived: number | null;
  readonly finalMaster: string | null;
}

export function summarizeWrites(history: History): WriteSummary {
  const acked: { key: string; value: number }[] = [];
  const unknown: { key: string; value: number }[] = [];
  let attempted = 0;
  let failed = 0;
  for (const { payload: p } of history) {
    if (p.kind !== 'op' || p.op !== 'write') continue;
    if (p.phase === 'invoke') attempted++;
    else if (p.phase === 'fail') failed++;
    else if (p.value !== undefined) (p.phase === 'ok' ? acked : unknown).push({ key: p.key, value: p.value });
  }
  const final = history.findLast((r) => r.payload.kind === 'final')?.payload;
  const masters = final?.kind === 'final' ? final.redis.filter((r) => r.up && r.role === 'master') : [];
  const master = masters.length === 1 ? masters[0]! : null;
  const finalSets = new Map<string, Set<number>>();
  for (const [key, members] of Object.entries(master?.sets ?? {})) finalSets.set(key, new Set(members));
  const holds = (w: { key: string; value: number }): boolean => finalSets.get(w.key)?.has(w.value) ?? false;
  return {
    attempted,
    acked: acked.length,
    failed,
    unknown: unknown.length,
    lost: master === null ? null : acked.filter((w) => !holds(w)).length,
    unknownSurvived: master === null ? null : unknown.filter(holds).length,
    finalMaster: master?.node ?? null,
  };
}
