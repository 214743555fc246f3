// Misconfiguration: one Sentinel. It is its own quorum and its own majority, so whatever it alone
// believes becomes a failover. Cutting only the path between it and the master (clients and replicas
// still reach the master) makes it promote a replica while the old master keeps serving.

import { bisect } from '../partitions.js';
import type { Scenario } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

export const misconfigSingleSentinel: readonly Scenario[] = [
  scenario({
    name: 'misconfig-single-sentinel',
    description:
      'A single Sentinel (quorum 1) loses its link to a healthy redis-1 for 20 s: it fails over although ' +
      'clients could still write to redis-1. The same failover is judged from two sides: bounded-failover ' +
      'holds (the only Sentinel lost the master, so a prompt failover is required of it) and ' +
      'no-needless-failover breaks (redis-1 was reachable and healthy the whole time).',
    topology: { sentinels: 1, replicas: 2, clients: 1 },
    sentinel: { quorum: 1 },
    faults: [
      {
        atMs: 15_000,
        durationMs: 20_000,
        op: { kind: 'partition', blocks: bisect(['sentinel-1'], ['redis-1']) },
      },
    ],
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'hold',
      'no-needless-failover': 'break',
      'acked-write-loss': 'measure',
    },
  }),
];
