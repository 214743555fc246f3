// A master that stops answering again and again. Paused for a little less than down-after-milliseconds it
// must never be failed over; paused alternately a little less and a little more, each long pause may
// cost a failover and each short one must not.

import type { Scenario, TimedFault } from '../types.js';
import { BASE, SAFETY_HOLDS, scenario } from './common.js';

const DOWN_AFTER_MS = BASE.sentinel.downAfterMs;

/** `count` pauses of redis-1, one every `periodMs` from 15 s, lasting `durationOf(i)`. */
function pauses(count: number, periodMs: number, durationOf: (i: number) => number): TimedFault[] {
  return Array.from({ length: count }, (_, i) => ({
    atMs: 15_000 + i * periodMs,
    durationMs: durationOf(i),
    op: { kind: 'pause', target: 'redis-1' } as const,
  }));
}

export const flappingMaster: readonly Scenario[] = [
  scenario({
    name: 'flapping-master-below-down-after',
    description: `redis-1 paused six times for down-after minus 1.5 s, resumed for 3 s in between: no failover is warranted.`,
    faults: pauses(6, DOWN_AFTER_MS + 1500, () => DOWN_AFTER_MS - 1500),
    faultPhaseEndMs: 70_000,
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'hold',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'hold',
    },
  }),
  scenario({
    name: 'flapping-master-around-down-after',
    description:
      'redis-1 paused six times, alternately 1 s shorter and 1 s longer than down-after, with 3 s of ' +
      'service in between: measures failovers and writes lost to the repeated switches.',
    faults: pauses(6, DOWN_AFTER_MS + 4000, (i) =>
      i % 2 === 0 ? DOWN_AFTER_MS - 1000 : DOWN_AFTER_MS + 1000,
    ),
    faultPhaseEndMs: 80_000,
    durationMs: 140_000,
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'measure',
      'no-needless-failover': 'measure',
      'acked-write-loss': 'measure',
    },
  }),
];
