// An even number of Sentinels split down the middle. Four Sentinels with quorum 2: when the master dies
// while they are partitioned 2 | 2, each side agrees the master is objectively down (quorum 2), but a
// leader needs a majority of all four (3 votes, spec §7.3), which neither side has. Elections repeat
// with rising epochs until the partition heals.

import { bisect } from '../partitions.js';
import type { Scenario } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

export const evenSentinelsSplitVote: readonly Scenario[] = [
  scenario({
    name: 'even-sentinels-split-vote',
    description:
      'Four Sentinels (quorum 2) partitioned {1,2} | {3,4} from 14 s for 45 s; redis-1 crashes at 15 s. ' +
      'No side can elect a leader until the heal.',
    topology: { sentinels: 4, replicas: 2, clients: 1 },
    sentinel: { quorum: 2, failoverTimeoutMs: 20_000 },
    faults: [
      {
        atMs: 14_000,
        durationMs: 45_000,
        op: { kind: 'partition', blocks: bisect(['sentinel-1', 'sentinel-2'], ['sentinel-3', 'sentinel-4']) },
      },
      { atMs: 15_000, durationMs: null, op: { kind: 'crash', target: 'redis-1' } },
    ],
    faultPhaseEndMs: 100_000,
    durationMs: 160_000,
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'measure',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'measure',
    },
  }),
];
