// Timing conformance of the `redis-7` profile (spec §15): over 200 seeds of the master-crash
// configuration (3 Sentinels, quorum 2, down-after 5000, failover-timeout 10000, parallel-syncs 1, the
// master's host vanishing at 30 s), the time from the crash until a majority of Sentinels answer
// GET-MASTER-ADDR-BY-NAME with the new master lies inside §15's observer budget for down-after 5000
// (about 4.5–8.5 s), and every run outside it took a slow path the spec names (a split vote and its
// retry, §7.5), which its history shows.
//
// The workload is reduced to 10 writes/s and the run ends at 50 s: neither changes what the Sentinels
// do (they never see client traffic), and it keeps 200 runs fast.
import { describe, expect, it } from 'vitest';
import { measureFailovers } from '../../src/check/index.js';
import { masterCrash } from '../../src/scenarios/catalog/master-crash.js';
import type { Scenario } from '../../src/scenarios/types.js';
import { createKernelPort } from '../../src/sim/kernel-port.js';
import { simulate } from '../../src/sim/run.js';
import { engineSentinelFactory } from '../../src/sim/sentinel-process.js';

const SEEDS = 200;
const BUDGET_MIN_MS = 4500;
const BUDGET_MAX_MS = 8500;

const timingScenario: Scenario = {
  ...masterCrash,
  name: 'master-crash-timing',
  workload: { ...masterCrash.workload, writesPerSec: 10 },
  faults: [{ atMs: 30_000, durationMs: null, op: { kind: 'crash', target: 'redis-1', mode: 'host' } }],
  faultPhaseEndMs: 50_000,
  durationMs: 50_000,
};

interface Sample {
  readonly seed: number;
  readonly durationMs: number | null;
  readonly tryFailovers: number;
  readonly notElectedAborts: number;
}

function sample(seed: number): Sample {
  const run = simulate(timingScenario, seed, createKernelPort, { sentinelFactory: engineSentinelFactory });
  const m = measureFailovers(run.history);
  let tryFailovers = 0;
  let notElectedAborts = 0;
  for (const r of run.history) {
    if (r.payload.kind !== 'sentinel-event') continue;
    if (r.payload.type === '+try-failover') tryFailovers++;
    if (r.payload.type === '-failover-abort-not-elected') notElectedAborts++;
  }
  return { seed, durationMs: m.durationsMs[0] ?? null, tryFailovers, notElectedAborts };
}

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

describe('timing conformance of the redis-7 profile (§15)', () => {
  it('failovers after a master crash land inside the §15 budget for down-after 5000, or took a named slow path', () => {
    const samples = Array.from({ length: SEEDS }, (_, i) => sample(i + 1));
    const failed = samples.filter((s) => s.durationMs === null);
    expect(failed.map((s) => s.seed)).toEqual([]);

    const slowPath = (s: Sample): boolean => s.tryFailovers > 1 || s.notElectedAborts > 0;
    const outside = samples.filter((s) => s.durationMs! < BUDGET_MIN_MS || s.durationMs! > BUDGET_MAX_MS);
    const unexplained = outside.filter((s) => !slowPath(s));
    expect(unexplained).toEqual([]);

    const uncontended = samples.filter((s) => !slowPath(s)).map((s) => s.durationMs!);
    const sorted = [...uncontended].sort((a, b) => a - b);
    const all = samples.map((s) => s.durationMs!).sort((a, b) => a - b);
    const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `master-crash timing over ${SEEDS} seeds: uncontended ${sorted.length} ` +
        `(p50 ${fmt(percentile(sorted, 50))}, p90 ${fmt(percentile(sorted, 90))}, max ${fmt(sorted.at(-1)!)}); ` +
        `slow paths ${SEEDS - sorted.length} (${(((SEEDS - sorted.length) / SEEDS) * 100).toFixed(1)} %); ` +
        `all: p50 ${fmt(percentile(all, 50))}, p90 ${fmt(percentile(all, 90))}, max ${fmt(all.at(-1)!)}; ` +
        `outside [4.5 s, 8.5 s]: ${outside.length}`,
    );
    // The uncontended distribution must not collapse onto one value: the PING phase, the tick jitter
    // and the 0–999 ms desync offsets spread it (§3.1, §15 step A).
    expect(sorted.at(-1)! - sorted[0]!).toBeGreaterThan(200);
  }, 600_000);
});
