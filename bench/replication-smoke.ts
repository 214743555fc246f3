// Benchmark: simulated seconds of the replication-smoke scenario (3 simulated redis-servers, one client
// at 10 writes/s, a replica crash and restart; no Sentinels) run per wall-clock second, trace hashing
// included. Measures the kernel + simulated Redis + workload client hot path.
//
// Registered in bench/registry.ts (metric `replicationSmokeSimSecondsPerWallSecond`); run alone with
// `node bin/build.js && node dist/bench/replication-smoke.js [runs]`, which prints one JSON line.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { replicationSmoke } from '../src/scenarios/catalog/replication-smoke.js';
import { createKernelPort } from '../src/sim/kernel-port.js';
import { simulate } from '../src/sim/run.js';

export interface SimSpeed {
  /** Total simulated seconds / total wall seconds over `runs` runs (seeds 1…runs), after a warm-up. */
  readonly simSecondsPerWallSecond: number;
  readonly runs: number;
  readonly simulatedMs: number;
  readonly wallMs: number;
  /** Scheduler events processed. */
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv[2] ?? 20);
  const r = measureReplicationSmoke(Number.isInteger(runs) && runs > 0 ? runs : 20);
  console.log(
    JSON.stringify({ replicationSmokeSimSecondsPerWallSecond: Math.round(r.simSecondsPerWallSecond), ...r }),
  );
}
