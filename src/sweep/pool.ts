// A piscina pool running sweep batches on worker threads. Workers load compiled JavaScript
// (dist/src/sweep/worker.js); from TypeScript sources (vitest) the pool looks for the build under the
// project root and says how to make it when it is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RunOutcome } from './run-one.js';
import type { WorkerTask } from './worker.js';

export class PoolError extends Error {
  readonly code = 'BUILD_MISSING';
}

/** Path of the compiled worker module. */
export function workerPath(): string {
  const sibling = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  const built = fileURLToPath(new URL('../../dist/src/sweep/worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new PoolError(`worker threads need the compiled build (${built} is missing): run \`npm run build\``);
}

export interface BatchPool {
  run(task: WorkerTask): Promise<RunOutcome[]>;
  close(): Promise<void>;
}

export function createPool(workers: number): BatchPool {
  const pool = new Piscina({
    filename: workerPath(),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
  });
  return {
    run: (task) => pool.run(task) as Promise<RunOutcome[]>,
    close: () => pool.destroy(),
  };
}
