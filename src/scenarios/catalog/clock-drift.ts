// Clock drift on Sentinel hosts: within a few percent it only stretches or shrinks a Sentinel's
// timeouts (down-after, failover-timeout) as measured in true time; it never triggers TILT (spec §11).

import type { Scenario } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

export const clockDrift: readonly Scenario[] = [
  scenario({
    name: 'clock-drift',
    description:
      'sentinel-1 runs 5% fast and sentinel-2 5% slow for the whole fault phase; redis-1 crashes at 30 s.',
    faults: [
      { atMs: 0, durationMs: null, op: { kind: 'clock-drift', target: 'sentinel-1', ppm: 50_000 } },
      { atMs: 0, durationMs: null, op: { kind: 'clock-drift', target: 'sentinel-2', ppm: -50_000 } },
      { atMs: 30_000, durationMs: null, op: { kind: 'crash', target: 'redis-1' } },
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
];
