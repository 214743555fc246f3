// The library entry points for users who write their own scenarios and checks in their own test suite:
// defineScenario (validated data), runScenario (one seeded run, judged), sweep (a grid of runs).
import { checkHistory, measureFailovers, type FailoverMeasurement } from './check/index.js';
import type { History } from './check/history.js';
import type { Verdict } from './check/verdict.js';
import type { Scenario } from './scenarios/types.js';
import { validateScenario } from './scenarios/validate.js';
import { createKernelPort } from './sim/kernel-port.js';
import { simulate } from './sim/run.js';
import { summarizeWrites, type WriteSummary } from './sim/summary.js';
import { scenarioParams } from './sweep/apply.js';
import { gridOf, type AxisName } from './sweep/grid.js';
import { runSweep, type SweepResult } from './sweep/sweep.js';
import { sweepWorld } from './sweep/world.js';

/**
 * Validates a scenario (a ScenarioError names the offending field, e.g. `sentinel.quorum`) and returns it
 * frozen. Scenarios are plain data: see src/scenarios/types.ts for every field.
 */
export function defineScenario(scenario: Scenario): Scenario {
  validateScenario(scenario);
  return Object.freeze(scenario);
}

export interface ScenarioRun {
  readonly history: History;
  /** One verdict per invariant the scenario's `expect` names; `ok` says whether it met the expectation. */
  readonly verdicts: readonly Verdict[];
  readonly passed: boolean;
  readonly failover: FailoverMeasurement;
  readonly writes: WriteSummary;
  /** SHA-256 of the canonical trace: equal for equal (scenario, seed). */
  readonly traceHash: string;
}

export interface RunScenarioOptions {
  /**
   * Add `message` records (the Sentinels' commands, replies and hellos, sentinel↔sentinel and
   * sentinel↔redis) to the history. Off by default; it only observes, so the run and its trace hash
   * are the same either way.
   */
  readonly captureMessages?: boolean;
}

/** Runs a scenario once in the simulator with engine Sentinels and judges it with the checkers. */
export function runScenario(scenario: Scenario, seed: number, options: RunScenarioOptions = {}): ScenarioRun {
  const world = { ...sweepWorld(), captureMessages: options.captureMessages === true };
  const run = simulate(scenario, seed, createKernelPort, world);
  const verdicts = checkHistory(run.history, scenario.expect);
  return {
    history: run.history,
    verdicts,
    passed: verdicts.every((v) => v.ok),
    failover: measureFailovers(run.history),
    writes: summarizeWrites(run.history),
    traceHash: run.traceHash,
  };
}

export interface SweepApiOptions {
  readonly scenario: Scenario;
  /** Values per axis; an axis left out keeps the scenario's own value (fault rate: 0). */
  readonly grid?: Partial<Readonly<Record<AxisName, readonly number[]>>>;
  /** Runs per cell (default 10). */
  readonly runsPerCell?: number;
  /** Sweep seed (default 1). */
  readonly seed?: number;
  /** Worker threads; 0 (the default here) runs in this thread, which needs no compiled build. */
  readonly workers?: number;
}

/** Runs a sweep; cells come back in grid order, with `answer` for cell 0 (your configuration). */
export function sweep(options: SweepApiOptions): Promise<SweepResult> {
  const grid = { ...gridOf(scenarioParams(options.scenario, 0)), ...options.grid };
  const spec = {
    scenario: options.scenario,
    grid,
    runsPerCell: options.runsPerCell ?? 10,
    seed: options.seed ?? 1,
  };
  return runSweep(spec, { workers: options.workers ?? 0 });
}
