// Misconfiguration from the Sentinel documentation's examples: two boxes, each with a redis-server and a
// Sentinel, quorum 1. When the master's box fails, the surviving Sentinel reaches ODOWN alone but
// cannot be elected: a leader needs a majority of the two Sentinels it knows (spec §7.3).

import type { Scenario } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

export const misconfigTwoSentinels: readonly Scenario[] = [
  scenario({
    name: 'misconfig-two-sentinels',
    description:
      'box-1 holds redis-1 and sentinel-1, box-2 holds redis-2 and sentinel-2 (quorum 1); box-1 fails at ' +
      '15 s for the whole 200 s fault phase: no failover is possible.',
    topology: {
      sentinels: 2,
      replicas: 1,
      clients: 1,
      placement: { 'redis-1': 'box-1', 'sentinel-1': 'box-1', 'redis-2': 'box-2', 'sentinel-2': 'box-2' },
    },
    // A short failover-timeout keeps any configuration-derived failover bound well inside the outage.
    sentinel: { quorum: 1, failoverTimeoutMs: 30_000 },
    faults: [{ atMs: 15_000, durationMs: null, op: { kind: 'crash', target: 'box-1', mode: 'host' } }],
    faultPhaseEndMs: 200_000,
    durationMs: 260_000,
    expect: {
      ...SAFETY_HOLDS,
      // The protocol did nothing wrong (too few Sentinels could ever agree): bounded-failover holds,
      // vacuously; the deployment could not fail over at all, which failover-availability catches.
      'bounded-failover': 'hold',
      'failover-availability': 'break',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'break',
    },
  }),
];
