// `sentinel-lab sweep`: a grid of configurations × N seeded runs each, on every core, with the answer
// for your configuration (the first value of every flag) printed and a report with heatmaps written.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { parseSeed } from '../sim/run.js';
import { answerText } from '../sweep/answer.js';
import { scenarioParams } from '../sweep/apply.js';
import { DEFAULT_FAULT_RATE_PER_MIN, SWEEP_MASTER_CRASH } from '../sweep/base.js';
import { AXES, AXIS_NAMES, parseAxisList, type AxisName, type Grid } from '../sweep/grid.js';
import { writeSweepReport, sweepRunId } from '../sweep/report.js';
import { resolveShard } from '../sweep/shard.js';
import { runSweep, type SweepResult } from '../sweep/sweep.js';
import { CliError } from './errors.js';
import { progressBar } from './progress.js';
import { resolveScenario } from './scenarios.js';

export interface SweepCommandOptions {
  readonly scenario: string;
  readonly runs: string;
  readonly workers?: string;
  readonly seed: string;
  readonly shard?: string;
  readonly json?: boolean;
  readonly out: string;
  readonly report: boolean;
  readonly [flag: string]: unknown;
}

/** commander's camel-cased option key of an axis flag (`--down-after` → `downAfter`). */
function optionKey(axis: AxisName): string {
  return AXES[axis].flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

const onWorkers = (n: number): string => (n === 0 ? 'in this thread' : `on ${n} worker${n === 1 ? '' : 's'}`);

function positiveInt(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new CliError('USAGE', `${flag}: must be an integer ≥ ${min}, got '${text}'`);
  }
  return n;
}

export function gridFrom(opts: SweepCommandOptions, defaults: Record<AxisName, number>): Grid {
  const grid = {} as Record<AxisName, readonly number[]>;
  for (const axis of AXIS_NAMES) {
    const text = opts[optionKey(axis)];
    grid[axis] = typeof text === 'string' ? parseAxisList(axis, text) : [defaults[axis]];
  }
  return grid;
}

export async function sweepCommand(
  opts: SweepCommandOptions,
): Promise<{ result: SweepResult; exitCode: number }> {
  const scenario = resolveScenario(opts.scenario);
  const faultRate = scenario === SWEEP_MASTER_CRASH ? DEFAULT_FAULT_RATE_PER_MIN : 0;
  const grid = gridFrom(opts, { ...scenarioParams(scenario, faultRate) });
  const runsPerCell = positiveInt('--runs', opts.runs, 1);
  const workers =
    opts.workers === undefined ? availableParallelism() : positiveInt('--workers', opts.workers, 0);
  const shard = resolveShard(opts.shard, process.env);
  const seed = parseSeed(opts.seed);
  const bar = progressBar('sweep');
  const result = await runSweep(
    { scenario, grid, runsPerCell, seed },
    { workers, shard, onProgress: (d, t) => bar.update(d, t) },
  ).finally(() => bar.stop());
  let reportDir: string | null = null;
  if (opts.report && result.cells.length > 0) {
    const written = await writeSweepReport(opts.out, result, sweepRunId(result, new Date().toISOString()));
    reportDir = written.runDir;
  }
  printResult(result, opts.json === true, reportDir);
  return { result, exitCode: 0 };
}

export function printResult(result: SweepResult, json: boolean, reportDir: string | null): void {
  if (json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    if (reportDir !== null) process.stderr.write(`report: ${reportDir}/index.html\n`);
    return;
  }
  const runs = result.outcomes.length;
  const head = `${result.scenario}: ${result.cells.length || '(shard)'} cells × ${result.runsPerCell} runs, seed ${result.seed}`;
  const lines = [
    `${head}; ${runs} runs in ${(result.wallMs / 1000).toFixed(1)} s ${onWorkers(result.workers)}`,
  ];
  if (result.shard !== null)
    lines.push(
      `shard ${result.shard.index}/${result.shard.count}: merge the shards with \`sentinel-lab merge\``,
    );
  if (result.answer !== null) lines.push(...answerText(result.answer, result.sentinelsSimulated));
  if (reportDir !== null) lines.push(`report: ${reportDir}/index.html`);
  process.stdout.write(lines.join('\n') + '\n');
}

const EXAMPLES = `
The first value of every list is your configuration; the answer compares it with its neighbours.
Lists: 3,5,7 or ranges 1000..5000:1000.

Examples:
  sentinel-lab sweep --sentinels 3,5 --quorum 2,3 --down-after 1000,5000 --runs 100 --seed 1
  sentinel-lab sweep --scenario sweep-master-crash --latency 1,50,200 --runs 50 --json > sweep.json
  sentinel-lab sweep --quorum 2,3 --runs 100 --shard 0/4 --json > shard-0.json   # then: sentinel-lab merge shard-*.json
  JOB_COMPLETION_INDEX=1 JOB_COMPLETIONS=4 sentinel-lab sweep --quorum 2,3 --json  # Kubernetes Indexed Job`;

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('run a grid of Sentinel configurations × seeded runs in simulation and compare them')
    .option('--scenario <name>', 'base scenario', SWEEP_MASTER_CRASH.name);
  for (const axis of AXIS_NAMES) {
    cmd.option(`${AXES[axis].flag} <list>`, `values of ${axis} (default: the scenario's own)`);
  }
  cmd
    .option('--runs <n>', 'runs per cell', '20')
    .option('--workers <n>', 'worker threads (0: in this thread; default: every core)')
    .option('--seed <n>', 'sweep seed (per-run seeds derive from it)', '1')
    .option('--shard <i/n>', 'run only shard i of n (default: JOB_COMPLETION_INDEX/JOB_COMPLETIONS)')
    .option('--json', 'print exactly one JSON object (cells, answer, outcomes, wallMs)')
    .option('--out <dir>', 'reports directory', 'reports')
    .option('--no-report', 'do not write an HTML report')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: SweepCommandOptions) => {
      process.exitCode = (await sweepCommand(opts)).exitCode;
    });
}
