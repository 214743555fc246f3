// `sentinel-lab chaos [--runs N] [--seed N] [--time-budget S] [--workers N] [--json]`.
// With no --runs it is the main job: every catalogue scenario against its own expectations, then a
// random campaign for the rest of about a minute. Findings are shrunk, printed with their replay
// command and saved as regression cases; the report goes to reports/<run-id>/ and reports/latest.
// Exit: 0 all expectations met, 1 an invariant broke unexpectedly (or a determinism mismatch),
// 2 usage errors.
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { BASES } from '../chaos/base.js';
import { CAMPAIGN_DEFAULTS, runCampaign, runCatalog, type CampaignResult } from '../chaos/campaign.js';
import { catalogScenarios, type CatalogOutcome } from '../chaos/catalog-job.js';
import { describeMismatch } from '../chaos/determinism.js';
import { caseFromFinding, writeCase } from '../chaos/replay.js';
import { worldSeed } from '../chaos/seeds.js';
import { catalogUnmet, findingLines, headline, tallyInvariants, type FindingLine } from '../chaos/summary.js';
import {
  MAIN_JOB_SECONDS,
  resolveChaosOptions,
  type ChaosCliOptions,
  type ChaosJob,
} from './chaos-options.js';
import { writeChaosReport } from './chaos-report.js';

/** Wall time the main job keeps for what follows the last dispatched batch. */
const TAIL_MARGIN_MS = 10_000;

interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress bar on stderr, only on a terminal and never under CI or --json. */
function progressBar(job: ChaosJob, label: string): Progress {
  if (job.json || process.stderr.isTTY !== true || process.env['CI'] !== undefined) {
    return { update: () => undefined, stop: () => undefined };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value} runs | {duration}s`, stream: process.stderr, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function saveFindings(job: ChaosJob, c: CampaignResult): Map<number, string> {
  const base = BASES.get(job.baseName)!;
  const files = new Map<number, string>();
  for (const o of c.outcomes) {
    if (o.finding === null) continue;
    const kase = caseFromFinding(base, job.seed, o.runIndex, worldSeed(job.seed, o.runIndex), o.finding);
    files.set(o.runIndex, writeCase(job.saveDir, kase));
  }
  return files;
}

const secs = (v: number | null): string => (v === null ? '—' : `${(v / 1000).toFixed(2)} s`);

function catalogLines(catalog: readonly CatalogOutcome[]): string[] {
  if (catalog.length === 0) return [];
  const lines = ['', 'catalogue (seed 1):'];
  for (const o of catalog) {
    const state = o.skipped !== null ? `skipped: ${o.skipped}` : o.met ? 'as expected' : 'UNEXPECTED';
    lines.push(`  ${o.scenario.padEnd(40)} ${state}`);
    if (o.skipped === null && !o.met) {
      for (const v of o.verdicts.filter((x) => !x.ok && x.expected !== 'measure')) {
        lines.push(`      ${v.invariant}: expected ${v.expected}, got ${String(v.valid)}: ${v.detail}`);
      }
    }
  }
  return lines;
}

function humanSummary(
  job: ChaosJob,
  c: CampaignResult,
  catalog: readonly CatalogOutcome[],
  findings: readonly FindingLine[],
  reportDir: string,
): string {
  const h = headline(c.outcomes);
  const threads =
    c.workersUsed === 0
      ? 'in one thread'
      : `on ${c.workersUsed} worker thread${c.workersUsed === 1 ? '' : 's'}`;
  const lines = [
    `chaos: base ${job.baseName}, seed ${job.seed}: ${c.outcomes.length} random runs in ${(c.wallMs / 1000).toFixed(1)} s ${threads}`,
    ...catalogLines(catalog),
    '',
    '  invariant                    expected  held   broke  unknown',
  ];
  for (const t of tallyInvariants(c.outcomes.map((o) => o.verdicts))) {
    const cells = [
      t.invariant.padEnd(28),
      t.expected.padEnd(9),
      String(t.held).padEnd(6),
      String(t.broke).padEnd(6),
    ];
    lines.push(`  ${cells.join(' ')} ${t.unknown}`);
  }
  const undecided = h.lossUndecided > 0 ? ` (${h.lossUndecided} runs undecided)` : '';
  lines.push(
    '',
    `  failovers: ${h.failovers}, p50 ${secs(h.failoverP50Ms)}, p99 ${secs(h.failoverP99Ms)}`,
    `  writes: ${h.ackedWrites} acknowledged, ${h.lostWrites} lost${undecided}`,
    `  determinism: ${c.determinism.checked} runs executed twice (${c.determinism.mode}), ${c.determinism.mismatches.length} mismatches`,
  );
  for (const m of c.determinism.mismatches) lines.push('  ' + describeMismatch(m));
  lines.push('', findings.length === 0 ? 'findings: none' : `findings: ${findings.length}`);
  for (const f of findings) {
    lines.push(
      `  run ${f.runIndex}: ${f.broken.join(', ')}  (fast-check seed ${f.fcSeed}, path "${f.fcPath}")`,
      ...f.schedule.map((s) => `    ${s}`),
      `    replay: ${f.replay}`,
    );
  }
  lines.push('', `report: ${reportDir}`);
  return lines.join('\n');
}

async function catalogPhase(job: ChaosJob): Promise<CatalogOutcome[]> {
  if (!job.catalog) return [];
  const names = catalogScenarios().map((s) => s.name);
  const bar = progressBar(job, 'catalogue');
  let done = 0;
  const out = await runCatalog(names, job.workers, () => bar.update(++done, names.length));
  bar.stop();
  return out;
}

export async function chaosCommand(opts: ChaosCliOptions): Promise<number> {
  const job = resolveChaosOptions(opts, () => Math.floor(Math.random() * 2 ** 31));
  const started = performance.now();
  const catalog = await catalogPhase(job);
  // The main job's minute is shared: the campaign gets what the catalogue left, less a margin for the
  // batches in flight, the determinism re-executions and the report (at least 10 s).
  const spentMs = job.sharedBudget ? performance.now() - started + TAIL_MARGIN_MS : 0;
  const timeBudgetMs = job.timeBudgetMs === null ? null : Math.max(10_000, job.timeBudgetMs - spentMs);
  const bar = progressBar(job, 'campaign');
  const campaign = await runCampaign(
    {
      seed: job.seed,
      runs: job.runs,
      workers: job.workers,
      baseName: job.baseName,
      timeBudgetMs,
      maxShrinkRuns: job.maxShrinkRuns,
      determinismEvery: CAMPAIGN_DEFAULTS.determinismEvery,
      batchSize: CAMPAIGN_DEFAULTS.batchSize,
    },
    (done, total) => bar.update(done, total),
  );
  bar.stop();
  const caseFiles = saveFindings(job, campaign);
  const findings = findingLines(campaign, caseFiles);
  const tallies = tallyInvariants(campaign.outcomes.map((o) => o.verdicts));
  // The random runs' only, as in the printed summary: the catalogue's configurations have other budgets.
  const durations = campaign.outcomes.flatMap((o) => o.failoverDurationsMs);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const written = await writeChaosReport(
    job,
    `chaos-${job.seed}-${stamp}`,
    campaign,
    catalog,
    tallies,
    durations,
    caseFiles,
  );
  const unexpected = catalogUnmet(catalog).length + findings.length + campaign.determinism.mismatches.length;
  if (job.json) {
    const out = {
      seed: job.seed,
      base: job.baseName,
      runs: campaign.outcomes.length,
      wallMs: Math.round(campaign.wallMs),
      workers: campaign.workersUsed,
      invariants: tallies,
      headline: headline(campaign.outcomes),
      catalog: catalog.map(({ verdicts: _v, ...rest }) => rest),
      findings,
      determinism: campaign.determinism,
      report: written.runDir,
      passed: unexpected === 0,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  } else {
    process.stdout.write(humanSummary(job, campaign, catalog, findings, written.runDir) + '\n');
  }
  return unexpected === 0 ? 0 : 1;
}

export function registerChaos(program: Command): void {
  program
    .command('chaos')
    .description(
      `random fault schedules in simulation, shrunk on failure; with no --runs: the catalogue plus a campaign, about ${MAIN_JOB_SECONDS} s`,
    )
    .option('--runs <n>', 'random runs (without it: the main job, bounded by time)')
    .option('--seed <n>', 'campaign seed (default: a random one, printed)')
    .option('--time-budget <s>', 'stop starting runs after this many seconds')
    .option('--workers <n>', 'worker threads (0: run in this thread; default 2)')
    .option('--base <name>', 'base configuration the schedules are applied to')
    .option('--catalog', 'also run the catalogue scenarios (default only for the main job)')
    .option('--save-dir <dir>', 'where findings are written as regression cases (default test/regressions)')
    .option('--report-dir <dir>', 'where the report is written (default reports)')
    .option('--shrink-runs <n>', 'most simulations spent shrinking one finding (default 200)')
    .option('--json', 'print exactly one JSON object')
    .addHelpText(
      'after',
      '\nExamples:\n  sentinel-lab chaos                              # the main job (npm start): catalogue + ~1 min campaign\n' +
        '  sentinel-lab chaos --runs 500 --seed 7 --json   # a fixed campaign, reproducible from its seed\n' +
        '  sentinel-lab chaos --time-budget 600 --workers 2 --save-dir /tmp/cases',
    )
    .action(async (opts: ChaosCliOptions) => {
      process.exitCode = await chaosCommand(opts);
    });
}
