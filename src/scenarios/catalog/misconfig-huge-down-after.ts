// Misconfiguration: down-after-milliseconds of 10 minutes. A master that dies for two minutes is never
// even suspected; it restarts empty (no persistence) and its replicas resynchronise from it.

import type { Scenario } from '../types.js';
import { SAFETY_HOLDS, scenario } from './common.js';

export const misconfigHugeDownAfter: readonly Scenario[] = [
  scenario({
    name: 'misconfig-huge-down-after',
    description: 'down-after-milliseconds 600000; redis-1 is down from 15 s to 135 s.',
    sentinel: { downAfterMs: 600_000 },
    faults: [{ atMs: 15_000, durationMs: 120_000, op: { kind: 'crash', target: 'redis-1' } }],
    faultPhaseEndMs: 150_000,
    durationMs: 210_000,
    expect: {
      ...SAFETY_HOLDS,
      'bounded-failover': 'measure',
      'no-needless-failover': 'hold',
      'acked-write-loss': 'break',
    },
  }),
];
