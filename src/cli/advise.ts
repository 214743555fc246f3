// `sentinel-lab advise <sentinel.conf>... [--hosts FILE]`: checks a deployment's configuration against
// the checklist of common mistakes, then measures it and each finding's fix in simulation and prints,
// per finding, the measured consequence and the neighbouring configuration that does better.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { ConfError } from '../engine/conf-errors.js';
import { parseSentinelConf } from '../engine/conf.js';
import type { SentinelConf } from '../engine/conf-types.js';
import type { CellResult } from '../sweep/aggregate.js';
import { candidateText, compareCells, improvementTexts, type Comparison } from '../sweep/answer.js';
import {
  adviseGrid,
  adviseScenario,
  deploymentOf,
  findings,
  parseHosts,
  type Finding,
} from '../sweep/advise.js';
import { parseSeed } from '../sim/run.js';
import { measureMasterBox, type MasterBoxMeasurement } from '../sweep/advise-box.js';
import { AXES, parseAxisList, type AxisName } from '../sweep/grid.js';
import { sweepRunId, writeSweepReport } from '../sweep/report.js';
import { runSweep, type SweepResult } from '../sweep/sweep.js';
import { CliError } from './errors.js';
import { progressBar } from './progress.js';

interface AdviseOptions {
  readonly hosts?: string;
  readonly latency: string;
  readonly faultRate: string;
  readonly minReplicasToWrite: string;
  readonly runs: string;
  readonly workers?: string;
  readonly seed: string;
  readonly json?: boolean;
  readonly out: string;
  readonly report: boolean;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(
      'FILE_UNREADABLE',
      `${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function parseConf(path: string): SentinelConf {
  try {
    return parseSentinelConf(readText(path), { fileName: path });
  } catch (error) {
    if (error instanceof ConfError) throw new CliError('CONF_INVALID', error.message);
    throw error;
  }
}

function one(flag: string, text: string): number {
  const axis =
    flag === '--latency' ? 'latencyMs' : flag === '--fault-rate' ? 'faultRatePerMin' : 'minReplicasToWrite';
  const values = parseAxisList(axis, text);
  if (values.length !== 1) throw new CliError('USAGE', `${flag}: one value, got '${text}'`);
  return values[0]!;
}

export interface AdviceItem {
  readonly finding: Finding;
  /** The fixed configuration's cell (null: no axis expresses the fix) and how it compares with yours. */
  readonly fixCell: CellResult | null;
  readonly comparison: Comparison | null;
  /** What the fix significantly improves (null: no cell, or not significantly better everywhere). */
  readonly improvements: readonly string[] | null;
  /** sentinel-on-master-box: the box crash, as deployed and with the Sentinels on their own boxes. */
  readonly masterBox?: MasterBoxMeasurement;
}

function verdictOf(comparison: Comparison): { comparison: Comparison; improvements: string[] | null } {
  return { comparison, improvements: improvementTexts(comparison) };
}

function adviceFor(
  result: SweepResult,
  found: readonly Finding[],
  masterBox: MasterBoxMeasurement | null,
): AdviceItem[] {
  const own = result.cells[0]!;
  return found.map((finding) => {
    if (finding.kind === 'sentinel-on-master-box' && masterBox !== null)
      return { finding, fixCell: masterBox.ownBoxes, ...verdictOf(masterBox.comparison), masterBox };
    const fix = finding.fix;
    const cell =
      fix === null
        ? undefined
        : result.cells.find((c) =>
            Object.entries(c.params).every(([k, v]) =>
              k === fix.axis ? v === fix.value : v === own.params[k as keyof typeof own.params],
            ),
          );
    if (cell === undefined) return { finding, fixCell: null, comparison: null, improvements: null };
    return { finding, fixCell: cell, ...verdictOf(compareCells(own, cell)) };
  });
}

/** Every finding's fix applied at once: one-axis fixes say nothing when several things are wrong. */
export interface AllFixes {
  readonly fixes: readonly { readonly axis: AxisName; readonly value: number }[];
  readonly cell: CellResult;
  readonly comparison: Comparison;
  readonly improvements: readonly string[] | null;
}

function allFixesOf(result: SweepResult, found: readonly Finding[]): AllFixes | null {
  const fixes = found.flatMap((f) => (f.fix === null ? [] : [f.fix]));
  if (new Set(fixes.map((f) => f.axis)).size < 2) return null;
  const own = result.cells[0]!;
  const want: Record<string, number> = { ...own.params };
  for (const f of fixes) want[f.axis] = f.value;
  const cell = result.cells.find((c) => Object.entries(c.params).every(([k, v]) => v === want[k]));
  if (cell === undefined) return null;
  return { fixes, cell, ...verdictOf(compareCells(own, cell)) };
}

/** `down-after 10000`: the sweep flag's name, which users also type. */
const setting = (axis: AxisName, value: number): string => `${AXES[axis].flag.slice(2)} ${value}`;

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const ms = (v: number | null): string => (v === null ? '—' : `${Math.round(v)} ms`);

function measured(c: CellResult): string {
  const m = c.metrics;
  return `failover p50 ${ms(m.failoverP50Ms)} / p99 ${ms(m.failoverP99Ms)} (failed over in ${pct(m.failoverCompletedProbability)} of runs), needless failover ${pct(m.needlessFailoverProbability)}, acked-write loss ${pct(m.ackedWriteLossProbability)} of runs (mean ${pct(m.lostWriteFractionMean)} of acked writes)`;
}

/** After the measurements: what the fix improves, significantly or not (significance.ts, α = 0.05). */
function verdictText(c: Comparison): string {
  switch (c.kind) {
    case 'better':
      return c.improvements.map((i) => i.text).join(', ');
    case 'not-significant':
      return `not significantly better (${candidateText(c.improvements)}; more --runs would tell)`;
    case 'not-better':
      return 'no better on every measure';
  }
}

function printAdvice(result: SweepResult, items: readonly AdviceItem[], all: AllFixes | null): void {
  const own = result.cells[0]!;
  const lines = [
    `your configuration (${own.runs} runs, minority partition of the master for 30 s): ${measured(own)}`,
  ];
  if (!result.sentinelsSimulated)
    lines.push(
      '(no Sentinels are simulated yet: failover metrics stay empty until the Sentinel adapter lands)',
    );
  if (items.length === 0) lines.push('no findings: the configuration passes the checklist');
  for (const { finding, fixCell, comparison, masterBox } of items) {
    lines.push(`- ${finding.kind}: ${finding.message}`);
    if (masterBox !== undefined) lines.push(...masterBoxLines(masterBox));
    else if (finding.fix === null)
      lines.push('    (not an axis the simulator varies; measured above as part of your configuration)');
    else if (fixCell !== null && comparison !== null) {
      lines.push(
        `    with ${setting(finding.fix.axis, finding.fix.value)}: ${measured(fixCell)} — ${verdictText(comparison)}`,
      );
    }
  }
  if (all !== null) {
    lines.push(
      `- every fix at once (${all.fixes.map((f) => setting(f.axis, f.value)).join(', ')}):`,
      `    ${measured(all.cell)} — ${verdictText(all.comparison)}`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

function masterBoxLines(box: MasterBoxMeasurement): string[] {
  const verdict = verdictText(box.comparison);
  return [
    `    when ${box.fault}:`,
    `      as deployed: ${measured(box.asDeployed)}`,
    `      with ${box.moved.join(', ')} on ${box.moved.length === 1 ? 'its own box' : 'boxes of their own'}: ${measured(box.ownBoxes)} — ${verdict}`,
  ];
}

export async function adviseCommand(files: readonly string[], opts: AdviseOptions): Promise<number> {
  const confs = files.map((name) => ({ name, conf: parseConf(name) }));
  const hosts =
    opts.hosts === undefined ? new Map<string, string>() : parseHosts(readText(opts.hosts), opts.hosts);
  const deployment = deploymentOf(confs, hosts, one('--min-replicas-to-write', opts.minReplicasToWrite));
  const found = findings(deployment, confs);
  const grid = adviseGrid(
    deployment,
    found,
    one('--latency', opts.latency),
    one('--fault-rate', opts.faultRate),
  );
  const runsPerCell = Number(opts.runs);
  if (!Number.isInteger(runsPerCell) || runsPerCell < 1)
    throw new CliError('USAGE', `--runs: must be an integer ≥ 1, got '${opts.runs}'`);
  const workers = opts.workers === undefined ? availableParallelism() : Number(opts.workers);
  if (!Number.isInteger(workers) || workers < 0)
    throw new CliError('USAGE', `--workers: must be an integer ≥ 0, got '${opts.workers}'`);
  const bar = progressBar('advise');
  const result = await runSweep(
    { scenario: adviseScenario(deployment), grid, runsPerCell, seed: parseSeed(opts.seed) },
    { workers, onProgress: (d, t) => bar.update(d, t) },
  ).finally(() => bar.stop());
  const masterBox = found.some((f) => f.kind === 'sentinel-on-master-box')
    ? await measureMasterBox(deployment, grid, runsPerCell, parseSeed(opts.seed), { workers })
    : null;
  const items = adviceFor(result, found, masterBox);
  const allFixes = allFixesOf(result, found);
  const reportDir = opts.report
    ? (await writeSweepReport(opts.out, result, sweepRunId(result, new Date().toISOString()))).runDir
    : null;
  if (opts.json === true)
    process.stdout.write(JSON.stringify({ findings: items, allFixes, sweep: result, reportDir }) + '\n');
  else {
    printAdvice(result, items, allFixes);
    if (reportDir !== null) process.stdout.write(`report: ${reportDir}/index.html\n`);
  }
  return 0;
}

const EXAMPLES = `
Hosts file: one '<node> <host>' per line; sentinel-N is the N-th file given, redis-1 the master.
  sentinel-1 box-a
  redis-1    box-a

Examples:
  sentinel-lab advise s1/sentinel.conf s2/sentinel.conf s3/sentinel.conf
  sentinel-lab advise s*.conf --hosts hosts.txt --latency 20 --runs 50 --json`;

export function registerAdvise(program: Command): void {
  program
    .command('advise')
    .description("check a deployment's sentinel.conf files against common mistakes and measure the fixes")
    .argument('<confs...>', 'one sentinel.conf per Sentinel of the deployment')
    .option('--hosts <file>', 'which box each sentinel and redis runs on')
    .option('--latency <ms>', 'network latency to measure under (mean one-way ms)', '1')
    .option('--fault-rate <n>', 'background faults per simulated minute', '1')
    .option('--min-replicas-to-write <n>', "the master's min-replicas-to-write (from redis.conf)", '0')
    .option('--runs <n>', 'runs per configuration', '10')
    .option('--workers <n>', 'worker threads (0: in this thread; default: every core)')
    .option('--seed <n>', 'sweep seed', '1')
    .option('--json', 'print exactly one JSON object')
    .option('--out <dir>', 'reports directory', 'reports')
    .option('--no-report', 'do not write an HTML report')
    .addHelpText('after', EXAMPLES)
    .action(async (files: string[], opts: AdviseOptions) => {
      process.exitCode = await adviseCommand(files, opts);
    });
}
