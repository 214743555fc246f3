// Every benchmark `npm run bench` runs, in this order. To add one, export a `BenchModule` (bench/types.ts)
// and list it here; a bench written as a plain function gets a small adapter below.
import { chaosBench } from './chaos.js';
import { findTimesBench } from './find-times.js';
import { measureReplicationSmoke } from './replication-smoke.js';
import { benchReport } from './report.js';
import type { BenchModule } from './types.js';
import { sweepBench } from './sweep.bench.js';
import { rngBench } from './rng.bench.js';
import { schedulerBench } from './scheduler.bench.js';
import { networkBench } from './network.bench.js';
import { engineTickBench, masterCrashBench, simulatedDayBench } from './engine.bench.js';

const replicationSmokeBench: BenchModule = {
  name: 'replication-smoke',
  description: 'simulated seconds per wall-clock second of the replication-smoke scenario (5 seeds)',
  run() {
    const r = measureReplicationSmoke(5);
    return {
      metrics: { replicationSmokeSimSecondsPerWallSecond: Number(r.simSecondsPerWallSecond.toFixed(1)) },
      details: r,
    };
  },
};

const reportBench: BenchModule = {
  name: 'report',
  description: 'seconds to render the HTML report of a 10,000-run sweep',
  run() {
    const r = benchReport();
    return { metrics: { reportSeconds: r.reportSeconds }, details: r };
  },
};

export const benchmarks: readonly BenchModule[] = [
  rngBench,
  schedulerBench,
  networkBench,
  replicationSmokeBench,
  engineTickBench,
  masterCrashBench,
  simulatedDayBench,
  reportBench,
  sweepBench,
  chaosBench,
  findTimesBench,
];
