// The piscina worker of a sweep: runs a batch of jobs on one base scenario, in job order. It runs from
// dist/ (compiled JavaScript), like every worker thread of the project.
import type { Scenario } from '../scenarios/types.js';
import { runJob, type RunJob, type RunOutcome } from './run-one.js';
import { sweepWorld } from './world.js';

export interface WorkerTask {
  readonly scenario: Scenario;
  readonly jobs: readonly RunJob[];
}

export default function runBatch(task: WorkerTask): RunOutcome[] {
  const world = sweepWorld();
  return task.jobs.map((job) => runJob(task.scenario, job, world));
}
