// `sentinel-lab merge <shard.json>...`: combines the outputs of `sweep --shard i/n` into the result one
// machine would have produced, prints it like `sweep` does and writes the report.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { asSweepResult, mergeResults } from '../sweep/merge.js';
import { sweepRunId, writeSweepReport } from '../sweep/report.js';
import type { SweepResult } from '../sweep/sweep.js';
import { CliError } from './errors.js';
import { printResult } from './sweep.js';

export function readSweepFile(path: string): SweepResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(
      'FILE_UNREADABLE',
      `${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return asSweepResult(JSON.parse(text), path);
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new CliError('SWEEP_BAD_FILE', `${path}: not JSON: ${error.message}`);
    throw error;
  }
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('merge the JSON outputs of sharded sweeps into one result')
    .argument('<shards...>', 'files written by `sentinel-lab sweep --shard i/n --json`')
    .option('--json', 'print exactly one JSON object')
    .option('--out <dir>', 'reports directory', 'reports')
    .option('--no-report', 'do not write an HTML report')
    .addHelpText(
      'after',
      '\nExamples:\n  sentinel-lab merge shard-0.json shard-1.json shard-2.json shard-3.json\n  sentinel-lab merge shards/*.json --json > sweep.json',
    )
    .action(async (files: string[], opts: { json?: boolean; out: string; report: boolean }) => {
      const merged = mergeResults(files.map((name) => ({ name, result: readSweepFile(name) })));
      let reportDir: string | null = null;
      if (opts.report)
        reportDir = (await writeSweepReport(opts.out, merged, sweepRunId(merged, new Date().toISOString())))
          .runDir;
      printResult(merged, opts.json === true, reportDir);
    });
}
