// Misconfiguration: a quorum larger than the number of Sentinels. No master can ever be agreed to be
// objectively down (spec §6.2), so a dead master is never replaced; with no persistence it comes back
// empty and takes every acknowledged write with it.

import type { Scenario } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

export const misconfigQuorumAboveSentinels: readonly Scenario[] = [
  scenario({
    name: 'misconfig-quorum-above-sentinels',
    description:
      'Three Sentinels with quorum 4; redis-1 crashes at 15 s and stays down for the whole 200 s fault phase.',
    // A short failover-timeout keeps any configuration-derived failover bound well inside the outage.
    sentinel: { quorum: 4, failoverTimeoutMs: 30_000 },
    faults: [{ atMs: 15_000, durationMs: null, op: { kind: 'crash', target: 'redis-1' } }],
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
