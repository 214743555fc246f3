// convergence-after-heal (liveness, like the VOPR's liveness mode): after the `healed` record the
// system converges — for each master name all up Sentinels name one node, it is an up master, no other
// up master exists, every up replica replicates it (src/check/world.ts, from `process`, `role` and
// `sentinel-view` records) — within the convergence budget (src/check/budget.ts), and stays so until
// the end of the history. The time it took is reported. If the history ends unconverged before the
// budget ran out, the answer is 'unknown' (not enough was observed), never a pass.
import { convergenceBudget } from './budget.js';
import { faultSpans } from './faults.js';
import type { History } from './history.js';
import { type CheckResult, fmtMs, topologyOf } from './model.js';
import { applyRecord, convergenceProblems, initialWorld } from './world.js';

export function checkConvergenceAfterHeal(history: History): CheckResult {
  const topo = topologyOf(history);
  const healedIndex = history.findIndex((r) => r.payload.kind === 'healed');
  const healed = history[healedIndex];
  if (healed === undefined)
    return { valid: 'unknown', detail: 'the history has no healed record', evidence: {} };
  const clockFaults = faultSpans(history, topo).some((s) => s.kind.startsWith('clock'));
  const budget = convergenceBudget(topo.downAfterMs, topo.failoverTimeoutMs, clockFaults);
  const state = initialWorld(topo);
  let convergedSinceMs: number | null = null;
  let problems: string[] = [];
  for (const [index, record] of history.entries()) {
    const changed = applyRecord(state, record);
    if (index < healedIndex || (!changed && index !== healedIndex)) continue;
    problems = convergenceProblems(state, topo);
    if (problems.length > 0) convergedSinceMs = null;
    else convergedSinceMs ??= record.trueMs;
  }
  const lastMs = history[history.length - 1]?.trueMs ?? healed.trueMs;
  const tookMs = convergedSinceMs === null ? null : convergedSinceMs - healed.trueMs;
  const evidence = {
    healedMs: healed.trueMs,
    convergedMs: convergedSinceMs,
    tookMs,
    budgetMs: budget.totalMs,
    budgetTerms: budget.terms,
    observedMs: lastMs - healed.trueMs,
    problemsAtEnd: problems,
  };
  if (tookMs !== null && tookMs <= budget.totalMs) {
    return {
      valid: true,
      detail: `converged ${fmtMs(tookMs)} after heal (budget ${fmtMs(budget.totalMs)})`,
      evidence,
    };
  }
  if (tookMs !== null) {
    return {
      valid: false,
      detail: `converged only ${fmtMs(tookMs)} after heal (budget ${fmtMs(budget.totalMs)})`,
      evidence,
    };
  }
  if (lastMs - healed.trueMs >= budget.totalMs) {
    return {
      valid: false,
      detail: `not converged ${fmtMs(lastMs - healed.trueMs)} after heal: ${problems.join('; ')}`,
      evidence,
    };
  }
  return {
    valid: 'unknown',
    detail: `not converged yet when the history ends, before the budget: ${problems.join('; ')}`,
    evidence,
  };
}
