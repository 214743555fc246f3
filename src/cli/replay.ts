// `sentinel-lab replay <case.json> [--json] [--trace FILE]`: replays a regression case and checks that
// it reproduces the recorded trace hash and verdicts. A case of another version or format, or a
// corrupted one, is rejected with a RegressionError naming the field (exit 2), never replayed.
// Exit: 0 reproduced, 1 the replay differs, 2 the case cannot be replayed.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describeSchedule } from '../chaos/describe.js';
import { readCase } from '../chaos/regression.js';
import { replayCase } from '../chaos/replay.js';
import { CliError } from './errors.js';

export interface ReplayOptions {
  readonly json?: boolean;
  readonly trace?: string;
}

const mark = (v: boolean | 'unknown'): string => (v === true ? 'holds' : v === false ? 'BROKE' : '?    ');

export function replayCommand(file: string, opts: ReplayOptions): number {
  const c = readCase(file);
  const r = replayCase(c);
  if (opts.trace !== undefined) {
    try {
      writeFileSync(opts.trace, r.traceJsonl);
    } catch (error) {
      throw new CliError(
        'OUT_UNWRITABLE',
        `--trace: cannot write ${opts.trace}: ${(error as Error).message}`,
      );
    }
  }
  if (opts.json === true) {
    const out = {
      case: c.name,
      seed: c.seed,
      traceHash: r.traceHash,
      expectedTraceHash: c.expected.traceHash,
      hashMatches: r.hashMatches,
      verdictDiffs: r.verdictDiffs,
      verdicts: r.judged.verdicts,
      passed: r.passed,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
    return r.passed ? 0 : 1;
  }
  const hash = r.hashMatches ? ' = recorded' : ` ≠ recorded ${c.expected.traceHash.slice(0, 16)}`;
  const lines = [
    `${c.name} (seed ${c.seed}): ${r.passed ? 'REPRODUCED' : 'DIFFERS'}`,
    `  ${c.description}`,
    ...describeSchedule(c.scenario.faults).map((l) => `    ${l}`),
    `  trace ${r.traceHash.slice(0, 16)}${hash}`,
    ...r.judged.verdicts.map((v) => `  ${mark(v.valid)} ${v.invariant}: ${v.detail}`),
    ...r.verdictDiffs.map((d) => `  verdict differs: ${d}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return r.passed ? 0 : 1;
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('replay a regression case; check its trace hash and verdicts')
    .argument('<case>', 'regression case file (test/regressions/*.json)')
    .option('--json', 'print exactly one JSON object')
    .option('--trace <file>', 'write the replayed trace (canonical JSONL) here')
    .action((file: string, opts: ReplayOptions) => {
      process.exitCode = replayCommand(file, opts);
    });
}
