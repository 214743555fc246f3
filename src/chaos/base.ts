// What a random campaign run is: a base configuration plus a generated fault schedule, judged by the
// properties that must hold whatever the schedule (design.md "Safety, then liveness", VOPR-style):
// safety during the fault phase (election-safety, epoch-monotonicity), then the nemesis heals every
// fault at `faultPhaseEndMs` (a superset of "a core": a majority of Sentinels plus the master or an
// eligible replica) and the run continues for the convergence budget (src/check/budget.ts) plus a
// margin, so no-lasting-split-brain and convergence-after-heal can be decided, not left 'unknown'.
import { convergenceBudget } from '../check/index.js';
import { FAULT_KINDS, type FaultKind } from '../scenarios/arbitraries.js';
import { BASE } from '../scenarios/catalog/common.js';
import { jepsen2013 } from '../scenarios/catalog/jepsen-2013-partition.js';
import type { Expectation, FaultSchedule, Scenario } from '../scenarios/types.js';

/** A named base configuration: a scenario without faults, and the fault kinds drawn for it. */
export interface CampaignBase {
  readonly name: string;
  readonly scenario: Scenario;
  readonly kinds: readonly FaultKind[];
  readonly maxFaults: number;
  /** Partitions may be splits of the hosts (Jepsen's nemesis shape, src/scenarios/arbitraries.ts). */
  readonly splits?: boolean;
  /** Grain of generated start times and durations (default 1 ms; see ScheduleOptions). */
  readonly timeQuantumMs?: number;
  /** Faults every run has besides the generated ones (never shrunk away). */
  readonly fixedFaults?: FaultSchedule;
  /**
   * When set, a run is a finding only if this invariant comes out violated (valid false); otherwise
   * any unmet 'hold'/'break' is one (an 'unknown' under 'hold' included).
   */
  readonly violation?: string;
}

/** The properties of every random run with Sentinels; measurements never make a finding. */
export const CHAOS_EXPECT: Readonly<Record<string, Expectation>> = {
  'election-safety': 'hold',
  'epoch-monotonicity': 'hold',
  'no-lasting-split-brain': 'hold',
  'convergence-after-heal': 'hold',
  'acked-write-loss': 'measure',
  'failover-count': 'measure',
};

/**
 * The write properties of a Sentinel-free world: with no failover and no crash, every write redis-1
 * acknowledged must survive whatever pauses, partitions, link faults and clock faults do. (The
 * Sentinel properties cannot be judged without Sentinels: the checkers read their views.)
 */
export const REPLICATION_EXPECT: Readonly<Record<string, Expectation>> = {
  'acked-write-loss': 'hold',
  'split-brain-window': 'measure',
  'failover-count': 'measure',
};

const FAULT_PHASE_MS = 30_000;
/** Convergence margin after the budget: the final record must come after convergence was possible. */
const MARGIN_MS = 5_000;

function withHealedPhase(s: Omit<Scenario, 'faultPhaseEndMs' | 'durationMs'>): Scenario {
  const budget = convergenceBudget(s.sentinel.downAfterMs, s.sentinel.failoverTimeoutMs, true);
  return { ...s, faultPhaseEndMs: FAULT_PHASE_MS, durationMs: FAULT_PHASE_MS + budget.totalMs + MARGIN_MS };
}

/**
 * Sentinel base: the catalogue's base (3 Sentinels, quorum 2, master + 2 replicas, one client through
 * Sentinel discovery) with a 10 s failover-timeout, so the healed phase stays near a minute.
 */
export const SENTINEL_BASE: CampaignBase = {
  name: 'sentinels-3',
  scenario: withHealedPhase({
    ...BASE,
    name: 'chaos-sentinels-3',
    description: 'random fault schedule on 3 Sentinels (quorum 2), a master, 2 replicas and a client',
    sentinel: { ...BASE.sentinel, failoverTimeoutMs: 10_000 },
    faults: [],
    expect: CHAOS_EXPECT,
  }),
  kinds: FAULT_KINDS,
  maxFaults: 6,
  splits: true,
};

function replicationBase(name: string, kinds: readonly FaultKind[], description: string): CampaignBase {
  return {
    name,
    scenario: withHealedPhase({
      ...BASE,
      name: `chaos-${name}`,
      description,
      topology: { sentinels: 0, replicas: 2, clients: 1 },
      sentinel: { ...BASE.sentinel, failoverTimeoutMs: 10_000 },
      workload: { ...BASE.workload, discovery: 'fixed' },
      faults: [],
      expect: REPLICATION_EXPECT,
    }),
    kinds,
    maxFaults: 6,
  };
}

/** Replication-only base: no Sentinels, a client writes to redis-1 directly; no crashes. */
export const REPLICATION_BASE = replicationBase(
  'replication',
  ['pause', 'partition', 'link', 'clock-jump', 'clock-drift'],
  'random pauses, partitions, link and clock faults on a master, 2 replicas and a client, no Sentinels',
);

/**
 * A deliberately weak configuration: crashes allowed and no persistence, so a crash of redis-1 loses
 * every acknowledged write. It exists to exercise shrinking and the regression pipeline.
 */
export const WEAK_REPLICATION_BASE = replicationBase(
  'replication-crash',
  ['crash', 'pause', 'partition', 'link', 'clock-jump', 'clock-drift'],
  'random faults including crashes on a master (no persistence), 2 replicas and a client, no Sentinels',
);

const jepsenScenario = jepsen2013.find((s) => s.name === 'jepsen-2013-partition')!;

/**
 * The deployment of jepsen-2013-partition (five boxes n1..n5, each with a redis-server and a Sentinel,
 * quorum 3, a writing client on n1 and one on n3) with random partitions — pair cuts and splits of
 * the boxes — and random pauses, link and clock faults; acknowledged writes must survive. Nothing is
 * scripted: the Jepsen shape (the master's box cut into a minority while its client keeps writing) is
 * one of the splits the campaign draws, and fast-check shrinks what it generated. No crashes: a
 * crashed master without persistence loses its writes trivially, which would hide the partition case.
 */
export const JEPSEN_BASE: CampaignBase = {
  name: 'jepsen-5',
  scenario: {
    ...jepsenScenario,
    name: 'chaos-jepsen-5',
    description:
      'random partitions, pauses, link and clock faults on the Jepsen 2013 topology; acked writes must survive',
    faults: [],
    // A 30 s fault phase and 30 s after it: enough for the healed old master to be demoted and drop
    // its writes (the loss is visible by then), not for the convergence budgets (114 s with the
    // catalogue's failover-timeout), so only acked-write-loss makes a finding (`violation`).
    faultPhaseEndMs: 30_000,
    durationMs: 60_000,
    expect: { 'election-safety': 'hold', 'epoch-monotonicity': 'hold', 'acked-write-loss': 'hold' },
  },
  kinds: ['partition'],
  maxFaults: 4,
  splits: true,
  // Whole seconds: a Jepsen run costs ~0.5 s of wall time, so every halving step of shrinking counts.
  timeQuantumMs: 1000,
  violation: 'acked-write-loss',
};

export const BASES: ReadonlyMap<string, CampaignBase> = new Map(
  [SENTINEL_BASE, REPLICATION_BASE, WEAK_REPLICATION_BASE, JEPSEN_BASE].map((b) => [b.name, b] as const),
);

export function withFaults(base: CampaignBase, faults: FaultSchedule): Scenario {
  const fixed = base.fixedFaults ?? [];
  if (fixed.length === 0) return { ...base.scenario, faults };
  const all = [...fixed, ...faults].sort((a, b) => a.atMs - b.atMs);
  return { ...base.scenario, faults: all };
}
