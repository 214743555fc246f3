// What the report writers take. The report is a pure function of these values: a run's result (how to
// reproduce it), its history (src/check/history.ts), its verdicts (src/check/verdict.ts) and, for sweeps,
// a grid of aggregated cells.
import type { History } from '../check/history.js';
import type { Verdict } from '../check/verdict.js';

/** Everything needed to reproduce one run; written verbatim into result.json and the HTML page. */
export interface RunResult {
  /** Directory name under reports/; [A-Za-z0-9._-] only. */
  readonly runId: string;
  readonly scenario: string;
  readonly seed: number | string;
  readonly tier: 'sim' | 'real';
  /** sentinel-lab version that produced the run. */
  readonly version?: string;
  /** SHA-256 of the canonical trace, when the tier produces one. */
  readonly traceHash?: string;
  /** Every resolved option (scenario settings, faults, workload…), as the VOPR prints them. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Measured failover durations (ms) and the budget they are judged against. */
  readonly failover?: { readonly durationsMs: readonly number[]; readonly budgetMs: number };
  /** Wall-clock seconds the run took, for JUnit `time`. */
  readonly elapsedSeconds?: number;
  /**
   * The command that reproduces the run, when it is not `sentinel-lab run <scenario> --seed <seed>`
   * (a chaos campaign, a sweep).
   */
  readonly reproduce?: string;
}

/**
 * One point of a parameter sweep, already aggregated over its runs. `params` are the grid coordinates
 * (e.g. `{ sentinels: 5, quorum: 3 }`); `metrics` are values such as `failoverP50Ms`, `failoverP99Ms`,
 * `needlessFailoverProbability`, `lostWriteFraction`; null means "not measurable in this cell".
 */
export interface SweepCell {
  readonly params: Readonly<Record<string, number | string>>;
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Number of runs aggregated into this cell. */
  readonly runs?: number;
}

export interface SweepInput {
  readonly cells: readonly SweepCell[];
  /** Grid axes; default: the first two params that take more than one value. */
  readonly xParam?: string;
  readonly yParam?: string;
  /** Failover durations of every run of the sweep (ms), for the histogram and CDF. */
  readonly durationsMs?: readonly number[];
  readonly budgetMs?: number;
  /** The sweep's answer for its first cell, as the CLI prints it (lines, with the p-values of "better"). */
  readonly answer?: readonly string[];
}

export interface ReportInput {
  readonly result: RunResult;
  readonly history: History;
  readonly verdicts: readonly Verdict[];
  /** Canonical JSONL trace text, copied to trace.jsonl when present. */
  readonly trace?: string;
  readonly sweep?: SweepInput;
}

/** Bad report input (a typed error whose message names the offending field). */
export class ReportError extends Error {
  constructor(
    readonly code: 'REPORT_BAD_RUN_ID' | 'REPORT_BAD_INPUT' | 'REPORT_WRITE_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
