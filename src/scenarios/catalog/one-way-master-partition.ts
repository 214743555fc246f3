// One-way partitions of the master. "Mute": everything the master sends is lost, but it still receives —
// Sentinels see it as down and fail over, while clients' writes still reach it (their replies do not).
// "Deaf": nothing reaches the master, but what it sends still arrives.

import { oneWay } from '../partitions.js';
import type { Scenario } from '../types.js';
import { BASE, SAFETY_HOLDS, scenario } from './common.js';
import { nodeNames } from '../topology.js';

const others = nodeNames(BASE.topology).filter((n) => n !== 'redis-1');

export const oneWayMasterPartition: readonly Scenario[] = [
  scenario({
    name: 'one-way-master-mute',
    description:
      'For 20 s the packets redis-1 sends are lost while it still receives: Sentinels fail over; ' +
      'writes sent to the old master are applied but never acknowledged.',
    faults: [
      { atMs: 15_000, durationMs: 20_000, op: { kind: 'partition', blocks: oneWay(['redis-1'], others) } },
    ],
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'hold',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'measure',
    },
  }),
  scenario({
    name: 'one-way-master-deaf',
    description:
      'For 20 s nothing reaches redis-1 while its own packets still arrive: its replicas keep their ' +
      'links, Sentinels get no PING replies because their PINGs are lost, and fail over.',
    faults: [
      { atMs: 15_000, durationMs: 20_000, op: { kind: 'partition', blocks: oneWay(others, ['redis-1']) } },
    ],
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'hold',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'measure',
    },
  }),
];
