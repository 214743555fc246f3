// Benchmark: how many simulated seconds of the replication-smoke scenario (3 redis-servers, one client
// at 10 writes/s, a replica crash and restart) the simulator runs per wall-clock second.
import { performance } from 'node:perf_hooks';
import { replicationSmoke } from '../src/scenarios/catalog/replication-smoke.js';
import { createKernelPort } from '../src/sim/kernel-port.js';
import { simulate } from '../src/sim/run.js';

export interface SimSpeed {
  readonly simSecondsPerWallSecond: number;
  readonly runs: number;
  readonly simulatedMs: number;
  readonly wallMs: number;
  readonly events: number;
}

/** Runs the scenario with seeds 1…`runs` (after one warm-up run) and reports the rate. */
export function measureReplicationSmoke(runs = 5): SimSpeed {
  simulate(replicationSmoke, 0, createKernelPort);
  let simulatedMs = 0;
  let events = 0;
  const started = performance.now();
  for (let seed = 1; seed <= runs; seed++) {
    const run = simulate(replicationSmoke, seed, createKernelPort);
    simulatedMs += run.simulatedMs;
    events += run.events;
  }
  const wallMs = performance.now() - started;
  return { simSecondsPerWallSecond: simulatedMs / wallMs, runs, simulatedMs, wallMs, events };
}
