// bounded-failover and failover-count (spec §15, §7.3–§7.5).
//
// bounded-failover: every master-failure episode (src/check/failover.ts) that *requires* a failover
// ends with a majority of Sentinels naming a new master within the failover budget (src/check/budget.ts).
// An episode requires one when all of these hold:
//   - the fault lasts at least the budget (a shorter fault may legitimately end before SDOWN);
//   - among the up Sentinels cut from the old master, a group that can all talk to each other numbers
//     at least max(quorum, majority of all Sentinels), and at least one up replica stays reachable for
//     every member of that group;
//   - no other fault is active within [start − budget, start + budget] unless it only touches the old
//     master (previous faults could leave Sentinels in TILT, replicas out of date, or links degraded);
//     a clock drift of known rate up to 100 000 ppm is no obstacle: it stretches that episode's budget
//     by 1/(1 − |ppm|·1e-6), the time a slow clock needs to count down-after;
//   - no Sentinel aborted a failover of that master within 2 × failover-timeout before it (§7.5 back-off)
//     and no Sentinel entered TILT within a TILT period before it or during the budget.
// A partition whose blocked pairs are not recorded cannot be judged: the verdict is then 'unknown'
// unless a violation is found elsewhere. No required episode at all is a vacuous pass (said in detail).
import { REDIS7, failoverBudget } from './budget.js';
import { sentinelEvents, type EventAt } from './events.js';
import { overlaps, type FaultSpan } from './faults.js';
import { failoverTimeline, type Episode } from './failover.js';
import type { History } from './history.js';
import { type CheckResult, fmtMs, type Topology, topologyOf } from './model.js';

type Requirement =
  | { required: true; budgetMs: number }
  | { required: false; reason: string }
  | { required: 'unknown'; reason: string };

function onlyTouches(span: FaultSpan, node: string): boolean {
  if (span.kind === 'partition' && span.blocks !== null)
    return span.blocks.every(([a, b]) => a === node || b === node);
  return [...span.nodes].every((n) => n === node);
}

/** Drift below this is absorbed by stretching the budget; above it the episode is not judged. */
const MAX_ABSORBED_DRIFT_PPM = 100_000;

/**
 * A Sentinel whose clock runs slow by d ppm waits down-after/(1 − d·1e-6) of true time: with a known
 * drift nearby, the episode's budget is stretched by that factor instead of the episode being dropped.
 */
function driftFactor(spans: readonly FaultSpan[]): number | null {
  let worstPpm = 0;
  for (const s of spans) {
    if (s.driftPpm === null || Math.abs(s.driftPpm) > MAX_ABSORBED_DRIFT_PPM) return null;
    worstPpm = Math.max(worstPpm, Math.abs(s.driftPpm));
  }
  return 1 / (1 - worstPpm * 1e-6);
}

/**
 * 'protocol' judges Sentinel given its electorate (bounded-failover); 'deployment' judges the deployment
 * (failover-availability): Sentinels lost with the master, or a quorum no surviving group can reach,
 * are the deployment's fault and exempt nothing.
 */
type Judging = 'protocol' | 'deployment';

function requirement(
  ep: Episode,
  spans: readonly FaultSpan[],
  topo: Topology,
  history: History,
  events: readonly EventAt[],
  baseBudgetMs: number,
  judging: Judging,
): Requirement {
  const start = ep.fault.startMs;
  const nearby = spans.filter(
    (s) =>
      s.index !== ep.fault.index &&
      overlaps(s, start - baseBudgetMs, start + baseBudgetMs / (1 - MAX_ABSORBED_DRIFT_PPM * 1e-6)),
  );
  const drifts = nearby.filter((s) => s.kind === 'clock-drift');
  const factor = driftFactor(drifts);
  const noisy = nearby.filter(
    (s) => !onlyTouches(s, ep.oldMaster) && !(factor !== null && s.kind === 'clock-drift'),
  );
  if (noisy.length > 0)
    return { required: false, reason: `other faults nearby: ${noisy.map((s) => s.kind).join(', ')}` };
  const budgetMs = Math.ceil(baseBudgetMs * (factor ?? 1));
  if (ep.fault.endMs !== null && ep.fault.endMs < start + budgetMs)
    return { required: false, reason: 'fault shorter than the budget' };
  const lastMs = history[history.length - 1]?.trueMs ?? 0;
  if (lastMs < start + budgetMs) return { required: false, reason: 'the history ends before the budget' };
  const abortSince = start - 2 * topo.failoverTimeoutMs - 1000;
  if (events.some((e) => e.event.kind === 'failover-abort' && e.trueMs >= abortSince && e.trueMs <= start)) {
    return { required: false, reason: 'a failover was aborted within 2 × failover-timeout before' };
  }
  if (
    events.some(
      (e) => e.type === '+tilt' && e.trueMs >= start - REDIS7.tiltPeriodMs && e.trueMs <= start + budgetMs,
    )
  ) {
    return { required: false, reason: 'a Sentinel was in TILT' };
  }
  if (ep.cutSentinels === null || ep.electorate === null || ep.reachableReplicas === null) {
    return { required: 'unknown', reason: 'partition pairs not recorded' };
  }
  const quorum = topo.record.masters.find((m) => m.name === ep.master)?.quorum ?? Infinity;
  const needed = Math.max(quorum, topo.majority);
  if (judging === 'protocol' && ep.electorate.length < needed) {
    return {
      required: false,
      reason: `${String(ep.electorate.length)} connected Sentinels lost the master, ${String(needed)} needed`,
    };
  }
  if (ep.reachableReplicas.length === 0) return { required: false, reason: 'no reachable replica' };
  return { required: true, budgetMs };
}

export function checkBoundedFailover(history: History): CheckResult {
  return judgeFailovers(history, 'protocol');
}

/**
 * failover-availability: like bounded-failover, but judging the deployment rather than the protocol —
 * every lasting master failure with a replica left must end with a majority of all Sentinels naming a
 * new master within the budget, whether or not enough Sentinels survived or quorum can be reached. It
 * breaks for the misconfigurations the Sentinel documentation warns about (two Sentinels, all Sentinels
 * on the master's box, quorum above the Sentinel count), where bounded-failover holds vacuously.
 */
export function checkFailoverAvailability(history: History): CheckResult {
  return judgeFailovers(history, 'deployment');
}

function judgeFailovers(history: History, judging: Judging): CheckResult {
  const topo = topologyOf(history);
  const budget = failoverBudget(topo.downAfterMs);
  const { episodes, spans } = failoverTimeline(history, topo);
  const unknownTargets = [...new Set(spans.flatMap((s) => [...s.nodes].filter((n) => !topo.nodes.has(n))))];
  const events = sentinelEvents(history);
  const judged = episodes.map((ep) => ({
    ep,
    req: requirement(ep, spans, topo, history, events, budget.totalMs, judging),
  }));
  const late = judged.filter(
    ({ ep, req }) =>
      req.required === true &&
      ep.coveredBy === null &&
      (ep.durationMs === null || ep.durationMs > req.budgetMs),
  );
  const unjudged = judged.filter(({ req }) => req.required === 'unknown');
  const durationsMs = episodes.flatMap((e) => (e.durationMs === null ? [] : [e.durationMs]));
  const evidence = {
    budgetMs: budget.totalMs,
    budgetTerms: budget.terms,
    durationsMs,
    episodes: judged.map(({ ep, req }) => ({
      ...ep,
      required: req.required,
      reason: 'reason' in req ? req.reason : null,
      budgetMs: 'budgetMs' in req ? req.budgetMs : null,
    })),
    late: late.map(({ ep }) => ({
      master: ep.master,
      oldMaster: ep.oldMaster,
      faultMs: ep.fault.startMs,
      durationMs: ep.durationMs,
    })),
    unknownTargets,
  };
  if (late.length > 0) {
    const parts = late.map(({ ep }) =>
      ep.durationMs === null
        ? `${ep.oldMaster} failed at ${String(ep.fault.startMs)} ms and no failover followed`
        : `failover from ${ep.oldMaster} at ${String(ep.fault.startMs)} ms took ${fmtMs(ep.durationMs)}`,
    );
    return { valid: false, detail: `${parts.join('; ')} (budget ${String(budget.totalMs)} ms)`, evidence };
  }
  if (unjudged.length > 0 || unknownTargets.length > 0) {
    const why =
      unknownTargets.length > 0
        ? `fault targets not in the topology: ${unknownTargets.join(', ')}`
        : 'partition pairs not recorded';
    return { valid: 'unknown', detail: `no late failover seen, but ${why}`, evidence };
  }
  const required = judged.filter(({ req }) => req.required === true).length;
  if (required === 0)
    return { valid: true, detail: 'vacuous: no master failure required a failover', evidence };
  return {
    valid: true,
    detail: `${String(required)} required failover(s) within ${String(budget.totalMs)} ms`,
    evidence,
  };
}

/** Config epochs (> 0) that a majority of all Sentinels persisted for a master (from config records). */
function adoptedConfigEpochs(history: History, topo: Topology): Record<string, number[]> {
  const holders = new Map<string, Set<string>>();
  for (const record of history) {
    const p = record.payload;
    if (p.kind !== 'config') continue;
    for (const m of p.masters) {
      if (m.configEpoch <= 0) continue;
      const key = `${m.name}\u0000${String(m.configEpoch)}`;
      const set = holders.get(key) ?? new Set<string>();
      set.add(record.node);
      holders.set(key, set);
    }
  }
  const out: Record<string, number[]> = {};
  for (const [key, set] of holders) {
    if (set.size < topo.majority) continue;
    const [name = '', epoch = '0'] = key.split('\u0000');
    (out[name] ??= []).push(Number(epoch));
  }
  return out;
}

/** `+switch-master` moves (master old → new) announced by a majority of all Sentinels (§8.8, §8.9). */
function switchesByMajority(events: readonly EventAt[], topo: Topology): string[] {
  const nodes = new Map<string, Set<string>>();
  for (const e of events) {
    const ev = e.event;
    if (ev.kind !== 'switch-master') continue;
    const key = `${ev.master} ${ev.oldIp}:${String(ev.oldPort)} -> ${ev.newIp}:${String(ev.newPort)}`;
    const set = nodes.get(key) ?? new Set<string>();
    set.add(e.node);
    nodes.set(key, set);
  }
  return [...nodes].filter(([, set]) => set.size >= topo.majority).map(([key]) => key);
}

export function checkFailoverCount(history: History): CheckResult {
  const topo = topologyOf(history);
  const { switches } = failoverTimeline(history, topo);
  const configEpochs = adoptedConfigEpochs(history, topo);
  const evidence = {
    count: switches.length,
    switches,
    configEpochsAdoptedByMajority: configEpochs,
    switchMasterByMajority: switchesByMajority(sentinelEvents(history), topo),
  };
  return { valid: true, detail: `${String(switches.length)} failover(s) (majority view switches)`, evidence };
}
