// Misconfiguration: every Sentinel runs on the master's box. The box fails as a unit (`placement`), so
// the failure detectors die with the thing they watch and the replicas are never promoted.

import type { Scenario } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

export const misconfigSentinelsOnMasterBox: readonly Scenario[] = [
  scenario({
    name: 'misconfig-sentinels-on-master-box',
    description:
      'redis-1 and all three Sentinels share box-1, which fails at 15 s for the whole 200 s fault phase.',
    topology: {
      sentinels: 3,
      replicas: 2,
      clients: 1,
      placement: { 'redis-1': 'box-1', 'sentinel-1': 'box-1', 'sentinel-2': 'box-1', 'sentinel-3': 'box-1' },
    },
    // A short failover-timeout keeps any configuration-derived failover bound well inside the outage.
    sentinel: { failoverTimeoutMs: 30_000 },
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
