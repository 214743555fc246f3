// A parameter sweep: plan the jobs of a grid, run them (in this thread or on a worker pool), and merge
// the outcomes deterministically — outcomes are placed by (cell, run), never by completion order, so
// 1 worker, 8 workers or 8 machines give the same numbers.
import type { Scenario } from '../scenarios/types.js';
import { compiledWorker, mapOnPool } from '../pool.js';
import { validateScenario } from '../scenarios/validate.js';
import { aggregateCell, type CellResult } from './aggregate.js';
import { answerFor, type Answer } from './answer.js';
import { applyParams } from './apply.js';
import { assert, SweepError } from './errors.js';
import { cellsOf, type Grid, type SweepParams } from './grid.js';
import { runJob, type RunJob, type RunOutcome } from './run-one.js';
import { runSeed } from './seeds.js';
import { inShard, type Shard } from './shard.js';
import { sentinelsSimulated, sweepWorld } from './world.js';
import type { WorkerTask } from './worker.js';

/** What defines a sweep's numbers (everything else — workers, timing — does not change them). */
export interface SweepSpec {
  readonly scenario: Scenario;
  readonly grid: Grid;
  readonly runsPerCell: number;
  /** Root seed (a safe integer). */
  readonly seed: number;
}

export interface SweepOptions {
  /** Worker threads; 0 runs every job in this thread. */
  readonly workers: number;
  readonly shard?: Shard | null;
  /** Called after each finished batch with (runs done, runs total). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SweepResult {
  readonly kind: 'sentinel-lab-sweep';
  readonly scenario: string;
  readonly seed: number;
  readonly runsPerCell: number;
  readonly grid: Grid;
  /** Whether the simulated worlds had Sentinels (false: failover metrics are empty). */
  readonly sentinelsSimulated: boolean;
  readonly shard: Shard | null;
  /** Aggregated cells, in cell order; empty for a partial shard (merge the shards first). */
  readonly cells: readonly CellResult[];
  /** Your configuration (cell 0) and the neighbour that does better; null for a partial shard. */
  readonly answer: Answer | null;
  /** Every run's outcome in (cell, run) order: what `merge` combines. */
  readonly outcomes: readonly RunOutcome[];
  /** The base scenario, so merge and report need nothing else. */
  readonly baseScenario: Scenario;
  // Timing: not part of the result's identity (see withoutTiming).
  readonly wallMs: number;
  readonly workers: number;
}

export function planJobs(
  spec: SweepSpec,
  shard: Shard | null = null,
): { cells: SweepParams[]; jobs: RunJob[] } {
  assert(Number.isInteger(spec.runsPerCell) && spec.runsPerCell >= 1, 'runsPerCell ≥ 1');
  const cells = cellsOf(spec.grid);
  const jobs: RunJob[] = [];
  cells.forEach((params, cell) => {
    for (let run = 0; run < spec.runsPerCell; run++) {
      if (!inShard(shard, cell * spec.runsPerCell + run)) continue;
      jobs.push({ cell, run, seed: runSeed(spec.seed, cell, run), params });
    }
  });
  return { cells, jobs };
}

/** Fails early (before any run) when a cell's scenario cannot be simulated, naming the cell. */
export function validateCells(spec: SweepSpec, cells: readonly SweepParams[]): void {
  for (const params of cells) {
    try {
      const applied = applyParams(spec.scenario, params, 0);
      validateScenario(applied);
    } catch (error) {
      if (error instanceof SweepError) throw error;
      throw new SweepError('SWEEP_INVALID', `cell ${JSON.stringify(params)}: ${(error as Error).message}`);
    }
  }
}

function batches(jobs: readonly RunJob[], workers: number): RunJob[][] {
  const size = Math.max(1, Math.min(25, Math.ceil(jobs.length / Math.max(1, workers * 8))));
  const out: RunJob[][] = [];
  for (let i = 0; i < jobs.length; i += size) out.push(jobs.slice(i, i + size));
  return out;
}

async function execute(
  spec: SweepSpec,
  jobs: readonly RunJob[],
  options: SweepOptions,
): Promise<RunOutcome[]> {
  let done = 0;
  if (options.workers === 0) {
    const world = sweepWorld();
    return jobs.map((job) => {
      const outcome = runJob(spec.scenario, job, world);
      options.onProgress?.(++done, jobs.length);
      return outcome;
    });
  }
  const parts = batches(jobs, options.workers);
  const results = await mapOnPool<WorkerTask, RunOutcome[]>(
    compiledWorker(import.meta.url, './worker.js', 'sweep/worker.js'),
    options.workers,
    parts.map((part) => ({ scenario: spec.scenario, jobs: part })),
    {
      onResult: (r) => {
        done += r.length;
        options.onProgress?.(done, jobs.length);
      },
    },
  );
  return results.flatMap((r) => r ?? []); // in batch order, whatever finished first
}

/** Builds the result from outcomes; they are sorted into (cell, run) order first. */
export function assemble(
  spec: SweepSpec,
  shard: Shard | null,
  unordered: readonly RunOutcome[],
  timing: { readonly wallMs: number; readonly workers: number },
): SweepResult {
  const outcomes = [...unordered].sort((a, b) => a.cell - b.cell || a.run - b.run);
  const cells = cellsOf(spec.grid);
  const complete = shard === null || shard.count === 1;
  const aggregated = complete
    ? cells.map((params, i) =>
        aggregateCell(
          i,
          params,
          outcomes.filter((o) => o.cell === i),
        ),
      )
    : [];
  return {
    kind: 'sentinel-lab-sweep',
    scenario: spec.scenario.name,
    seed: spec.seed,
    runsPerCell: spec.runsPerCell,
    grid: spec.grid,
    sentinelsSimulated: sentinelsSimulated(),
    shard: complete ? null : shard,
    cells: aggregated,
    answer: complete ? answerFor(spec.grid, aggregated) : null,
    outcomes,
    baseScenario: spec.scenario,
    wallMs: timing.wallMs,
    workers: timing.workers,
  };
}

export async function runSweep(spec: SweepSpec, options: SweepOptions): Promise<SweepResult> {
  const shard = options.shard ?? null;
  const { cells, jobs } = planJobs(spec, shard);
  validateCells(spec, cells);
  const started = performance.now();
  const outcomes = await execute(spec, jobs, options);
  const wallMs = Math.round(performance.now() - started);
  return assemble(spec, shard, outcomes, { wallMs, workers: options.workers });
}

/** The result without its timing fields: equal for equal sweeps whatever the workers or shards. */
export function withoutTiming(result: SweepResult): Omit<SweepResult, 'wallMs' | 'workers'> {
  const { wallMs: _w, workers: _k, ...rest } = result;
  return rest;
}
