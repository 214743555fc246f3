// `sentinel-lab run <scenario> --tier real [--sut engine|redis-sentinel] [--down-after MS] [--json]`:
// one run on real processes behind Toxiproxy, judged by the same checkers as the simulator, printed in
// the same JSON shape (src/cli/run.ts) plus `unsupported` (fault operations this SUT/tier could not
// apply) and, when the run failed, `logs` (the tail of every process log).
// `traceHash` is the SHA-256 of the history as recorded; unlike the simulator's it is NOT reproducible
// (wall times and interleavings differ between runs). `simulatedMs` is the run's wall duration.
import { checkHistory, measureFailovers } from '../check/index.js';
import type { History } from '../check/history.js';
import type { Verdict } from '../check/verdict.js';
import { RealTierError } from '../real/errors.js';
import type { Sut } from '../real/harness/cluster.js';
import type { UnsupportedFault } from '../real/harness/nemesis.js';
import { runRealScenario } from '../real/harness/run.js';
import { REAL_SCENARIOS, resolveRealScenario } from '../real/harness/scenarios.js';
import type { Scenario } from '../scenarios/types.js';
import { summarizeWrites } from '../sim/summary.js';
import { CliError } from './errors.js';
import type { RunResult } from './run.js';

export interface RealRunResult extends Omit<RunResult, 'tier' | 'sut'> {
  readonly tier: 'real';
  readonly sut: Sut;
  /** Always false: the real tier's history differs from run to run. */
  readonly traceHashReproducible: false;
  readonly unsupported: readonly UnsupportedFault[];
  /** Times a workload client's ioredis instance ended and was replaced (see real/harness/workload.ts). */
  readonly clientRestarts: number;
  /** The tail of every process log; present only when the run failed. */
  readonly logs?: string;
}

export interface RealRunOnce {
  readonly result: RealRunResult;
  readonly history: History;
  /** The tail of every process log, whether or not the run passed. */
  readonly logs: string;
}

function parseSut(text: string | undefined): Sut {
  const sut = text ?? 'redis-sentinel';
  if (sut !== 'redis-sentinel' && sut !== 'engine') {
    throw new CliError('USAGE', `--sut: must be engine or redis-sentinel, got '${sut}'`);
  }
  return sut;
}

export function parseDownAfter(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 100) {
    throw new CliError('USAGE', `--down-after: must be an integer ≥ 100 (ms), got '${text}'`);
  }
  return ms;
}

function verdictRows(verdicts: readonly Verdict[]): RunResult['verdicts'] {
  return verdicts.map((v) => ({
    invariant: v.invariant,
    ok: v.ok,
    valid: v.valid,
    expected: v.expected,
    detail: v.detail,
  }));
}

/** One real run of `scenario` judged by the checkers. */
export async function runRealOnce(scenario: Scenario, sut: Sut, seed: number): Promise<RealRunOnce> {
  const run = await runRealScenario(scenario, { sut, seed });
  const verdicts = checkHistory(run.history, scenario.expect);
  const failover = measureFailovers(run.history);
  const passed = verdicts.every((v) => v.ok);
  const result: RealRunResult = {
    scenario: scenario.name,
    seed,
    tier: 'real',
    sut,
    traceHash: run.traceHash,
    traceHashReproducible: false,
    simulatedMs: Math.round(run.history.at(-1)?.trueMs ?? 0),
    wallMs: run.wallMs,
    events: run.history.length,
    verdicts: verdictRows(verdicts),
    passed,
    failover: { count: failover.count, durationsMs: failover.durationsMs },
    writes: summarizeWrites(run.history),
    unsupported: run.unsupported,
    clientRestarts: run.clientRestarts,
    ...(passed ? {} : { logs: run.logs }),
  };
  return { result, history: run.history, logs: run.logs };
}

function humanSummary(r: RealRunResult): string {
  const w = r.writes;
  const durations = r.failover.durationsMs.map((d) => Math.round(d)).join(', ');
  const lines = [
    `${r.scenario} (real, ${r.sut}) seed ${r.seed}: ${r.passed ? 'PASSED' : 'FAILED'}`,
    `  ${(r.simulatedMs / 1000).toFixed(1)} s of scenario in ${r.wallMs} ms wall, ${r.events} records, history ${r.traceHash.slice(0, 16)} (not reproducible)`,
    `  writes: ${w.attempted} attempted, ${w.acked} acked, ${w.failed} failed, ${w.unknown} unknown, ${w.lost ?? '?'} acked lost`,
    `  failovers: ${r.failover.count}${durations.length > 0 ? ` (${durations} ms)` : ''}`,
  ];
  if (r.clientRestarts > 0) lines.push(`  client restarts (ioredis had ended): ${r.clientRestarts}`);
  for (const u of r.unsupported) lines.push(`  UNSUPPORTED at ${u.atMs} ms (${u.op.kind}): ${u.reason}`);
  for (const v of r.verdicts) {
    lines.push(`  ${v.ok ? 'ok  ' : 'FAIL'} ${v.invariant} (expected ${v.expected}): ${v.detail}`);
  }
  if (r.logs !== undefined) lines.push('  process logs:', r.logs);
  return lines.join('\n');
}

export interface RealCommandOptions {
  readonly seed: number;
  readonly sut?: string;
  readonly downAfter?: string;
  readonly json?: boolean;
}

function resolveOrExplain(name: string, downAfterMs: number | undefined): Scenario {
  try {
    return resolveRealScenario(name, downAfterMs);
  } catch (error) {
    if ((error as { code?: string }).code !== 'SCENARIO_UNKNOWN') throw error;
    const known = REAL_SCENARIOS.map((s) => s.name).join(', ');
    throw new CliError(
      'SCENARIO_UNKNOWN',
      `unknown scenario '${name}' (real-tier scenarios: ${known}; or any catalogue name)`,
    );
  }
}

/** Exit status: 0 passed, 1 a verdict missed its expectation, 2 bad input or a missing environment. */
export async function runRealCommand(name: string, opts: RealCommandOptions): Promise<number> {
  const sut = parseSut(opts.sut);
  const scenario = resolveOrExplain(name, parseDownAfter(opts.downAfter));
  let once: RealRunOnce;
  try {
    once = await runRealOnce(scenario, sut, opts.seed);
  } catch (error) {
    // A missing binary, an unreachable Toxiproxy or an unavailable SUT is one clear line, exit 2.
    if (error instanceof RealTierError) {
      throw new CliError('ENVIRONMENT', `real tier: ${error.message.split('\n')[0]}`);
    }
    if (error instanceof TypeError && /fetch failed/.test(error.message)) {
      throw new CliError('ENVIRONMENT', 'real tier: Toxiproxy is unreachable (fetch failed)');
    }
    throw error;
  }
  const text = opts.json === true ? JSON.stringify(once.result) : humanSummary(once.result);
  process.stdout.write(text + '\n');
  return once.result.passed ? 0 : 1;
}
