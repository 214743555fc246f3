// A Sentinel restarts with its sentinel.conf reset to the initial file: it forgets its epochs, its
// votes, the replicas and peers it knew and, after a failover, which node is the master. Peers' hello
// messages must bring it back to the current configuration (spec §9.4).

import type { Scenario } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

export const sentinelConfigLoss: readonly Scenario[] = [
  scenario({
    name: 'sentinel-config-loss',
    description: 'sentinel-1 loses its config at 15 s and restarts at 20 s; redis-1 crashes at 40 s.',
    faults: [
      { atMs: 15_000, durationMs: 5_000, op: { kind: 'config-loss', target: 'sentinel-1' } },
      { atMs: 40_000, durationMs: null, op: { kind: 'crash', target: 'redis-1' } },
    ],
    faultPhaseEndMs: 90_000,
    durationMs: 150_000,
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'hold',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'measure',
    },
  }),
  scenario({
    name: 'sentinel-config-loss-after-failover',
    description:
      'redis-1 is down from 15 s to 35 s (one failover); at 50 s sentinel-1 restarts from its initial ' +
      'config, monitoring the old master with epoch 0, and must learn the new one from its peers.',
    faults: [
      { atMs: 15_000, durationMs: 20_000, op: { kind: 'crash', target: 'redis-1' } },
      { atMs: 50_000, durationMs: 5_000, op: { kind: 'config-loss', target: 'sentinel-1' } },
    ],
    faultPhaseEndMs: 80_000,
    durationMs: 150_000,
    expect: {
      ...SAFETY_HOLDS,
      // The restarted Sentinel's epochs start again from those of its initial file (§14).
      'epoch-monotonicity': 'measure',
      'bounded-failover': 'hold',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'measure',
    },
  }),
];
