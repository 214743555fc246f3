// replication-smoke: the simulated Redis world without Sentinel. One master, two replicas and a
// client writing 10 times a second; redis-2 crashes at 10 s and restarts at 20 s from its last
// snapshot, then catches up (partial resync when the master's backlog still covers its offset).
// Nothing fails over, so no acknowledged write may be lost.
import type { Scenario } from '../types.js';

export const replicationSmoke: Scenario = {
  name: 'replication-smoke',
  description: 'master + 2 replicas + 1 client, no Sentinels; a replica crashes at 10 s and restarts at 20 s',
  topology: { sentinels: 0, replicas: 2, clients: 1 },
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
    persistence: 'snapshot',
  },
  latency: { kind: 'uniform', minMs: 0.2, maxMs: 2 },
  workload: { writesPerSec: 10, opTimeoutMs: 1000, discovery: 'fixed' },
  faults: [{ atMs: 10_000, durationMs: 10_000, op: { kind: 'crash', target: 'redis-2', mode: 'process' } }],
  faultPhaseEndMs: 30_000,
  durationMs: 40_000,
  expect: { 'acked-write-loss': 'hold' },
};
