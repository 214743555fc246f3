// The catalogue half of the main job: every catalogue scenario, once, with its own expectations
// ('break' scenarios must break, 'hold' must hold). Scenarios with Sentinels are skipped (and listed
// as skipped) while no Sentinel adapter is available (sentinels.ts).
import { CATALOG } from '../scenarios/catalog/index.js';
import { moreScenarios } from '../scenarios/catalog/more.js';
import type { Scenario } from '../scenarios/types.js';
import { judgeOrThrown, type VerdictLine } from './judge.js';
import { sentinelsAvailable } from './sentinels.js';

/** The seed every catalogue scenario runs with in the main job (a regression case pins others). */
export const CATALOG_SEED = 1;

export interface CatalogOutcome {
  readonly scenario: string;
  readonly seed: number;
  readonly skipped: string | null;
  readonly traceHash: string;
  readonly verdicts: readonly VerdictLine[];
  /** Every 'hold'/'break' expectation met. */
  readonly met: boolean;
  readonly failoverDurationsMs: readonly number[];
  readonly ackedWrites: number;
  readonly lostWrites: number | null;
}

/** The registered catalogue plus the scenarios of catalog/more.ts not (yet) registered, by name. */
const ALL: ReadonlyMap<string, Scenario> = new Map([
  ...CATALOG,
  ...moreScenarios.filter((s) => !CATALOG.has(s.name)).map((s) => [s.name, s] as const),
]);

export function catalogScenarios(): Scenario[] {
  return [...ALL.values()];
}

export function catalogScenario(name: string): Scenario | undefined {
  return ALL.get(name);
}

export function runCatalogScenario(name: string, seed = CATALOG_SEED): CatalogOutcome {
  const scenario = ALL.get(name);
  if (scenario === undefined) throw new Error(`unknown catalogue scenario '${name}'`);
  if (scenario.topology.sentinels > 0 && !sentinelsAvailable()) {
    return {
      scenario: name,
      seed,
      skipped: 'needs Sentinels (no Sentinel adapter on this build)',
      traceHash: '',
      verdicts: [],
      met: true,
      failoverDurationsMs: [],
      ackedWrites: 0,
      lostWrites: null,
    };
  }
  const j = judgeOrThrown(scenario, seed);
  return {
    scenario: name,
    seed,
    skipped: null,
    traceHash: j.traceHash,
    verdicts: j.verdicts,
    met: !j.failed,
    failoverDurationsMs: j.failoverDurationsMs,
    ackedWrites: j.ackedWrites,
    lostWrites: j.lostWrites,
  };
}
