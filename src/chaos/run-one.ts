// One campaign run: fast-check generates the fault schedule of run (campaign seed, run index) from its
// own seed, the world is simulated with the run's world seed, and on failure fast-check shrinks the
// schedule right here (same world seed for every shrink step, so only the schedule changes).
//
// Shrinking is bounded by a count of simulations, not by time: after `maxShrinkRuns` steps every
// further candidate is answered "passes" without simulating, so fast-check stops at the smallest
// failing schedule found so far. A count keeps the result independent of machine speed and load.
import fc from 'fast-check';
import { faultScheduleArb } from '../scenarios/arbitraries.js';
import type { FaultSchedule } from '../scenarios/types.js';
import { withFaults, type CampaignBase } from './base.js';
import { judgeOrThrown, type Judged, type VerdictLine } from './judge.js';
import { scheduleSeed, worldSeed } from './seeds.js';

export interface RunSpec {
  readonly campaignSeed: number;
  readonly runIndex: number;
  readonly base: CampaignBase;
  readonly maxShrinkRuns: number;
  /** Return the trace of the first execution (determinism sample). */
  readonly keepTrace: boolean;
}

export interface Finding {
  /** fast-check's seed and counterexample path: `fc.check(…, { seed, path })` replays the shrunk value. */
  readonly fcSeed: number;
  readonly fcPath: string;
  readonly originalFaults: FaultSchedule;
  readonly shrunkFaults: FaultSchedule;
  readonly shrinkRuns: number;
  /** The shrink step budget ran out (the schedule may not be minimal). */
  readonly shrinkCapped: boolean;
  /** The shrunk run, as a regression case records it. */
  readonly traceHash: string;
  readonly verdicts: readonly VerdictLine[];
}

export interface RunOutcome {
  readonly runIndex: number;
  readonly worldSeed: number;
  /**
   * The trace hash of the generated schedule's run, for determinism-sampled runs and findings only;
   * null for the others, whose trace is never encoded (it is a function of the run identity anyway:
   * `sentinel-lab chaos --seed S --runs I+1` recomputes it).
   */
  readonly traceHash: string | null;
  readonly verdicts: readonly VerdictLine[];
  readonly failoverDurationsMs: readonly number[];
  readonly ackedWrites: number;
  readonly lostWrites: number | null;
  readonly events: number;
  readonly simulatedMs: number;
  readonly faults: FaultSchedule;
  readonly finding: Finding | null;
  readonly traceJsonl?: string;
}

interface Tried {
  readonly faults: FaultSchedule;
  readonly judged: Judged;
}

const arbs = new WeakMap<CampaignBase, fc.Arbitrary<FaultSchedule>>();

/** The schedule arbitrary of a base (built once per base: arbitraries are immutable). */
export function scheduleArbFor(base: CampaignBase): fc.Arbitrary<FaultSchedule> {
  let arb = arbs.get(base);
  if (arb === undefined) {
    arb = buildScheduleArb(base);
    arbs.set(base, arb);
  }
  return arb;
}

function buildScheduleArb(base: CampaignBase): fc.Arbitrary<FaultSchedule> {
  const s = base.scenario;
  return faultScheduleArb(s.topology, {
    faultPhaseEndMs: s.faultPhaseEndMs,
    maxFaults: base.maxFaults,
    kinds: base.kinds,
    splits: base.splits ?? false,
    timeQuantumMs: base.timeQuantumMs ?? 1,
  });
}

/** Whether a judged run is a finding of `base` (see CampaignBase.violation). */
export function isFinding(base: CampaignBase, judged: Judged): boolean {
  if (base.violation === undefined) return judged.failed;
  return judged.verdicts.some((v) => v.invariant === base.violation && v.valid === false);
}

export function runOne(spec: RunSpec): RunOutcome {
  const seed = worldSeed(spec.campaignSeed, spec.runIndex);
  let first: Tried | null = null;
  let lastFailing: Tried | null = null;
  let steps = 0;
  // fast-check may propose a schedule it already tried (e.g. a halving step that lands on a value
  // seen before); the world seed is fixed, so the answer is known: no second simulation.
  const seen = new Map<string, boolean>();
  const property = fc.property(scheduleArbFor(spec.base), (faults) => {
    const key = JSON.stringify(faults);
    const known = seen.get(key);
    if (known !== undefined) return !known;
    if (first !== null && steps >= spec.maxShrinkRuns) return true;
    if (first !== null) steps++;
    const judged = judgeOrThrown(withFaults(spec.base, faults), seed);
    first ??= { faults, judged };
    const failed = isFinding(spec.base, judged);
    if (failed) lastFailing = { faults, judged };
    seen.set(key, failed);
    return !failed;
  });
  const details = fc.check(property, { seed: scheduleSeed(spec.campaignSeed, spec.runIndex), numRuns: 1 });
  const head = first as Tried | null;
  if (head === null) throw new Error(`run ${spec.runIndex}: fast-check generated no schedule`);
  const found = details.failed ? finding(details, head.faults, lastFailing, steps, spec) : null;
  return {
    runIndex: spec.runIndex,
    worldSeed: seed,
    traceHash: spec.keepTrace || found !== null ? head.judged.traceHash : null,
    verdicts: head.judged.verdicts,
    failoverDurationsMs: head.judged.failoverDurationsMs,
    ackedWrites: head.judged.ackedWrites,
    lostWrites: head.judged.lostWrites,
    events: head.judged.events,
    simulatedMs: head.judged.simulatedMs,
    faults: head.faults,
    finding: found,
    ...(spec.keepTrace ? { traceJsonl: head.judged.traceJsonl } : {}),
  };
}

function finding(
  details: fc.RunDetails<[FaultSchedule]>,
  originalFaults: FaultSchedule,
  last: Tried | null,
  steps: number,
  spec: RunSpec,
): Finding {
  const shrunk = details.counterexample?.[0];
  if (shrunk === undefined || last === null) {
    // The predicate never throws (judgeOrThrown): anything else is a bug of this module.
    throw new Error(`run ${spec.runIndex}: property errored: ${String(details.errorInstance)}`);
  }
  // The last failing value is the counterexample; judge it again if fast-check disagrees.
  const judged =
    JSON.stringify(last.faults) === JSON.stringify(shrunk)
      ? last.judged
      : judgeOrThrown(withFaults(spec.base, shrunk), worldSeed(spec.campaignSeed, spec.runIndex));
  return {
    fcSeed: details.seed,
    fcPath: details.counterexamplePath ?? '',
    originalFaults,
    shrunkFaults: shrunk,
    shrinkRuns: steps,
    shrinkCapped: steps >= spec.maxShrinkRuns,
    traceHash: judged.traceHash,
    verdicts: judged.verdicts,
  };
}
