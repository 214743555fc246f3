// A replica that lags behind is the only one left to promote. The replication stream from redis-1 to
// redis-2 is delayed by 3 s; at 20 s redis-1 and redis-3 crash together, so Sentinel must promote
// redis-2, which never received the last seconds of acknowledged writes. Replication is asynchronous
// and Sentinel cannot do better than the best replica it has.

import type { Scenario } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

export const laggingReplicaPromoted: readonly Scenario[] = [
  scenario({
    name: 'lagging-replica-promoted',
    description:
      'Packets from redis-1 to redis-2 take 3 s from the start; redis-1 and redis-3 crash at 20 s: the ' +
      'lagging redis-2 is promoted and the writes it had not received are lost.',
    faults: [
      {
        atMs: 0,
        durationMs: null,
        op: { kind: 'link', from: 'redis-1', to: 'redis-2', latency: { kind: 'constant', ms: 3000 } },
      },
      { atMs: 20_000, durationMs: null, op: { kind: 'crash', target: 'redis-1' } },
      { atMs: 20_000, durationMs: null, op: { kind: 'crash', target: 'redis-3' } },
    ],
    faultPhaseEndMs: 60_000,
    // Long enough for redis-3's +fix-slave-config: it restarts following the old master, and Sentinel
    // fixes a replica only failover-timeout after its reported master last changed (spec §5.3 rule 3).
    durationMs: 200_000,
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'hold',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'break',
    },
  }),
];
