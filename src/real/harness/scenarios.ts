// Scenarios for the real tier: the same data as the catalogue (src/scenarios/types.ts), with timings
// small enough for wall-clock runs (down-after 2000 ms, failover-timeout 4000 ms, runs of ~10–26 s).
// down-after is 2000, not 1000: with 1000 ms a Sentinel that stalls ~1 s right after +switch-master
// (a scheduling hiccup on a loaded machine) finds the NEW master SDOWN (its fresh link's act_ping_time is
// the reset time, spec §9.5), counts the peers' stale master-down flags (kept across the reset, §6.2)
// and fails it over again at once: Sentinel's own behaviour, reproduced on both SUTs by
// test/real/double-failover.real.test.ts. At 2000 ms such a stall either stays under down-after or TILTs.
// `resolveRealScenario` looks a name up here first, then in the catalogue, and applies `--down-after`.
import { getScenario } from '../../scenarios/catalog/index.js';
import { isolate } from '../../scenarios/partitions.js';
import { nodeNames } from '../../scenarios/topology.js';
import type { Expectation, Scenario, TimedFault, TopologySpec } from '../../scenarios/types.js';

const SAFETY: Readonly<Record<string, Expectation>> = {
  'election-safety': 'hold',
  'epoch-monotonicity': 'hold',
  'no-lasting-split-brain': 'hold',
  'convergence-after-heal': 'hold',
  'split-brain-window': 'measure',
  'failover-count': 'measure',
};

const TOPOLOGY: TopologySpec = { sentinels: 3, replicas: 2, clients: 1 };

/**
 * Faults on the master last 9 s: the failover budget for down-after 2000 ms is 8.8 s (src/check/budget.ts),
 * so bounded-failover judges them. The old master comes back at 11 s; Sentinel converts a returning
 * master after its role has been reported for 8 s, seen by INFO every 10 s (≈ 10–11 s, spec §10.2), so
 * those runs end at 26 s, when the world has converged (with ~4 s to spare on a loaded machine).
 */
const HEALED_END_MS = 26_000;
const MASTER_FAULT = { atMs: 2000, durationMs: 9000 } as const;
const MASTER_PHASE = { faultPhaseEndMs: 11_500, durationMs: HEALED_END_MS } as const;

function realScenario(
  name: string,
  description: string,
  faults: readonly TimedFault[],
  expect: Readonly<Record<string, Expectation>>,
  timing: { readonly faultPhaseEndMs: number; readonly durationMs: number; readonly writesPerSec?: number },
): Scenario {
  return {
    name,
    description,
    topology: TOPOLOGY,
    sentinel: {
      masterName: 'mymaster',
      quorum: 2,
      downAfterMs: 2000,
      failoverTimeoutMs: 4000,
      parallelSyncs: 1,
      profile: 'redis-7',
    },
    redis: {
      minReplicasToWrite: 0,
      minReplicasMaxLagS: 10,
      replDisklessSyncDelayS: 0,
      replBacklogBytes: 1024 * 1024,
      persistence: 'none',
    },
    latency: { kind: 'constant', ms: 0 },
    workload: { writesPerSec: timing.writesPerSec ?? 20, opTimeoutMs: 500, discovery: 'sentinel' },
    faults,
    faultPhaseEndMs: timing.faultPhaseEndMs,
    durationMs: timing.durationMs,
    expect: { ...SAFETY, ...expect },
  };
}

const others = (node: string): string[] => nodeNames(TOPOLOGY).filter((n) => n !== node);

const MASTER_FAILURE: Readonly<Record<string, Expectation>> = {
  'bounded-failover': 'hold',
  'no-needless-failover': 'hold',
  'acked-write-loss': 'measure',
};

/** The real-tier suite. Names carry a `real-` prefix: the catalogue's namesakes use slower timings. */
export const REAL_SCENARIOS: readonly Scenario[] = [
  realScenario(
    'real-master-crash',
    'redis-1 (master) is SIGKILLed at 2 s and restarted empty at 11 s: one failover, the old master rejoins as a replica.',
    [{ ...MASTER_FAULT, op: { kind: 'crash', target: 'redis-1', mode: 'process' } }],
    MASTER_FAILURE,
    MASTER_PHASE,
  ),
  realScenario(
    'real-master-isolated',
    'redis-1 is cut off from every other node (silent partition) from 2 s to 11 s: one failover, and it rejoins as a replica after the heal.',
    [
      {
        ...MASTER_FAULT,
        op: { kind: 'partition', blocks: isolate('redis-1', others('redis-1')), mode: 'blackhole' },
      },
    ],
    MASTER_FAILURE,
    MASTER_PHASE,
  ),
  realScenario(
    'real-sentinel-crash',
    'sentinel-1 is SIGKILLed at 2 s and restarted at 6 s: no failover is warranted.',
    [{ atMs: 2000, durationMs: 4000, op: { kind: 'crash', target: 'sentinel-1', mode: 'process' } }],
    { 'no-needless-failover': 'hold', 'acked-write-loss': 'hold' },
    { faultPhaseEndMs: 7000, durationMs: 10_000 },
  ),
  realScenario(
    'real-flapping-master',
    'redis-1 paused four times for 1000 ms (half of down-after), 0.5 s apart: no failover is warranted.',
    Array.from({ length: 4 }, (_, i) => ({
      atMs: 2000 + i * 1500,
      durationMs: 1000,
      op: { kind: 'pause', target: 'redis-1' } as const,
    })),
    { 'no-needless-failover': 'hold', 'acked-write-loss': 'hold' },
    { faultPhaseEndMs: 8000, durationMs: 11_000 },
  ),
  realScenario(
    'real-client-through-failover',
    'a client writes 50/s while redis-1 is paused (SIGSTOP) from 2 s to 11 s: one failover, the client writes to the new master.',
    [{ ...MASTER_FAULT, op: { kind: 'pause', target: 'redis-1' } }],
    MASTER_FAILURE,
    { ...MASTER_PHASE, writesPerSec: 50 },
  ),
];

/** A real-tier scenario by name, or a catalogue scenario; `downAfterMs` overrides the scenario's. */
export function resolveRealScenario(name: string, downAfterMs?: number): Scenario {
  const base = REAL_SCENARIOS.find((s) => s.name === name) ?? getScenario(name);
  if (downAfterMs === undefined) return base;
  return { ...base, sentinel: { ...base.sentinel, downAfterMs } };
}
