// The default base scenario of a sweep: the documentation's example deployment (3 Sentinels, quorum 2,
// 2 replicas, one client writing through Sentinel discovery) whose master crashes at 10 s and stays down
// for the fault phase. Every run adds its own random background faults (pauses and latency spikes) at the
// cell's fault rate, drawn from the run's seed.
import type { Scenario } from '../scenarios/types.js';

export const SWEEP_MASTER_CRASH: Scenario = {
  name: 'sweep-master-crash',
  description: 'the master crashes at 10 s and stays down until 40 s; random pauses and latency spikes',
  topology: { sentinels: 3, replicas: 2, clients: 1 },
  sentinel: {
    masterName: 'mymaster',
    quorum: 2,
    downAfterMs: 5000,
    failoverTimeoutMs: 60_000,
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
  faults: [{ atMs: 10_000, durationMs: null, op: { kind: 'crash', target: 'redis-1', mode: 'process' } }],
  faultPhaseEndMs: 40_000,
  durationMs: 60_000,
  expect: {
    'election-safety': 'hold',
    'epoch-monotonicity': 'hold',
    'no-lasting-split-brain': 'hold',
    'acked-write-loss': 'measure',
    'no-needless-failover': 'measure',
    'failover-count': 'measure',
  },
};

/** Background fault rate (faults per simulated minute) of the default base scenario. */
export const DEFAULT_FAULT_RATE_PER_MIN = 1;
