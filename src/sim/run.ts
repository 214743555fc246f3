// One simulated run of a scenario with a seed: build the world, run it, encode the trace.
import type { History } from '../check/history.js';
import type { Scenario } from '../scenarios/types.js';
import { traceHash, traceJsonl } from './trace.js';
import { World, type KernelFactory, type WorldOptions } from './world.js';

export class SeedError extends Error {
  readonly code = 'SEED_INVALID';
}

/** Seeds are safe integers (the trace of a run is a function of scenario, seed and options). */
export function parseSeed(text: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new SeedError(`--seed: must be an integer, got '${text}'`);
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new SeedError(`--seed: must be a safe integer, got '${text}'`);
  return seed;
}

export interface SimRun {
  /** Every record, including the `message` records of `captureMessages`. */
  readonly history: History;
  /**
   * The canonical trace of the run: the history without `message` records, so a run has one trace and
   * one trace hash whether its messages were captured (for a report) or not.
   */
  readonly traceJsonl: string;
  readonly traceHash: string;
  readonly simulatedMs: number;
  /** Scheduler events processed. */
  readonly events: number;
}

export function simulate(
  scenario: Scenario,
  seed: number,
  kernelFactory: KernelFactory,
  options: WorldOptions = {},
): SimRun {
  const kernel = kernelFactory(seed, scenario);
  const world = new World(scenario, kernel, options);
  const history = world.run();
  // The trace is encoded on first use only: campaigns that just check a history never pay for it.
  let jsonl: string | null = null;
  let hash: string | null = null;
  return {
    history,
    get traceJsonl(): string {
      jsonl ??= traceJsonl(options.captureMessages === true ? withoutMessages(history) : history);
      return jsonl;
    },
    get traceHash(): string {
      hash ??= traceHash(this.traceJsonl);
      return hash;
    },
    simulatedMs: scenario.durationMs,
    events: kernel.eventsProcessed(),
  };
}

/** The history without its optional `message` records. */
export function withoutMessages(history: History): History {
  return history.filter((r) => r.payload.kind !== 'message');
}
