// The report of a chaos job: src/report/write.ts writes it under reports/<run-id>/ and points
// reports/latest at it. Its verdicts are one line per invariant over all random runs plus one line per
// catalogue scenario; its history is that of a representative run (the first finding's shrunk run,
// else the first catalogue scenario run, else random run 0), simulated again here.
import { failoverBudget } from '../check/index.js';
import type { Verdict } from '../check/verdict.js';
import { BASES, withFaults } from '../chaos/base.js';
import type { CampaignResult } from '../chaos/campaign.js';
import { catalogScenario, type CatalogOutcome } from '../chaos/catalog-job.js';
import { judgeOrThrown, type Judged } from '../chaos/judge.js';
import { worldSeed } from '../chaos/seeds.js';
import type { InvariantTally } from '../chaos/summary.js';
import { worldOptionsFor } from '../chaos/sentinels.js';
import { labVersion } from '../chaos/version.js';
import type { History } from '../check/history.js';
import type { Scenario } from '../scenarios/types.js';
import { createKernelPort } from '../sim/kernel-port.js';
import { simulate } from '../sim/run.js';
import { writeReport, type WrittenReport } from '../report/write.js';
import type { ChaosJob } from './chaos-options.js';

function tallyVerdicts(tallies: readonly InvariantTally[]): Verdict[] {
  return tallies.map((t) => ({
    invariant: `chaos:${t.invariant}`,
    valid: t.broke > 0 ? false : t.unknown > 0 ? 'unknown' : true,
    expected: t.expected as Verdict['expected'],
    ok: t.unmet === 0,
    detail: `${t.held} held, ${t.broke} broke, ${t.unknown} unknown`,
    evidence: { ...t },
  }));
}

function catalogVerdicts(outcomes: readonly CatalogOutcome[]): Verdict[] {
  return outcomes
    .filter((o) => o.skipped === null)
    .map((o) => ({
      invariant: `catalog:${o.scenario}`,
      valid: o.met,
      expected: 'hold',
      ok: o.met,
      detail: o.verdicts
        .filter((v) => v.expected !== 'measure')
        .map((v) => `${v.invariant} ${String(v.valid)} (expected ${v.expected})`)
        .join('; '),
      evidence: { traceHash: o.traceHash, seed: o.seed },
    }));
}

interface Representative {
  readonly label: string;
  readonly scenario: Scenario;
  readonly seed: number;
}

function representative(campaign: CampaignResult, catalog: readonly CatalogOutcome[]): Representative {
  const base = BASES.get(campaign.options.baseName)!;
  const found = campaign.outcomes.find((o) => o.finding !== null);
  if (found?.finding) {
    const seed = worldSeed(campaign.options.seed, found.runIndex);
    return {
      label: `run ${found.runIndex} (shrunk)`,
      scenario: withFaults(base, found.finding.shrunkFaults),
      seed,
    };
  }
  const cat = catalog.find((o) => o.skipped === null);
  const scenario = cat === undefined ? undefined : catalogScenario(cat.scenario);
  if (cat !== undefined && scenario !== undefined) return { label: cat.scenario, scenario, seed: cat.seed };
  const faults = campaign.outcomes[0]?.faults ?? [];
  return { label: 'run 0', scenario: withFaults(base, faults), seed: worldSeed(campaign.options.seed, 0) };
}

/**
 * The representative run's history with its messages captured, for the space-time diagram (capture
 * only observes: same run, same trace hash). A run that throws keeps the judged history.
 */
function capturedHistory(rep: Representative, judged: Judged): History {
  if (judged.traceHash.startsWith('threw:')) return judged.history;
  const world = { ...worldOptionsFor(rep.scenario.topology.sentinels), captureMessages: true };
  return simulate(rep.scenario, rep.seed, createKernelPort, world).history;
}

export async function writeChaosReport(
  job: ChaosJob,
  runId: string,
  campaign: CampaignResult,
  catalog: readonly CatalogOutcome[],
  tallies: readonly InvariantTally[],
  durationsMs: readonly number[],
): Promise<WrittenReport> {
  const rep = representative(campaign, catalog);
  const judged = judgeOrThrown(rep.scenario, rep.seed);
  const base = BASES.get(job.baseName)!;
  return writeReport(job.reportDir, {
    result: {
      runId,
      scenario: `chaos (${job.baseName}; history: ${rep.label})`,
      seed: job.seed,
      tier: 'sim',
      version: labVersion(),
      traceHash: judged.traceHash,
      options: { ...job, campaignRuns: campaign.outcomes.length, workersUsed: campaign.workersUsed },
      failover: { durationsMs, budgetMs: failoverBudget(base.scenario.sentinel.downAfterMs).totalMs },
      elapsedSeconds: campaign.wallMs / 1000,
    },
    history: capturedHistory(rep, judged),
    verdicts: [...tallyVerdicts(tallies), ...catalogVerdicts(catalog)],
    trace: judged.traceJsonl,
  });
}
