// `sentinel-lab replay <case.json> [--json] [--trace FILE]`: replays a regression case and checks that
// it reproduces the recorded trace hash and verdicts. A case of another version or format, or a
// corrupted one, is rejected with a RegressionError naming the field (exit 2), never replayed.
// Exit: 0 reproduced, 1 the replay differs, 2 the case cannot be replayed.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describeSchedule } from '../chaos/describe.js';
import { readCase, readCaseAnyVersion } from '../chaos/regression.js';
import { makeCase, replayCase } from '../chaos/replay.js';
import { CliError } from './errors.js';

export interface ReplayOptions {
  readonly json?: boolean;
  readonly trace?: string;
  readonly rerecord?: boolean;
}

const mark = (v: boolean | 'unknown'): string => (v === true ? 'holds' : v === false ? 'BROKE' : '?    ');

/**
 * --rerecord: after a deliberate change of behaviour (or version), records the case again with this
 * version's trace hash and verdicts, keeping its scenario, seed and origin. Review the diff.
 */
function rerecord(file: string): number {
  const old = readCaseAnyVersion(file);
  const c = makeCase({
    name: old.name,
    description: old.description,
    scenario: old.scenario,
    seed: old.seed,
    origin: old.origin,
  });
  writeFileSync(file, JSON.stringify(c, null, 2) + '\n');
  const same = c.expected.traceHash === old.expected.traceHash;
  process.stdout.write(
    `${file}: re-recorded (trace ${same ? 'unchanged' : `${old.expected.traceHash.slice(0, 16)} → ${c.expected.traceHash.slice(0, 16)}`})\n`,
  );
  return 0;
}

export function replayCommand(file: string, opts: ReplayOptions): number {
  if (opts.rerecord === true) return rerecord(file);
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
    .option('--rerecord', "record the case again with this version's trace hash and verdicts")
    .addHelpText(
      'after',
      '\nExamples:\n  sentinel-lab replay test/regressions/jepsen-2013-partition-seed-1.json\n' +
        '  sentinel-lab replay case.json --json --trace /tmp/replayed.jsonl   # then diff against the recorded trace\n' +
        '  sentinel-lab replay case.json --rerecord                           # after an intended behaviour change',
    )
    .action((file: string, opts: ReplayOptions) => {
      process.exitCode = replayCommand(file, opts);
    });
}
