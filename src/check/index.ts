// The checker registry and dispatcher. Checkers are pure functions of a history (style.md, "Faults,
// workloads and checkers apart"); checkHistory runs the ones a scenario names and maps each result
// against the scenario's expectation. A checker that throws yields 'unknown', never a pass.
import type { Expectation } from '../scenarios/types.js';
import { checkBoundedFailover, checkFailoverAvailability, checkFailoverCount } from './bounded.js';
import { checkConvergenceAfterHeal } from './convergence.js';
import { checkElectionSafety } from './election.js';
import { checkEpochMonotonicity } from './epochs.js';
import type { History } from './history.js';
import { CheckError, type CheckResult } from './model.js';
import { checkNoNeedlessFailover } from './needless.js';
import { checkNoLastingSplitBrain, checkSplitBrainWindow } from './split-brain.js';
import type { Verdict } from './verdict.js';
import { checkAckedWriteLoss } from './writes.js';

export { CheckError, type CheckErrorCode, type CheckResult } from './model.js';
export { measureFailovers, type FailoverMeasurement, type Episode, type Switch } from './failover.js';
export { failoverBudget, convergenceBudget, REDIS7 } from './budget.js';
export {
  checkAckedWriteLoss,
  checkBoundedFailover,
  checkFailoverAvailability,
  checkConvergenceAfterHeal,
  checkElectionSafety,
  checkEpochMonotonicity,
  checkFailoverCount,
  checkNoLastingSplitBrain,
  checkNoNeedlessFailover,
  checkSplitBrainWindow,
};

export type Checker = (history: History) => CheckResult;

/** Every invariant and measurement by name. */
export const CHECKERS = {
  'election-safety': checkElectionSafety,
  'epoch-monotonicity': checkEpochMonotonicity,
  'no-lasting-split-brain': checkNoLastingSplitBrain,
  'split-brain-window': checkSplitBrainWindow,
  'bounded-failover': checkBoundedFailover,
  'failover-availability': checkFailoverAvailability,
  'no-needless-failover': checkNoNeedlessFailover,
  'acked-write-loss': checkAckedWriteLoss,
  'convergence-after-heal': checkConvergenceAfterHeal,
  'failover-count': checkFailoverCount,
} as const satisfies Record<string, Checker>;

export type InvariantName = keyof typeof CHECKERS;

export function isInvariantName(name: string): name is InvariantName {
  return Object.hasOwn(CHECKERS, name);
}

/** Whether a result meets an expectation ('measure' is met unless the checker could not decide). */
export function meets(valid: boolean | 'unknown', expected: Expectation): boolean {
  switch (expected) {
    case 'hold':
      return valid === true;
    case 'break':
      return valid === false;
    case 'measure':
      return valid !== 'unknown';
    default: {
      const never: never = expected;
      throw new CheckError(
        'CHECK_BAD_EXPECTATION',
        `expectation must be hold|break|measure, got ${String(never)}`,
      );
    }
  }
}

/** Runs one checker, turning a throw into an 'unknown' result that names the error. */
export function runChecker(name: InvariantName, history: History): CheckResult {
  try {
    return CHECKERS[name](history);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof CheckError ? error.code : 'THROWN';
    return { valid: 'unknown', detail: `checker failed: ${message}`, evidence: { error: message, code } };
  }
}

/**
 * Runs the checkers named in `expect`, in its key order. An unknown name is a bad scenario, not a
 * checker failure: it throws a CheckError (code CHECK_UNKNOWN_INVARIANT) naming it, before any runs.
 */
export function checkHistory(history: History, expect: Readonly<Record<string, Expectation>>): Verdict[] {
  const names = Object.keys(expect);
  for (const name of names) {
    if (!isInvariantName(name)) {
      throw new CheckError(
        'CHECK_UNKNOWN_INVARIANT',
        `expect["${name}"]: unknown invariant (known: ${Object.keys(CHECKERS).join(', ')})`,
      );
    }
    const expected = expect[name];
    if (expected !== 'hold' && expected !== 'break' && expected !== 'measure') {
      throw new CheckError(
        'CHECK_BAD_EXPECTATION',
        `expect["${name}"] must be hold|break|measure, got ${String(expected)}`,
      );
    }
  }
  return names.map((name) => {
    const expected = expect[name] as Expectation;
    const result = runChecker(name as InvariantName, history);
    return {
      invariant: name,
      valid: result.valid,
      expected,
      ok: meets(result.valid, expected),
      detail: result.detail,
      evidence: result.evidence,
    };
  });
}
