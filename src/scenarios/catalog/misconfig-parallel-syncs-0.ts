// Misconfiguration: parallel-syncs 0, which sentinel.conf accepts unvalidated (spec §1.3, §17.7). In
// RECONF_SLAVES no replica may ever be reconfigured (0 in progress is not below 0), so the remaining
// replicas are only pointed at the new master when failover-timeout expires (spec §8.7).

import type { Scenario } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

export const misconfigParallelSyncs0: readonly Scenario[] = [
  scenario({
    name: 'misconfig-parallel-syncs-0',
    description: 'parallel-syncs 0 with three replicas; redis-1 crashes at 15 s (failover-timeout 60 s).',
    topology: { sentinels: 3, replicas: 3, clients: 1 },
    sentinel: { parallelSyncs: 0 },
    faults: [{ atMs: 15_000, durationMs: null, op: { kind: 'crash', target: 'redis-1' } }],
    faultPhaseEndMs: 120_000,
    durationMs: 180_000,
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'measure',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'measure',
    },
  }),
];
