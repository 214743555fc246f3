// A random campaign: runs 0…N-1 of (campaign seed, base), sharded across worker threads with piscina.
//
// Why the result does not depend on the worker count: a run is identified by (campaign seed, run
// index) only; its fast-check seed and world seed are derived from that pair (seeds.ts), it shrinks
// in the worker that ran it with a step budget counted in simulations (run-one.ts), and outcomes are
// sorted by run index before anything is reported. Workers only decide *where* a run executes.
// A `timeBudgetMs` makes the number of runs depend on speed (the runs done are still 0…k-1, in whole
// batches, each identical to the same run in any other campaign of that seed and base).
//
// Determinism self-check: 1 in `determinismEvery` runs returns its trace; the main thread executes
// the run again and compares the traces (a mismatch names the first differing line). With workers the
// two executions happen in different threads; in-process (no compiled worker, e.g. under vitest from
// src/) both happen in this thread, which still catches state leaking from one run into the next.
import { performance } from 'node:perf_hooks';
import { mapOnPool, siblingWorker } from '../pool.js';
import { BASES, withFaults } from './base.js';
import { runCatalogScenario, type CatalogOutcome } from './catalog-job.js';
import { firstDifference, type TraceMismatch } from './determinism.js';
import { judgeOrThrown } from './judge.js';
import type { RunOutcome } from './run-one.js';
import { inDeterminismSample, worldSeed } from './seeds.js';
import { runBatch, type BatchTask, type WorkerResult, type WorkerTask } from './worker.js';

export interface CampaignOptions {
  readonly seed: number;
  readonly runs: number;
  /** Worker threads; 0 runs everything in this thread. */
  readonly workers: number;
  readonly baseName: string;
  /** Stop starting new batches after this much wall time (ms); null: run all `runs`. */
  readonly timeBudgetMs: number | null;
  readonly maxShrinkRuns: number;
  /** 1 in `determinismEvery` runs is executed a second time (0: never). */
  readonly determinismEvery: number;
  readonly batchSize: number;
}

export const CAMPAIGN_DEFAULTS: Omit<CampaignOptions, 'seed'> = {
  runs: 100,
  workers: 2,
  baseName: 'replication',
  timeBudgetMs: null,
  maxShrinkRuns: 200,
  // 1 in 50: 200 re-executions in a 10,000-run campaign, for 2% of its CPU (1 in 20 cost 5%).
  determinismEvery: 50,
  batchSize: 4,
};

export interface DeterminismReport {
  /** 'other-thread': the second execution ran in the main thread, the first in a worker. */
  readonly mode: 'other-thread' | 'same-thread';
  readonly checked: number;
  readonly mismatches: readonly TraceMismatch[];
}

export interface CampaignResult {
  readonly options: CampaignOptions;
  /** Outcomes sorted by run index (traces dropped). */
  readonly outcomes: readonly RunOutcome[];
  readonly determinism: DeterminismReport;
  readonly wallMs: number;
  readonly workersUsed: number;
}

/** The compiled worker (running from dist/), or null (under vitest from src/). */
const WORKER_FILE = siblingWorker(import.meta.url, './worker.js');

/** The compiled worker exists (running from dist/); under vitest from src/ it does not. */
export function compiledWorkerAvailable(): boolean {
  return WORKER_FILE !== null;
}

function batches(o: CampaignOptions): BatchTask[] {
  const out: BatchTask[] = [];
  for (let start = 0; start < o.runs; start += o.batchSize) {
    const runIndices = Array.from({ length: Math.min(o.batchSize, o.runs - start) }, (_, i) => start + i);
    out.push({
      campaignSeed: o.seed,
      baseName: o.baseName,
      runIndices,
      maxShrinkRuns: o.maxShrinkRuns,
      keepTraceOf: runIndices.filter((i) => inDeterminismSample(i, o.determinismEvery)),
    });
  }
  return out;
}

/** Re-executes a sampled run here and compares its trace with the one the first execution returned. */
function recheck(o: CampaignOptions, outcome: RunOutcome): TraceMismatch | null {
  const base = BASES.get(o.baseName)!;
  const again = judgeOrThrown(withFaults(base, outcome.faults), worldSeed(o.seed, outcome.runIndex));
  return firstDifference(`run ${outcome.runIndex}`, outcome.traceJsonl ?? '', again.traceJsonl);
}

export type ProgressListener = (done: number, total: number) => void;

export async function runCampaign(
  o: CampaignOptions,
  onProgress?: ProgressListener,
): Promise<CampaignResult> {
  if (!BASES.has(o.baseName)) throw new Error(`unknown campaign base '${o.baseName}'`);
  const started = performance.now();
  const outOfTime = (): boolean => o.timeBudgetMs !== null && performance.now() - started > o.timeBudgetMs;
  const useWorkers = o.workers > 0 && compiledWorkerAvailable();
  const outcomes: RunOutcome[] = [];
  const mismatches: TraceMismatch[] = [];
  let checked = 0;
  const accept = (batch: RunOutcome[]): void => {
    for (const r of batch) {
      if (r.traceJsonl !== undefined) {
        checked++;
        const m = recheck(o, r);
        if (m !== null) mismatches.push(m);
      }
      const { traceJsonl: _dropped, ...kept } = r;
      outcomes.push(kept);
    }
    onProgress?.(outcomes.length, o.runs);
  };
  const tasks = batches(o);
  if (!useWorkers) {
    for (const t of tasks) {
      if (outOfTime()) break;
      accept(runBatch(t));
    }
  } else {
    await runOnPool(o, tasks, outOfTime, accept);
  }
  outcomes.sort((a, b) => a.runIndex - b.runIndex);
  return {
    options: o,
    outcomes,
    determinism: { mode: useWorkers ? 'other-thread' : 'same-thread', checked, mismatches },
    wallMs: performance.now() - started,
    workersUsed: useWorkers ? o.workers : 0,
  };
}

async function runOnPool(
  o: CampaignOptions,
  tasks: readonly BatchTask[],
  outOfTime: () => boolean,
  accept: (batch: RunOutcome[]) => void,
): Promise<void> {
  // Two batches per worker in flight; no new ones once the time budget is spent.
  await mapOnPool<WorkerTask, WorkerResult>(
    WORKER_FILE!,
    o.workers,
    tasks.map((task) => ({ kind: 'batch', ...task })),
    { inFlight: o.workers * 2, stop: outOfTime, onResult: (r) => accept(r as RunOutcome[]) },
  );
}

/** Runs catalogue scenarios (one task each) on `workers` threads, or here when workers is 0. */
export async function runCatalog(
  names: readonly string[],
  workers: number,
  onDone?: (o: CatalogOutcome) => void,
): Promise<CatalogOutcome[]> {
  if (workers === 0 || !compiledWorkerAvailable()) {
    return names.map((name) => {
      const out = runCatalogScenario(name);
      onDone?.(out);
      return out;
    });
  }
  const results = await mapOnPool<WorkerTask, WorkerResult>(
    WORKER_FILE!,
    workers,
    names.map((name) => ({ kind: 'catalog', names: [name] })),
    { onResult: (r) => onDone?.((r as CatalogOutcome[])[0]!) },
  );
  return results.map((r) => (r as CatalogOutcome[])[0]!);
}
