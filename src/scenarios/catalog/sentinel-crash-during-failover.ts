// A Sentinel dies while a failover is running. The master crashes at 15 s; SDOWN comes after
// down-after-milliseconds and the election within about two more seconds, so at down-after + 2.5 s the
// failover is under way. Crashing sentinel-1 there hits the leader on the seeds where sentinel-1 won
// (which Sentinel wins depends on the seed): the others must take over after failover-timeout.

import type { Scenario } from '../types.js';
import { BASE, SAFETY_HOLDS, scenario } from './common.js';

const MASTER_CRASH_AT_MS = 15_000;
const FAILOVER_TIMEOUT_MS = 30_000;

export const sentinelCrashDuringFailover: readonly Scenario[] = [
  scenario({
    name: 'sentinel-crash-during-failover',
    description:
      'redis-1 crashes at 15 s; sentinel-1 crashes 2.5 s after down-after expires (mid-failover) and ' +
      'restarts 40 s later from its persisted config.',
    sentinel: { failoverTimeoutMs: FAILOVER_TIMEOUT_MS },
    faults: [
      { atMs: MASTER_CRASH_AT_MS, durationMs: null, op: { kind: 'crash', target: 'redis-1' } },
      {
        atMs: MASTER_CRASH_AT_MS + BASE.sentinel.downAfterMs + 2500,
        durationMs: 40_000,
        op: { kind: 'crash', target: 'sentinel-1' },
      },
    ],
    faultPhaseEndMs: 100_000,
    durationMs: 160_000,
    expect: {
      ...SAFETY_HOLDS,
      // Peers that voted for the lost leader wait 2 × failover-timeout before trying themselves (§7.2),
      // so how long the failover takes depends on who led: measured, not asserted.
      'bounded-failover': 'measure',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'measure',
    },
  }),
];
