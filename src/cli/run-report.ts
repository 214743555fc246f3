// The HTML report of one simulated run (`run --report`, `report <result.json>`): the run is simulated
// (again) with message capture on, so the report has its space-time diagram; capture only observes, so
// the trace and its hash are those of the same run without it (src/sim/run.ts).
import { labVersion } from '../chaos/version.js';
import { checkHistory, failoverBudget, measureFailovers } from '../check/index.js';
import type { Scenario } from '../scenarios/types.js';
import { writeReport, type WrittenReport } from '../report/write.js';
import { createKernelPort } from '../sim/kernel-port.js';
import { simulate } from '../sim/run.js';
import type { WorldOptions } from '../sim/world.js';

export interface RunReport {
  readonly written: WrittenReport;
  readonly traceHash: string;
}

/** Simulates `scenario` with `seed` and writes its report under `dir`/run-<scenario>-s<seed>/. */
export async function writeRunReport(
  dir: string,
  scenario: Scenario,
  seed: number,
  world: WorldOptions,
): Promise<RunReport> {
  const run = simulate(scenario, seed, createKernelPort, { ...world, captureMessages: true });
  const failover = measureFailovers(run.history);
  const written = await writeReport(dir, {
    result: {
      runId: `run-${scenario.name}-s${seed}`,
      scenario: scenario.name,
      seed,
      tier: 'sim',
      version: labVersion(),
      traceHash: run.traceHash,
      options: { scenario },
      failover: {
        durationsMs: failover.durationsMs,
        budgetMs: failoverBudget(scenario.sentinel.downAfterMs).totalMs,
      },
    },
    history: run.history,
    verdicts: checkHistory(run.history, scenario.expect),
    trace: run.traceJsonl,
  });
  return { written, traceHash: run.traceHash };
}
