// Options of `sentinel-lab chaos`, resolved once into a frozen object (style.md, "Options").
import { BASES } from '../chaos/base.js';
import { CAMPAIGN_DEFAULTS } from '../chaos/campaign.js';
import { sentinelsAvailable } from '../chaos/sentinels.js';
import { parseSeed } from '../sim/run.js';
import { CliError } from './errors.js';

export interface ChaosCliOptions {
  readonly runs?: string;
  readonly seed?: string;
  readonly timeBudget?: string;
  readonly workers?: string;
  readonly base?: string;
  readonly catalog?: boolean;
  readonly saveDir?: string;
  readonly reportDir?: string;
  readonly shrinkRuns?: string;
  readonly json?: boolean;
}

export interface ChaosJob {
  readonly seed: number;
  /** Runs of the random campaign (an upper bound when a time budget is set). */
  readonly runs: number;
  readonly timeBudgetMs: number | null;
  /** The time budget came from the main job's minute (shared with the catalogue), not --time-budget. */
  readonly sharedBudget: boolean;
  readonly workers: number;
  readonly baseName: string;
  readonly catalog: boolean;
  readonly saveDir: string;
  readonly reportDir: string;
  readonly maxShrinkRuns: number;
  readonly json: boolean;
}

/** The main job (no --runs): catalogue + a campaign that stops after about a minute of wall time. */
export const MAIN_JOB_SECONDS = 60;
const MAIN_JOB_MAX_RUNS = 1_000_000;

function integer(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new CliError('USAGE', `${flag}: must be an integer ≥ ${min}, got '${text}'`);
  }
  return n;
}

export function resolveChaosOptions(o: ChaosCliOptions, randomSeed: () => number): ChaosJob {
  const runs = integer('--runs', o.runs, 1);
  const budgetS = integer('--time-budget', o.timeBudget, 1);
  const workers = integer('--workers', o.workers, 0);
  const shrinkRuns = integer('--shrink-runs', o.shrinkRuns, 0);
  const mainJob = runs === undefined;
  const baseName = o.base ?? (sentinelsAvailable() ? 'sentinels-3' : 'replication');
  const base = BASES.get(baseName);
  if (base === undefined) {
    throw new CliError(
      'USAGE',
      `--base: unknown base '${baseName}' (known: ${[...BASES.keys()].join(', ')})`,
    );
  }
  if (base.scenario.topology.sentinels > 0 && !sentinelsAvailable()) {
    throw new CliError(
      'USAGE',
      `--base: '${baseName}' needs Sentinels, and this build has no Sentinel adapter`,
    );
  }
  return Object.freeze({
    seed: o.seed === undefined ? randomSeed() : parseSeed(o.seed),
    runs: runs ?? MAIN_JOB_MAX_RUNS,
    timeBudgetMs: budgetS !== undefined ? budgetS * 1000 : mainJob ? MAIN_JOB_SECONDS * 1000 : null,
    sharedBudget: budgetS === undefined && mainJob,
    workers: workers ?? CAMPAIGN_DEFAULTS.workers,
    baseName,
    catalog: o.catalog ?? mainJob,
    saveDir: o.saveDir ?? 'test/regressions',
    reportDir: o.reportDir ?? 'reports',
    maxShrinkRuns: shrinkRuns ?? CAMPAIGN_DEFAULTS.maxShrinkRuns,
    json: o.json === true,
  });
}
