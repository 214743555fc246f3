// `npm run bench:real [runs]`: the real-tier master-crash scenario (redis-1 SIGKILLed, down-after
// 2000 ms, failover-timeout 4000 ms, 3 sentinels, 2 replicas, one client at 20 writes/s) `runs` times for
// each available SUT, alternating SUTs between rounds. Reports, from the kill, the time to (a)
// `+switch-master` published by a majority of sentinels and (b) the client's first acknowledged write
// on the new master: p50, p90, max, and engine / redis-sentinel when both SUTs ran. Writes
// bench/results-real.json. A SUT that is not available is skipped (said in the output).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { History } from '../src/check/history.js';
import { runRealOnce } from '../src/cli/run-real.js';
import { projectRoot } from '../src/real/binaries.js';
import { SUT_AVAILABLE, type Sut } from '../src/real/harness/cluster.js';
import { failoverTiming } from '../src/real/harness/measure.js';
import { resolveRealScenario } from '../src/real/harness/scenarios.js';

const SCENARIO = 'real-master-crash';
const ALL_SUTS: readonly Sut[] = ['redis-sentinel', 'engine'];

interface Stats {
  readonly n: number;
  readonly missing: number;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly max: number | null;
}

/** Nearest-rank percentiles of the measured values; nulls (never reached) are counted as missing. */
function stats(values: readonly (number | null)[]): Stats {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const rank = (p: number): number | null =>
    xs.length === 0 ? null : xs[Math.max(0, Math.ceil(p * xs.length) - 1)]!;
  return {
    n: xs.length,
    missing: values.length - xs.length,
    p50: rank(0.5),
    p90: rank(0.9),
    max: xs.at(-1) ?? null,
  };
}

interface Sample {
  readonly sut: Sut;
  readonly round: number;
  readonly passed: boolean;
  readonly switchMajorityMs: number | null;
  readonly firstWriteMs: number | null;
  /** The client's ioredis instance ended and was replaced this many times (workload.ts). */
  readonly clientRestarts: number;
}

function fmt(ms: number | null): string {
  return ms === null ? 'never' : `${Math.round(ms)} ms`;
}

function div(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : Math.round((a / b) * 1000) / 1000;
}

/** Saves a failed run's history under reports/ (git-ignored) for a later look. */
function keepHistory(history: History, file: string): void {
  const dir = join(projectRoot(), 'reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), history.map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.log(`  history of the failed run: reports/${file}`);
}

async function measure(runs: number, suts: readonly Sut[]): Promise<Sample[]> {
  const scenario = resolveRealScenario(SCENARIO);
  const samples: Sample[] = [];
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? suts : [...suts].reverse();
    for (const sut of order) {
      const { result, history } = await runRealOnce(scenario, sut, round + 1);
      const t = failoverTiming(history);
      const sample: Sample = {
        sut,
        round,
        passed: result.passed,
        switchMajorityMs: t?.switchMajorityMs ?? null,
        firstWriteMs: t?.firstWriteMs ?? null,
        clientRestarts: result.clientRestarts,
      };
      samples.push(sample);
      if (!result.passed) keepHistory(history, `bench-real-${sut}-round${round + 1}.jsonl`);
      const failed =
        (result.passed
          ? ''
          : ` (run FAILED: ${result.verdicts
              .filter((v) => !v.ok)
              .map((v) => `${v.invariant}: ${v.detail}`)
              .join('; ')})`) +
        (result.clientRestarts > 0 ? ` (client restarted ${result.clientRestarts}×)` : '');
      console.log(
        `round ${round + 1}/${runs} ${sut}: +switch-master majority ${fmt(sample.switchMajorityMs)}, first write ${fmt(sample.firstWriteMs)}${failed}`,
      );
    }
  }
  return samples;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? process.env['BENCH_REAL_RUNS'] ?? 5);
  const suts = ALL_SUTS.filter((s) => SUT_AVAILABLE[s]);
  const skipped = ALL_SUTS.filter((s) => !SUT_AVAILABLE[s]);
  for (const s of skipped) console.log(`note: SUT '${s}' is not available; not measured`);
  const samples = await measure(runs, suts);
  const summary: Record<string, { switchMajority: Stats; firstWrite: Stats }> = {};
  for (const sut of suts) {
    const mine = samples.filter((s) => s.sut === sut);
    summary[sut] = {
      switchMajority: stats(mine.map((s) => s.switchMajorityMs)),
      firstWrite: stats(mine.map((s) => s.firstWriteMs)),
    };
    const s = summary[sut];
    console.log(
      `${sut} (${runs} runs): kill → +switch-master on a majority p50 ${fmt(s.switchMajority.p50)} p90 ${fmt(s.switchMajority.p90)} max ${fmt(s.switchMajority.max)}`,
    );
    console.log(
      `${sut} (${runs} runs): kill → first write on the new master p50 ${fmt(s.firstWrite.p50)} p90 ${fmt(s.firstWrite.p90)} max ${fmt(s.firstWrite.max)}`,
    );
  }
  const engine = summary['engine'];
  const redis = summary['redis-sentinel'];
  const ratio =
    engine !== undefined && redis !== undefined
      ? {
          switchMajorityP50: div(engine.switchMajority.p50, redis.switchMajority.p50),
          firstWriteP50: div(engine.firstWrite.p50, redis.firstWrite.p50),
        }
      : null;
  console.log(
    ratio === null
      ? 'ratio engine / redis-sentinel: n/a (engine SUT not available)'
      : `ratio engine / redis-sentinel (p50): ${JSON.stringify(ratio)}`,
  );
  const scenario = resolveRealScenario(SCENARIO);
  const config = {
    scenario: scenario.name,
    downAfterMs: scenario.sentinel.downAfterMs,
    failoverTimeoutMs: scenario.sentinel.failoverTimeoutMs,
    topology: scenario.topology,
    writesPerSec: scenario.workload.writesPerSec,
  };
  const out = join(projectRoot(), 'bench', 'results-real.json');
  const report = { when: new Date().toISOString(), runs, config, skipped, summary, ratio, samples };
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`wrote ${out}`);
}

await main();
