// The sweep's report: the HTML heatmaps over the grid (src/report/), with one example run of your
// configuration (cell 0, run 0, simulated again here: a run is a pure function of its seed) for the
// timeline, and sweep.json beside it so `sentinel-lab report` and `merge` can start from the directory.
import { labVersion } from '../chaos/version.js';
import { join } from 'node:path';
import { checkHistory, failoverBudget } from '../check/index.js';
import type { ReportInput, SweepCell } from '../report/types.js';
import { writeFileAtomic, writeReport, type WrittenReport } from '../report/write.js';
import { createKernelPort } from '../sim/kernel-port.js';
import { simulate } from '../sim/run.js';
import { applyParams, withoutSentinels } from './apply.js';
import { answerText } from './answer.js';
import { AXES, AXIS_NAMES } from './grid.js';
import type { SweepResult } from './sweep.js';
import { sweepWorld } from './world.js';

/** Directory-safe run id of a sweep; `stamp` (e.g. an ISO time) keeps successive sweeps apart. */
export function sweepRunId(result: SweepResult, stamp: string): string {
  return `sweep-${result.scenario}-s${result.seed}-${stamp.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 120);
}

/**
 * The command that runs this sweep again: every axis spelled out, since the defaults belong to the base
 * scenario. advise's scenarios are built from the user's sentinel.conf files, which the result does not
 * hold, so for them the command names the files as a placeholder.
 */
export function sweepReproduce(result: SweepResult): string {
  const common = `--seed ${result.seed} --runs ${result.runsPerCell}`;
  if (result.scenario.startsWith('advise-')) {
    return `npx sentinel-lab advise <the same sentinel.conf files> ${common}`;
  }
  const axes = AXIS_NAMES.map((a) => `${AXES[a].flag} ${result.grid[a].join(',')}`).join(' ');
  return `npx sentinel-lab sweep --scenario ${result.scenario} ${common} ${axes}`;
}

export function sweepReportInput(result: SweepResult, runId: string): ReportInput {
  const base = result.cells[0];
  const example = result.outcomes[0];
  if (base === undefined || example === undefined) throw new Error('a sweep report needs merged cells');
  const world = sweepWorld();
  const applied = applyParams(result.baseScenario, base.params, example.seed);
  const scenario = world.sentinelFactory === undefined ? withoutSentinels(applied) : applied;
  const run = simulate(scenario, example.seed, createKernelPort, { ...world, captureMessages: true });
  const budgetMs = failoverBudget(base.params.downAfterMs).totalMs;
  const cells: SweepCell[] = result.cells.map((c) => ({
    params: c.params,
    metrics: c.metrics,
    runs: c.runs,
  }));
  const options: Record<string, unknown> = {
    sweepSeed: result.seed,
    runsPerCell: result.runsPerCell,
    grid: result.grid,
    sentinelsSimulated: result.sentinelsSimulated,
    exampleRun: { cell: 0, run: 0, seed: example.seed },
    answer: result.answer,
  };
  const varying = AXIS_NAMES.filter((a) => result.grid[a].length > 1);
  return {
    result: {
      runId,
      scenario: result.scenario,
      seed: result.seed,
      tier: 'sim',
      version: labVersion(),
      traceHash: run.traceHash,
      options,
      failover: { durationsMs: result.outcomes.flatMap((o) => o.durationsMs), budgetMs },
      elapsedSeconds: result.wallMs / 1000,
      reproduce: sweepReproduce(result),
    },
    history: run.history,
    verdicts: checkHistory(run.history, scenario.expect),
    sweep: {
      cells,
      ...(varying[0] === undefined ? {} : { xParam: varying[0] }),
      ...(varying[1] === undefined ? {} : { yParam: varying[1] }),
      durationsMs: result.outcomes.flatMap((o) => o.durationsMs),
      budgetMs,
      ...(result.answer === null ? {} : { answer: answerText(result.answer, result.sentinelsSimulated) }),
    },
  };
}

/** Writes `<dir>/<runId>/` (index.html, result.json, junit.xml, sweep.json) and `<dir>/latest`. */
export async function writeSweepReport(
  dir: string,
  result: SweepResult,
  runId: string,
): Promise<WrittenReport> {
  const written = await writeReport(dir, sweepReportInput(result, runId));
  await writeFileAtomic(join(written.runDir, 'sweep.json'), JSON.stringify(result) + '\n');
  return { ...written, files: [...written.files, 'sweep.json'] };
}
