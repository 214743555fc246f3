// Shared defaults of the catalogue. The base settings are the example configuration of the Redis Sentinel
// documentation (down-after 5000, failover-timeout 60000, parallel-syncs 1, quorum 2 of 3), so a
// scenario states only what it changes. Expectations are always written out in full by each scenario.

import type { InvariantName } from '../invariants.js';
import type { Expectation, Scenario } from '../types.js';

export type Expectations = Readonly<Record<InvariantName, Expectation>>;

/** What Sentinel is designed to guarantee whatever the faults (spec §7.6); a scenario overrides the rest. */
export const SAFETY_HOLDS = {
  'election-safety': 'hold',
  'epoch-monotonicity': 'hold',
  'no-lasting-split-brain': 'hold',
  'convergence-after-heal': 'hold',
  'split-brain-window': 'measure',
  'failover-count': 'measure',
  // Measured everywhere; the misconfiguration scenarios expect it to break.
  'failover-availability': 'measure',
} as const satisfies Partial<Expectations>;

export const BASE: Omit<Scenario, 'name' | 'description' | 'faults' | 'expect'> = {
  topology: { sentinels: 3, replicas: 2, clients: 1 },
  sentinel: {
    masterName: 'mymaster',
    quorum: 2,
    downAfterMs: 5000,
    failoverTimeoutMs: 60000,
    parallelSyncs: 1,
    profile: 'redis-7',
  },
  redis: {
    minReplicasToWrite: 0,
    minReplicasMaxLagS: 10,
    replDisklessSyncDelayS: 5,
    replBacklogBytes: 1024 * 1024,
    persistence: 'none',
  },
  latency: { kind: 'uniform', minMs: 0.1, maxMs: 1 },
  workload: { writesPerSec: 10, opTimeoutMs: 1000, discovery: 'sentinel' },
  faultPhaseEndMs: 60_000,
  durationMs: 120_000,
};

type ScenarioInput = Partial<Omit<Scenario, 'sentinel' | 'redis' | 'workload'>> &
  Pick<Scenario, 'name' | 'description' | 'faults'> & {
    readonly expect: Expectations;
    readonly sentinel?: Partial<Scenario['sentinel']>;
    readonly redis?: Partial<Scenario['redis']>;
    readonly workload?: Partial<Scenario['workload']>;
  };

/** A scenario from the base settings plus the given changes (nested settings are merged field by field). */
export function scenario(input: ScenarioInput): Scenario {
  return {
    ...BASE,
    ...input,
    sentinel: { ...BASE.sentinel, ...input.sentinel },
    redis: { ...BASE.redis, ...input.redis },
    workload: { ...BASE.workload, ...input.workload },
  };
}
