// One simulated run judged by the checkers: the unit every campaign run, shrink step, catalogue run
// and regression replay is made of.
import { checkHistory, measureFailovers } from '../check/index.js';
import type { History } from '../check/history.js';
import type { Verdict } from '../check/verdict.js';
import type { Scenario } from '../scenarios/types.js';
import { createKernelPort } from '../sim/kernel-port.js';
import { simulate } from '../sim/run.js';
import { summarizeWrites } from '../sim/summary.js';
import { worldOptionsFor } from './sentinels.js';

/** A verdict without its evidence: what a case file records and a summary counts. */
export interface VerdictLine {
  readonly invariant: string;
  readonly valid: boolean | 'unknown';
  readonly expected: Verdict['expected'];
  readonly ok: boolean;
  readonly detail: string;
}

export interface Judged {
  /** The run's history (empty when the simulation threw); never sent between threads. */
  readonly history: History;
  /** Computed on first read (see judge()). */
  readonly traceHash: string;
  readonly traceJsonl: string;
  readonly verdicts: readonly VerdictLine[];
  /** Some 'hold' or 'break' expectation was not met (a measurement that came out 'unknown' is not). */
  readonly failed: boolean;
  readonly failoverDurationsMs: readonly number[];
  readonly ackedWrites: number;
  readonly lostWrites: number | null;
  readonly events: number;
  readonly simulatedMs: number;
}

export function verdictLines(verdicts: readonly Verdict[]): VerdictLine[] {
  return verdicts.map((v) => ({
    invariant: v.invariant,
    valid: v.valid,
    expected: v.expected,
    ok: v.ok,
    detail: v.detail,
  }));
}

/**
 * Acknowledged and lost writes as the acked-write-loss checker counted them, when it ran and decided
 * (a second pass over the history for the same numbers cost ~3% of a campaign run); else null.
 */
function writeCounts(verdicts: readonly Verdict[]): { acked: number; lost: number } | null {
  const v = verdicts.find((x) => x.invariant === 'acked-write-loss');
  if (v === undefined || v.valid === 'unknown') return null;
  const e = v.evidence as { ackedCount?: unknown; lostCount?: unknown };
  return typeof e.ackedCount === 'number' && typeof e.lostCount === 'number'
    ? { acked: e.ackedCount, lost: e.lostCount }
    : null;
}

export function judge(scenario: Scenario, seed: number): Judged {
  const run = simulate(scenario, seed, createKernelPort, worldOptionsFor(scenario.topology.sentinels));
  const checked = checkHistory(run.history, scenario.expect);
  const verdicts = verdictLines(checked);
  const writes = writeCounts(checked) ?? summarizeWrites(run.history);
  return {
    history: run.history,
    // Encoding and hashing the trace costs ~15% of a campaign run and most runs never need it (only
    // determinism samples, findings and replays do): the simulator encodes on first read, so do not read.
    get traceHash(): string {
      return run.traceHash;
    },
    get traceJsonl(): string {
      return run.traceJsonl;
    },
    verdicts,
    failed: verdicts.some((v) => v.expected !== 'measure' && !v.ok),
    failoverDurationsMs: measureFailovers(run.history).durationsMs,
    ackedWrites: writes.acked,
    lostWrites: writes.lost,
    events: run.events,
    simulatedMs: run.simulatedMs,
  };
}

/**
 * Like judge(), but a throw from the simulator or the world is a failed run (a bug found), recorded
 * as the verdict of a pseudo-invariant 'simulation' whose detail carries the error, and a trace hash
 * of 'threw:<code>' (there is no trace).
 */
export function judgeOrThrown(scenario: Scenario, seed: number): Judged {
  try {
    return judge(scenario, seed);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const name = typeof code === 'string' ? code : error instanceof Error ? error.name : 'THROWN';
    const message = error instanceof Error ? error.message : String(error);
    const verdict: VerdictLine = {
      invariant: 'simulation',
      valid: false,
      expected: 'hold',
      ok: false,
      detail: `threw ${name}: ${message}`,
    };
    return {
      history: [],
      traceHash: `threw:${name}`,
      traceJsonl: '',
      verdicts: [verdict],
      failed: true,
      failoverDurationsMs: [],
      ackedWrites: 0,
      lostWrites: null,
      events: 0,
      simulatedMs: 0,
    };
  }
}
