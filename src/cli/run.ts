// `sentinel-lab run <scenario> --seed N [--json] [--out DIR]`: one simulated run, judged by the checkers.
// Exit status: 0 when every verdict met the scenario's expectation, 1 when one did not, 2 for bad
// input or environment (unknown scenario, bad seed, invalid scenario, unwritable --out).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { checkHistory, measureFailovers } from '../check/index.js';
import { resolveScenario } from './scenarios.js';
import { createKernelPort } from '../sim/kernel-port.js';
import { parseSeed, simulate } from '../sim/run.js';
import { summarizeWrites, type WriteSummary } from '../sim/summary.js';
import type { WorldOptions } from '../sim/world.js';
import { CliError } from './errors.js';
import { runRealCommand } from './run-real.js';
import { writeRunReport } from './run-report.js';

export interface RunResult {
  readonly scenario: string;
  readonly seed: number;
  readonly tier: 'sim';
  readonly sut: 'engine';
  readonly traceHash: string;
  readonly simulatedMs: number;
  readonly wallMs: number;
  readonly events: number;
  readonly verdicts: readonly {
    readonly invariant: string;
    readonly ok: boolean;
    readonly valid: boolean | 'unknown';
    readonly expected: string;
    readonly detail: string;
  }[];
  readonly passed: boolean;
  readonly failover: { readonly count: number; readonly durationsMs: readonly number[] };
  readonly writes: WriteSummary;
}

export interface RunCommandOptions {
  readonly seed: string;
  readonly json?: boolean;
  readonly out?: string;
  /** Also write the HTML report (with the space-time diagram) under this reports directory. */
  readonly report?: string;
}

/** Runs a catalogue scenario; `world` lets callers plug in Sentinels (sentinelFactory). */
export function runOnce(
  scenarioName: string,
  seedText: string,
  world: WorldOptions = {},
): { result: RunResult; traceJsonl: string } {
  const scenario = resolveScenario(scenarioName);
  const seed = parseSeed(seedText);
  const started = performance.now();
  const run = simulate(scenario, seed, createKernelPort, world);
  const verdicts = checkHistory(run.history, scenario.expect);
  const failover = measureFailovers(run.history);
  const wallMs = Math.round(performance.now() - started);
  const result: RunResult = {
    scenario: scenario.name,
    seed,
    tier: 'sim',
    sut: 'engine',
    traceHash: run.traceHash,
    simulatedMs: run.simulatedMs,
    wallMs,
    events: run.events,
    verdicts: verdicts.map((v) => ({
      invariant: v.invariant,
      ok: v.ok,
      valid: v.valid,
      expected: v.expected,
      detail: v.detail,
    })),
    passed: verdicts.every((v) => v.ok),
    failover: { count: failover.count, durationsMs: failover.durationsMs },
    writes: summarizeWrites(run.history),
  };
  return { result, traceJsonl: run.traceJsonl };
}

function writeOut(dir: string, result: RunResult, traceJsonl: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'result.json'), JSON.stringify(result, null, 2) + '\n');
    writeFileSync(join(dir, 'trace.jsonl'), traceJsonl);
  } catch (error) {
    throw new CliError('OUT_UNWRITABLE', `--out: cannot write to ${dir}: ${(error as Error).message}`);
  }
}

function humanSummary(r: RunResult): string {
  const lines = [
    `${r.scenario} seed ${r.seed}: ${r.passed ? 'PASSED' : 'FAILED'}`,
    `  simulated ${(r.simulatedMs / 1000).toFixed(1)} s in ${r.wallMs} ms wall, ${r.events} events, trace ${r.traceHash.slice(0, 16)}`,
    `  writes: ${r.writes.attempted} attempted, ${r.writes.acked} acked, ${r.writes.failed} failed, ${r.writes.unknown} unknown, ${r.writes.lost ?? '?'} acked lost`,
    `  failovers: ${r.failover.count}${r.failover.durationsMs.length > 0 ? ` (${r.failover.durationsMs.join(', ')} ms)` : ''}`,
  ];
  for (const v of r.verdicts) {
    lines.push(`  ${v.ok ? 'ok  ' : 'FAIL'} ${v.invariant} (expected ${v.expected}): ${v.detail}`);
  }
  return lines.join('\n');
}

export async function runCommand(
  scenario: string,
  opts: RunCommandOptions,
  world: WorldOptions = {},
): Promise<number> {
  const { result, traceJsonl } = runOnce(scenario, opts.seed, world);
  if (opts.out !== undefined) writeOut(opts.out, result, traceJsonl);
  // The report simulates the run again with message capture on (the same run: capture only observes).
  const reportDir =
    opts.report === undefined
      ? undefined
      : (await writeRunReport(opts.report, resolveScenario(scenario), result.seed, world)).written.runDir;
  const text =
    opts.json === true
      ? JSON.stringify(reportDir === undefined ? result : { ...result, reportDir })
      : humanSummary(result) +
        (reportDir === undefined ? '' : `\n  report: ${join(reportDir, 'index.html')}`);
  process.stdout.write(text + '\n');
  return result.passed ? 0 : 1;
}

interface RunCliOptions extends Omit<RunCommandOptions, 'seed' | 'report'> {
  readonly seed?: string;
  readonly report?: string | boolean;
  readonly tier?: string;
  readonly sut?: string;
  readonly downAfter?: string;
}

export function registerRun(program: Command, world: () => WorldOptions = () => ({})): void {
  program
    .command('run')
    .description('run one scenario (in the simulator, or with --tier real on real processes) and judge it')
    .argument('<scenario>', 'scenario name from the catalogue (or a real-tier scenario)')
    .option('--seed <n>', 'root seed (integer); required for the simulator, default 1 for --tier real')
    .option('--tier <tier>', 'sim (default) or real (real processes behind Toxiproxy)')
    .option('--sut <sut>', 'real tier: redis-sentinel (default) or engine')
    .option('--down-after <ms>', "real tier: override the scenario's down-after-milliseconds")
    .option('--json', 'print exactly one JSON object')
    .option('--out <dir>', 'simulator: write result.json and trace.jsonl to this directory')
    .option(
      '--report [dir]',
      'simulator: also write the HTML report, with the space-time diagram of the messages, to DIR/<run-id>/ (default reports)',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  sentinel-lab run master-crash --seed 1',
        '  sentinel-lab run master-crash --seed 1 --report          # reports/run-master-crash-s1/index.html',
        '  sentinel-lab run jepsen-2013-partition --seed 7 --json --out out/',
        '  sentinel-lab run real-master-crash --tier real --sut engine --json',
      ].join('\n'),
    )
    .action(async (scenario: string, opts: RunCliOptions) => {
      const tier = opts.tier ?? 'sim';
      if (tier === 'real') {
        if (opts.report !== undefined || opts.out !== undefined)
          throw new CliError('USAGE', '--report and --out are for the simulator (--tier sim)');
        const seed = parseSeed(opts.seed ?? '1');
        process.exitCode = await runRealCommand(scenario, { ...opts, seed });
        return;
      }
      if (tier !== 'sim') throw new CliError('USAGE', `--tier: must be sim or real, got '${tier}'`);
      if (opts.seed === undefined) throw new CliError('USAGE', "required option '--seed <n>' not specified");
      const report = opts.report === true ? 'reports' : opts.report === false ? undefined : opts.report;
      process.exitCode = await runCommand(scenario, { ...opts, seed: opts.seed, report }, world());
    });
}
