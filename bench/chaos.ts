// Benchmarks of the chaos campaign. Run alone: `node bin/build.js && node dist/bench/chaos.js [seconds]`
// (prints one JSON line); `npm run bench` runs it through the registry in a child process, because
// the campaign's worker pool is asynchronous and a registry bench is a synchronous function.
// * chaosRunsPerMinute — random-schedule runs per wall minute on 2 worker threads, checkers included,
//   normalised to 60 simulated seconds per run (`rawRunsPerMinute` and `perRunSimulatedSeconds` give
//   the raw numbers). Goal ≥ 10,000.
// * shrinkSeconds — wall seconds fast-check needs to shrink the Jepsen-shape failure from scratch: the
//   jepsen-5 base has no scripted fault, a campaign (seed 1) draws random partitions on the Jepsen 2013
//   topology until one loses acknowledged writes, and fast-check shrinks the schedule it generated (to
//   its local minimum: no single step — dropping a fault, a later start, a shorter duration, fewer hosts
//   on the cut side, a simpler mode — still fails). Without Sentinels: the weak replication base's
//   write-loss finding (seed 7). The search is not timed, only the shrinking. Goal < 60 s.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JEPSEN_BASE, WEAK_REPLICATION_BASE, type CampaignBase } from '../src/chaos/base.js';
import { CAMPAIGN_DEFAULTS, runCampaign } from '../src/chaos/campaign.js';
import { describeSchedule } from '../src/chaos/describe.js';
import { runOne } from '../src/chaos/run-one.js';
import { sentinelsAvailable } from '../src/chaos/sentinels.js';
import type { BenchModule } from './types.js';

export interface ChaosBench {
  readonly chaosRunsPerMinute: number;
  readonly perRunSimulatedSeconds: number;
  readonly rawRunsPerMinute: number;
  readonly runs: number;
  readonly wallSeconds: number;
  readonly workers: number;
  readonly base: string;
  readonly shrinkSeconds: number;
  readonly shrinkCase: string;
  readonly shrinkRuns: number;
  readonly shrunkFaults: number;
  /** 1-minute load average before and after: the machine is shared, and the rate depends on it. */
  readonly loadAverage: readonly [number, number];
}

/** Seconds to shrink the first finding of a campaign (see the header); the search is not timed. */
function measureShrink(): Pick<ChaosBench, 'shrinkSeconds' | 'shrinkCase' | 'shrinkRuns' | 'shrunkFaults'> {
  const [base, seed]: [CampaignBase, number] = sentinelsAvailable()
    ? [JEPSEN_BASE, 1]
    : [WEAK_REPLICATION_BASE, 7];
  for (let runIndex = 0; runIndex < 50; runIndex++) {
    const t0 = performance.now();
    const unshrunk = runOne({ campaignSeed: seed, runIndex, base, maxShrinkRuns: 0, keepTrace: false });
    const firstRunMs = performance.now() - t0;
    if (unshrunk.finding === null) continue;
    // runOne executes the original schedule once before shrinking: not part of the shrink time.
    const t1 = performance.now();
    const shrunk = runOne({ campaignSeed: seed, runIndex, base, maxShrinkRuns: 1000, keepTrace: false });
    const seconds = (performance.now() - t1 - firstRunMs) / 1000;
    const f = shrunk.finding!;
    return {
      shrinkSeconds: Number(seconds.toFixed(2)),
      shrinkCase:
        `${base.name} seed ${seed} run ${runIndex} (first finding): ${unshrunk.faults.length} generated ` +
        `fault(s) → ${f.shrunkFaults.length}${f.shrinkCapped ? ' (shrink budget spent)' : ''}: ` +
        describeSchedule(f.shrunkFaults).join('; '),
      shrinkRuns: f.shrinkRuns,
      shrunkFaults: f.shrunkFaults.length,
    };
  }
  return {
    shrinkSeconds: -1,
    shrinkCase: `${base.name}: no failure in 50 runs`,
    shrinkRuns: 0,
    shrunkFaults: -1,
  };
}

export async function benchChaos(seconds = 30, workers = 2): Promise<ChaosBench> {
  const baseName = sentinelsAvailable() ? 'sentinels-3' : 'replication';
  const loadBefore = Number(loadavg()[0]!.toFixed(2));
  const result = await runCampaign({
    ...CAMPAIGN_DEFAULTS,
    seed: 1,
    runs: 1_000_000,
    workers,
    baseName,
    timeBudgetMs: seconds * 1000,
  });
  const runs = result.outcomes.length;
  const minutes = result.wallMs / 60_000;
  const perRunS = result.outcomes.reduce((n, o) => n + o.simulatedMs, 0) / 1000 / Math.max(1, runs);
  const shrink = measureShrink();
  return {
    chaosRunsPerMinute: Math.round((runs / minutes) * (perRunS / 60)),
    perRunSimulatedSeconds: Number(perRunS.toFixed(1)),
    rawRunsPerMinute: Math.round(runs / minutes),
    runs,
    wallSeconds: Number((result.wallMs / 1000).toFixed(1)),
    workers: result.workersUsed,
    base: baseName,
    ...shrink,
    loadAverage: [loadBefore, Number(loadavg()[0]!.toFixed(2))],
  };
}

/** The registry entry: runs this file in a child process (see the header) and reads its JSON line. */
export const chaosBench: BenchModule = {
  name: 'chaos',
  description: 'random-schedule runs per minute on 2 worker threads (30 s), and seconds to shrink a failure',
  run() {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '30'], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`bench/chaos child failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout) as ChaosBench;
    return {
      metrics: { chaosRunsPerMinute: r.chaosRunsPerMinute, shrinkSeconds: r.shrinkSeconds },
      details: r,
      notes: [
        `${r.rawRunsPerMinute} runs/min of ${r.perRunSimulatedSeconds} simulated s each (base ${r.base})`,
        `shrink measured on: ${r.shrinkCase}`,
        `1-minute load average before/after: ${r.loadAverage.join(' / ')} (2 cores)`,
      ],
    };
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchChaos(Number(process.argv[2] ?? 30))));
}
