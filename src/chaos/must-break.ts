// How long the campaign needs to find what a "must break" scenario demonstrates (issue #4, "Bug-finding
// power"). A catalogue scenario marks an invariant 'break' when its scripted schedule shows a known
// weakness. Here the script is thrown away: the scenario's deployment (topology, settings, workload,
// fault phase) becomes a campaign base, fast-check draws random schedules for it exactly as a campaign
// run does (runOne: one schedule per run index, derived from the campaign seed), and the search stops
// at the first run that violates that invariant; that run is then shrunk.
import { CATALOG } from '../scenarios/catalog/index.js';
import { FAULT_KINDS } from '../scenarios/arbitraries.js';
import type { FaultSchedule, Scenario } from '../scenarios/types.js';
import type { CampaignBase } from './base.js';
import { runOne } from './run-one.js';

export interface MustBreakTarget {
  readonly scenario: string;
  readonly invariant: string;
}

/** Every (scenario, invariant) of the catalogue whose expectation is 'break', in catalogue order. */
export function mustBreakTargets(catalog: ReadonlyMap<string, Scenario> = CATALOG): MustBreakTarget[] {
  return [...catalog.values()].flatMap((s) =>
    Object.entries(s.expect)
      .filter(([, e]) => e === 'break')
      .map(([invariant]) => ({ scenario: s.name, invariant })),
  );
}

/**
 * The campaign base of a target: the scenario without its faults, judged on that one invariant (a
 * finding is a violation of it: valid false, never 'unknown'). Schedules are drawn like the
 * sentinels-3 campaign base's (every fault kind, up to 6 faults, partitions as pairs or splits of the
 * hosts) over the scenario's own fault phase, on a one-second grain so shrinking stays affordable.
 */
export function mustBreakBase(scenario: Scenario, invariant: string): CampaignBase {
  return {
    name: `must-break:${scenario.name}:${invariant}`,
    scenario: { ...scenario, faults: [], expect: { [invariant]: 'hold' } },
    kinds: FAULT_KINDS,
    maxFaults: 6,
    splits: true,
    timeQuantumMs: 1000,
    violation: invariant,
  };
}

export interface SearchLimits {
  /** Give up after this many runs… */
  readonly maxRuns: number;
  /** …or this much wall time (ms), whichever comes first. */
  readonly budgetMs: number;
  /** Shrink step budget (simulations), as the campaign's maxShrinkRuns. */
  readonly maxShrinkRuns: number;
}

export type SearchResult =
  | { readonly kind: 'not-found'; readonly runs: number; readonly wallMs: number }
  | {
      readonly kind: 'found';
      /** Runs executed up to and including the first violating one. */
      readonly runs: number;
      readonly runIndex: number;
      /** Wall time until the violating run had been judged (shrinking excluded). */
      readonly findMs: number;
      readonly shrinkMs: number;
      readonly shrinkRuns: number;
      readonly shrinkCapped: boolean;
      readonly originalFaults: FaultSchedule;
      readonly shrunkFaults: FaultSchedule;
    };

/** Wall-clock milliseconds; the simulation itself never reads it. */
const now = (): number => performance.now();

/** Runs 0, 1, 2… of `campaignSeed` on `base` until one is a finding, then shrinks that one. */
export function searchViolation(
  base: CampaignBase,
  campaignSeed: number,
  limits: SearchLimits,
): SearchResult {
  const started = now();
  for (let runIndex = 0; runIndex < limits.maxRuns; runIndex++) {
    if (now() - started > limits.budgetMs)
      return { kind: 'not-found', runs: runIndex, wallMs: now() - started };
    const spec = { campaignSeed, runIndex, base, keepTrace: false };
    const t0 = now();
    const unshrunk = runOne({ ...spec, maxShrinkRuns: 0 });
    const firstRunMs = now() - t0;
    if (unshrunk.finding === null) continue;
    const findMs = now() - started;
    // runOne judges the generated schedule once before shrinking: that run is not shrinking time.
    const t1 = now();
    const shrunk = runOne({ ...spec, maxShrinkRuns: limits.maxShrinkRuns });
    const shrinkMs = Math.max(0, now() - t1 - firstRunMs);
    const f = shrunk.finding!;
    return {
      kind: 'found',
      runs: runIndex + 1,
      runIndex,
      findMs,
      shrinkMs,
      shrinkRuns: f.shrinkRuns,
      shrinkCapped: f.shrinkCapped,
      originalFaults: f.originalFaults,
      shrunkFaults: f.shrunkFaults,
    };
  }
  return { kind: 'not-found', runs: limits.maxRuns, wallMs: now() - started };
}
