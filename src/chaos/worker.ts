// The piscina worker of a campaign: runs a batch of run indices (or catalogue scenarios)
// synchronously and returns their outcomes. What a run does is fixed by the task (seeds.ts), never by
// the worker that runs it.
import { BASES } from './base.js';
import { runCatalogScenario, type CatalogOutcome } from './catalog-job.js';
import { runOne, type RunOutcome } from './run-one.js';

export interface BatchTask {
  readonly campaignSeed: number;
  readonly baseName: string;
  readonly runIndices: readonly number[];
  readonly maxShrinkRuns: number;
  /** Indices whose trace is returned for the determinism self-check. */
  readonly keepTraceOf: readonly number[];
}

export function runBatch(task: BatchTask): RunOutcome[] {
  const base = BASES.get(task.baseName);
  if (base === undefined) throw new Error(`unknown campaign base '${task.baseName}'`);
  return task.runIndices.map((runIndex) =>
    runOne({
      campaignSeed: task.campaignSeed,
      runIndex,
      base,
      maxShrinkRuns: task.maxShrinkRuns,
      keepTrace: task.keepTraceOf.includes(runIndex),
    }),
  );
}

/** A piscina task: a batch of campaign runs, or catalogue scenarios by name. */
export type WorkerTask =
  ({ readonly kind: 'batch' } & BatchTask) | { readonly kind: 'catalog'; readonly names: readonly string[] };

export type WorkerResult = RunOutcome[] | CatalogOutcome[];

export default function work(task: WorkerTask): WorkerResult {
  switch (task.kind) {
    case 'batch':
      return runBatch(task);
    case 'catalog':
      return task.names.map((name) => runCatalogScenario(name));
    default: {
      const never: never = task;
      throw new Error(`unknown worker task ${JSON.stringify(never)}`);
    }
  }
}
