// One run of one cell: simulate the cell's scenario with the run's seed and keep only the few numbers
// the aggregate needs (a run's history never leaves the worker, so a sweep's memory stays flat).
import { checkNoNeedlessFailover, measureFailovers } from '../check/index.js';
import type { Scenario } from '../scenarios/types.js';
import { createKernelPort } from '../sim/kernel-port.js';
import { simulate } from '../sim/run.js';
import { summarizeWrites } from '../sim/summary.js';
import type { WorldOptions } from '../sim/world.js';
import { applyParams, withoutSentinels } from './apply.js';
import type { SweepParams } from './grid.js';

/** What one run contributes to its cell. JSON-safe; the order of fields is fixed. */
export interface RunOutcome {
  readonly cell: number;
  readonly run: number;
  readonly seed: number;
  /** Majority switches of the master (every failover clients saw). */
  readonly failovers: number;
  /** Fault → switch time of each completed master-failure episode (ms). */
  readonly durationsMs: readonly number[];
  /** Whether a failover started with the master up and reachable; null when the checker could not tell. */
  readonly needless: boolean | null;
  readonly acked: number;
  /** Acknowledged writes missing at the end; null when there was no single final master. */
  readonly lost: number | null;
  readonly traceHash: string;
}

export interface RunJob {
  readonly cell: number;
  readonly run: number;
  readonly seed: number;
  readonly params: SweepParams;
}

export function runJob(base: Scenario, job: RunJob, world: WorldOptions = {}): RunOutcome {
  const applied = applyParams(base, job.params, job.seed);
  const scenario = world.sentinelFactory === undefined ? withoutSentinels(applied) : applied;
  const sim = simulate(scenario, job.seed, createKernelPort, world);
  const failover = measureFailovers(sim.history);
  const needless = checkNoNeedlessFailover(sim.history);
  const writes = summarizeWrites(sim.history);
  return {
    cell: job.cell,
    run: job.run,
    seed: job.seed,
    failovers: failover.count,
    durationsMs: failover.durationsMs,
    needless: needless.valid === 'unknown' ? null : !needless.valid,
    acked: writes.acked,
    lost: writes.lost,
    traceHash: sim.traceHash,
  };
}
