// The default base scenario of a sweep: the documentation's example deployment (3 Sentinels, quorum 2,
// 2 replicas, one client writing through Sentinel discovery) whose master crashes at 10 s and stays down
// for the fault phase. Every run adds its own random background faults (pauses and latency spikes) at the
// cell's fault rate, drawn from the run's seed.
import { BASE } from '../scenarios/catalog/common.js';
import type { Scenario } from '../scenarios/types.js';

export const SWEEP_MASTER_CRASH: Scenario = {
  // The catalogue's base deployment (src/scenarios/catalog/common.ts), with this crash and timing.
  ...BASE,
  name: 'sweep-master-crash',
  description: 'the master crashes at 10 s and stays down until 40 s; random pauses and latency spikes',
  faults: [{ atMs: 10_000, durationMs: null, op: { kind: 'crash', target: 'redis-1', mode: 'process' } }],
  faultPhaseEndMs: 40_000,
  durationMs: 60_000,
  expect: {
    'election-safety': 'hold',
    'epoch-monotonicity': 'hold',
    'no-lasting-split-brain': 'hold',
    'acked-write-loss': 'measure',
    'no-needless-failover': 'measure',
    'failover-count': 'measure',
  },
};

/** Background fault rate (faults per simulated minute) of the default base scenario. */
export const DEFAULT_FAULT_RATE_PER_MIN = 1;
