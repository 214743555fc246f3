// The named scenario catalogue: name → Scenario. Add a scenario by adding its file and one line here.
import type { Scenario } from '../types.js';
import { masterCrash } from './master-crash.js';
import { moreScenarios } from './more.js';
import { replicationSmoke } from './replication-smoke.js';

export class UnknownScenarioError extends Error {
  readonly code = 'SCENARIO_UNKNOWN';
  constructor(readonly scenario: string) {
    super(`unknown scenario '${scenario}' (known: ${[...CATALOG.keys()].join(', ')})`);
  }
}

export const CATALOG: ReadonlyMap<string, Scenario> = new Map(
  [replicationSmoke, masterCrash, ...moreScenarios].map((s) => [s.name, s] as const),
);

export function getScenario(name: string): Scenario {
  const scenario = CATALOG.get(name);
  if (scenario === undefined) throw new UnknownScenarioError(name);
  return scenario;
}
