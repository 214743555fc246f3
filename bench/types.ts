// The contract of a benchmark module. To add a benchmark, write a module exporting a `BenchModule` and
// add it to the list in bench/registry.ts; `npm run bench` runs every registered module (or those named
// on the command line), prints a table and merges the results into bench/results.json.

export interface BenchResult {
  /** Headline numbers, merged into bench/results.json at top level (key → number). Units last in names. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Anything else worth keeping (per-variant numbers, choices and why), merged under `details[name]`. */
  readonly details?: unknown;
  /** Lines printed under the table. */
  readonly notes?: readonly string[];
}

export interface BenchModule {
  /** Short unique name; also the key of this module's `details` entry. */
  readonly name: string;
  readonly description: string;
  /** Only run when named (`npm run bench -- <name>`): for benchmarks that take minutes. */
  readonly optIn?: boolean;
  /** Runs the benchmark synchronously. Keep it under ~20 s: the whole bench must finish in 2 minutes. */
  run(): BenchResult;
}

/** Wall-clock milliseconds (benchmarks measure real time; the simulator never does). */
export function wallMs(): number {
  return performance.now();
}

/**
 * CPU seconds this process used while running `fn` (user + system). The machine is shared by many
 * processes, so throughput is reported per CPU-second of this process; wall time is reported beside it.
 */
export function measure(fn: () => void): { cpuSec: number; wallSec: number } {
  const c0 = process.cpuUsage();
  const w0 = wallMs();
  fn();
  const c = process.cpuUsage(c0);
  return { cpuSec: (c.user + c.system) / 1e6, wallSec: (wallMs() - w0) / 1000 };
}
