// result.json: the machine-readable summary of one run (or sweep). It holds everything needed to
// reproduce the run (seed, scenario, resolved options, version, trace hash) and every verdict.
import type { History } from '../check/history.js';
import { durationStats } from './distribution.js';
import type { ReportInput } from './types.js';

export const RESULT_SCHEMA = 'sentinel-lab/result@1';

function historySummary(history: History): {
  records: number;
  endMs: number;
  counts: Record<string, number>;
} {
  const counts: Record<string, number> = {};
  let endMs = 0;
  for (const r of history) {
    counts[r.payload.kind] = (counts[r.payload.kind] ?? 0) + 1;
    endMs = Math.max(endMs, r.trueMs);
  }
  return { records: history.length, endMs, counts };
}

/** The result object as written (NaN and Infinity become null, as JSON has neither). */
export function resultObject(input: ReportInput): Record<string, unknown> {
  const { result, verdicts } = input;
  const failover =
    result.failover === undefined
      ? null
      : { ...result.failover, stats: durationStats(result.failover.durationsMs, result.failover.budgetMs) };
  return {
    schema: RESULT_SCHEMA,
    runId: result.runId,
    scenario: result.scenario,
    seed: result.seed,
    tier: result.tier,
    version: result.version ?? null,
    traceHash: result.traceHash ?? null,
    ok: verdicts.every((v) => v.ok),
    verdicts,
    options: result.options,
    failover,
    elapsedSeconds: result.elapsedSeconds ?? null,
    reproduce: result.reproduce ?? null,
    history: historySummary(input.history),
    sweep: input.sweep === undefined ? null : input.sweep,
  };
}

export function resultJson(input: ReportInput): string {
  return `${JSON.stringify(resultObject(input), (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
