// The shape of Jepsen's 2013 analysis of Redis Sentinel ("Call me maybe: Redis"): five boxes n1..n5,
// each running a redis-server and a Sentinel, the master on n1. A partition isolates {n1, n2} from
// {n3, n4, n5}; the majority side elects a new master while the old one keeps accepting writes from the
// client on its side. When the partition heals the old master is turned into a replica and throws away
// everything it acknowledged meanwhile. min-replicas-to-write narrows the window but cannot close it:
// the old master keeps accepting writes until its replicas have been silent for min-replicas-max-lag.

import { bisect } from '../partitions.js';
import { expandTargets } from '../topology.js';
import type { Scenario, TopologySpec } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

const BOXES = ['n1', 'n2', 'n3', 'n4', 'n5'] as const;

/** redis-i and sentinel-i on box n_i; client-1 writes from n1 (old master side), client-2 from n3. */
const TOPOLOGY: TopologySpec = {
  sentinels: 5,
  replicas: 4,
  clients: 2,
  placement: {
    ...Object.fromEntries(
      BOXES.flatMap((box, i) => [
        [`redis-${i + 1}`, box],
        [`sentinel-${i + 1}`, box],
      ]),
    ),
    'client-1': 'n1',
    'client-2': 'n3',
  },
};

const PARTITION_AT_MS = 15_000;
const PARTITION_MS = 20_000;

function jepsen(
  name: string,
  description: string,
  minReplicasToWrite: number,
  lossExpected: 'break' | 'measure',
): Scenario {
  return scenario({
    name,
    description,
    topology: TOPOLOGY,
    sentinel: { quorum: 3 },
    redis: { minReplicasToWrite, minReplicasMaxLagS: 10 },
    // Clients reach the master through their own box's view of the Sentinels; a fixed address would
    // keep client-2 writing to n1 through the partition and hide the split brain.
    workload: { writesPerSec: 20, discovery: 'sentinel', rediscoverAfterTimeouts: 3 },
    faults: [
      {
        atMs: PARTITION_AT_MS,
        durationMs: PARTITION_MS,
        op: {
          kind: 'partition',
          // Blocks name nodes, so executors that only know nodes can apply it too.
          blocks: bisect(expandTargets(TOPOLOGY, ['n1', 'n2']), expandTargets(TOPOLOGY, ['n3', 'n4', 'n5'])),
        },
      },
    ],
    faultPhaseEndMs: 60_000,
    durationMs: 120_000,
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'hold',
      'no-needless-failover': 'hold',
      'acked-write-loss': lossExpected,
    },
  });
}

export const jepsen2013: readonly Scenario[] = [
  jepsen(
    'jepsen-2013-partition',
    'Jepsen 2013: master isolated with n2 from the majority n3..n5 for 20 s, default redis settings: ' +
      'the minority master acknowledges writes that the healed cluster discards.',
    0,
    'break',
  ),
  jepsen(
    'jepsen-2013-partition-min-replicas-1',
    'Jepsen 2013 with min-replicas-to-write 1 (max lag 10 s): n2 still replicates from the old master, ' +
      'so the minority keeps accepting writes; measures how many acknowledged writes are lost.',
    1,
    'measure',
  ),
  jepsen(
    'jepsen-2013-partition-min-replicas-2',
    'Jepsen 2013 with min-replicas-to-write 2 (max lag 10 s): the old master stops accepting writes ' +
      '10 s after losing its majority-side replicas; measures the writes lost in that window.',
    2,
    'measure',
  ),
];
