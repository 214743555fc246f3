// The one worker pool of the project: piscina threads running a compiled worker module (dist/), used by
// chaos campaigns (src/chaos/campaign.ts) and sweeps (src/sweep/sweep.ts). Where a task runs never
// changes what it computes: callers put results back in task order before using them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

export class PoolError extends Error {
  readonly code = 'BUILD_MISSING';
}

/**
 * The compiled worker module at `relative` (e.g. './worker.js') next to the module at `from`, or null.
 * Running from dist/ it is the sibling; running from TypeScript sources (vitest) there is none.
 */
export function siblingWorker(from: string, relative: string): string | null {
  const path = fileURLToPath(new URL(relative, from));
  return existsSync(path) ? path : null;
}

/**
 * Like siblingWorker, but from sources it falls back to the build under the project root
 * (dist/src/<srcPath>), and says how to make it when that is missing too.
 */
export function compiledWorker(from: string, relative: string, srcPath: string): string {
  const sibling = siblingWorker(from, relative);
  if (sibling !== null) return sibling;
  const root = new URL('../', import.meta.url);
  const built = fileURLToPath(new URL(`dist/src/${srcPath}`, root));
  if (existsSync(built)) return built;
  throw new PoolError(`worker threads need the compiled build (${built} is missing): run \`npm run build\``);
}

export interface WorkerPool<Task, Result> {
  run(task: Task): Promise<Result>;
  close(): Promise<void>;
}

/** A pool of exactly `workers` threads running the default export of `filename`. */
export function createPool<Task, Result>(filename: string, workers: number): WorkerPool<Task, Result> {
  const pool = new Piscina<Task, Result>({
    filename,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
  });
  return {
    run: (task) => pool.run(task) as Promise<Result>,
    close: () => pool.destroy(),
  };
}

export interface MapOptions<Result> {
  /** Tasks in flight at once (default: all of them, queued in piscina). */
  readonly inFlight?: number;
  /** Checked before each task starts: true starts no more (a time budget). */
  readonly stop?: () => boolean;
  /** Called as each task completes, in completion order, with the task's index. */
  readonly onResult?: (result: Result, index: number) => void;
}

/**
 * Runs `tasks` on a fresh pool of `workers` threads, then closes it. Results come back in task order
 * (undefined for tasks never started because `stop` said so), whatever finished first.
 */
export async function mapOnPool<Task, Result>(
  filename: string,
  workers: number,
  tasks: readonly Task[],
  options: MapOptions<Result> = {},
): Promise<(Result | undefined)[]> {
  const pool = createPool<Task, Result>(filename, workers);
  const results: (Result | undefined)[] = new Array<Result | undefined>(tasks.length).fill(undefined);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length && options.stop?.() !== true) {
      const index = next++;
      const result = await pool.run(tasks[index]!);
      results[index] = result;
      options.onResult?.(result, index);
    }
  };
  try {
    const lanes = Math.max(1, Math.min(tasks.length, options.inFlight ?? tasks.length));
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await pool.close();
  }
  return results;
}
