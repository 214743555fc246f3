// Slow links between the master and the Sentinels: each direction takes 35–60% of down-after, so a PING
// round trip takes 70–120% of it. Sentinel marks an instance down when no valid reply arrived for
// down-after-milliseconds (spec §6.1), so the master, alive and serving clients, sits on the edge of
// SDOWN. Measures how often that ends in a failover nobody needed.

import { sentinelNodes } from '../topology.js';
import type { Scenario, TimedFault } from '../types.js';
import { BASE, SAFETY_HOLDS, scenario } from './common.js';

const DOWN_AFTER_MS = BASE.sentinel.downAfterMs;

const slowLinks: TimedFault[] = sentinelNodes(BASE.topology).map((sentinel) => ({
  atMs: 15_000,
  durationMs: 40_000,
  op: {
    kind: 'link',
    from: 'redis-1',
    to: sentinel,
    symmetric: true,
    latency: { kind: 'uniform', minMs: 0.35 * DOWN_AFTER_MS, maxMs: 0.6 * DOWN_AFTER_MS },
  },
}));

export const latencyNearDownAfter: readonly Scenario[] = [
  scenario({
    name: 'latency-near-down-after',
    description:
      'For 40 s every link between redis-1 and a Sentinel has a one-way latency of 35–60% of down-after; ' +
      'clients and replicas reach redis-1 normally.',
    faults: slowLinks,
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'hold',
      'no-needless-failover': 'measure',
      'acked-write-loss': 'measure',
    },
  }),
];
