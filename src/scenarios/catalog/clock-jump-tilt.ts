// Clock jumps on Sentinel hosts. Sentinel uses the wall clock (spec §11): a jump of more than 2 s
// between two timer runs puts it in TILT for 30 s, during which it acts on nothing.

import type { Scenario } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

export const clockJumpTilt: readonly Scenario[] = [
  scenario({
    name: 'clock-jump-tilt',
    description:
      "sentinel-1's clock jumps 10 s forward at 15 s and sentinel-2's 10 s backward at 20 s: both enter " +
      'TILT; the master is healthy throughout, so nothing else may happen.',
    faults: [
      { atMs: 15_000, durationMs: null, op: { kind: 'clock-jump', target: 'sentinel-1', deltaMs: 10_000 } },
      { atMs: 20_000, durationMs: null, op: { kind: 'clock-jump', target: 'sentinel-2', deltaMs: -10_000 } },
    ],
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'hold',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'hold',
    },
  }),
  scenario({
    name: 'clock-jump-tilt-during-outage',
    description:
      'Two of three Sentinels jump into TILT (+10 s and -10 s at 15 s) just before redis-1 crashes at ' +
      '17 s: the remaining one cannot reach quorum alone, so the failover waits for TILT to end.',
    faults: [
      { atMs: 15_000, durationMs: null, op: { kind: 'clock-jump', target: 'sentinel-1', deltaMs: 10_000 } },
      { atMs: 15_000, durationMs: null, op: { kind: 'clock-jump', target: 'sentinel-2', deltaMs: -10_000 } },
      { atMs: 17_000, durationMs: null, op: { kind: 'crash', target: 'redis-1' } },
    ],
    faultPhaseEndMs: 90_000,
    durationMs: 150_000,
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'measure',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'measure',
    },
  }),
];
