// `sentinel-lab report <result.json|sweep.json|dir>`: re-renders a report. A sweep (sweep.json, or a
// report directory holding one) is rendered from its stored outcomes; a run's result.json (from
// `run --out`) is simulated again from its scenario and seed — a run is a pure function of both — and
// the trace hash is compared with the stored one.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { reaggregate } from '../sweep/merge.js';
import { sweepRunId, writeSweepReport } from '../sweep/report.js';
import { sweepWorld } from '../sweep/world.js';
import { CliError } from './errors.js';
import { readSweepFile } from './merge.js';
import { writeRunReport } from './run-report.js';
import { resolveScenario } from './scenarios.js';

function inputFile(path: string): string {
  if (!existsSync(path)) throw new CliError('FILE_UNREADABLE', `${path}: no such file or directory`);
  if (!statSync(path).isDirectory()) return path;
  for (const name of ['sweep.json', 'result.json']) if (existsSync(join(path, name))) return join(path, name);
  throw new CliError('FILE_UNREADABLE', `${path}: holds neither sweep.json nor result.json`);
}

async function rerenderRun(file: string, out: string): Promise<string> {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as {
    scenario?: unknown;
    seed?: unknown;
    traceHash?: unknown;
    reproduce?: unknown;
  };
  // A chaos campaign's report is not one run: it is re-made by running the campaign again.
  if (typeof saved.reproduce === 'string' && !saved.reproduce.startsWith('npx sentinel-lab run ')) {
    const again = saved.reproduce.split('\n')[0] ?? saved.reproduce;
    throw new CliError(
      'REPORT_BAD_INPUT',
      `${file}: a campaign's report, not one run's; it is re-made by running it again: ${again}`,
    );
  }
  if (typeof saved.scenario !== 'string' || typeof saved.seed !== 'number') {
    throw new CliError('REPORT_BAD_INPUT', `${file}: needs 'scenario' (string) and 'seed' (number)`);
  }
  const scenario = resolveScenario(saved.scenario);
  const { written, traceHash } = await writeRunReport(out, scenario, saved.seed, sweepWorld());
  if (typeof saved.traceHash === 'string' && saved.traceHash !== traceHash) {
    process.stderr.write(
      `sentinel-lab: warning: trace hash differs from ${file} (another sentinel-lab version?)\n`,
    );
  }
  return written.runDir;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('re-render the HTML report of a sweep or a run')
    .argument('<input>', 'sweep.json, a run result.json, or a report directory')
    .option('--out <dir>', 'reports directory', 'reports')
    .option('--json', 'print {"reportDir": …} as one JSON object')
    .addHelpText(
      'after',
      '\nExamples:\n  sentinel-lab report reports/latest\n  sentinel-lab report sweep.json --out /tmp/reports\n  sentinel-lab report out/result.json',
    )
    .action(async (input: string, opts: { out: string; json?: boolean }) => {
      const file = inputFile(input);
      let dir: string;
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as { kind?: unknown };
        if (parsed.kind === 'sentinel-lab-sweep') {
          const sweep = reaggregate(readSweepFile(file), file);
          dir = (await writeSweepReport(opts.out, sweep, sweepRunId(sweep, new Date().toISOString()))).runDir;
        } else dir = await rerenderRun(file, opts.out);
      } catch (error) {
        if (error instanceof SyntaxError)
          throw new CliError('REPORT_BAD_INPUT', `${file}: not JSON: ${error.message}`);
        throw error;
      }
      process.stdout.write(
        opts.json === true ? JSON.stringify({ reportDir: dir }) + '\n' : `report: ${dir}/index.html\n`,
      );
    });
}
