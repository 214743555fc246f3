// Aggregates of a campaign and the catalogue job for the summary table, --json and the report.
import type { CampaignResult } from './campaign.js';
import type { CatalogOutcome } from './catalog-job.js';
import { describeSchedule } from './describe.js';
import type { VerdictLine } from './judge.js';

export interface InvariantTally {
  readonly invariant: string;
  readonly expected: string;
  readonly held: number;
  readonly broke: number;
  readonly unknown: number;
  /** Runs whose verdict did not meet a 'hold'/'break' expectation. */
  readonly unmet: number;
}

export function tallyInvariants(runs: readonly (readonly VerdictLine[])[]): InvariantTally[] {
  const byName = new Map<
    string,
    { expected: string; held: number; broke: number; unknown: number; unmet: number }
  >();
  for (const verdicts of runs) {
    for (const v of verdicts) {
      const t = byName.get(v.invariant) ?? { expected: v.expected, held: 0, broke: 0, unknown: 0, unmet: 0 };
      if (v.valid === true) t.held++;
      else if (v.valid === false) t.broke++;
      else t.unknown++;
      if (!v.ok && v.expected !== 'measure') t.unmet++;
      byName.set(v.invariant, t);
    }
  }
  return [...byName].map(([invariant, t]) => ({ invariant, ...t }));
}

/** Nearest-rank percentile of a sorted list (null when empty). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export interface Headline {
  readonly runs: number;
  readonly failovers: number;
  readonly failoverP50Ms: number | null;
  readonly failoverP99Ms: number | null;
  readonly ackedWrites: number;
  readonly lostWrites: number;
  /** Runs whose write loss could not be decided (no single final master). */
  readonly lossUndecided: number;
}

export function headline(
  runs: readonly {
    failoverDurationsMs: readonly number[];
    ackedWrites: number;
    lostWrites: number | null;
  }[],
): Headline {
  const durations = runs.flatMap((r) => r.failoverDurationsMs).sort((a, b) => a - b);
  return {
    runs: runs.length,
    failovers: durations.length,
    failoverP50Ms: percentile(durations, 50),
    failoverP99Ms: percentile(durations, 99),
    ackedWrites: runs.reduce((n, r) => n + r.ackedWrites, 0),
    lostWrites: runs.reduce((n, r) => n + (r.lostWrites ?? 0), 0),
    lossUndecided: runs.filter((r) => r.lostWrites === null).length,
  };
}

export interface FindingLine {
  readonly runIndex: number;
  readonly broken: readonly string[];
  readonly fcSeed: number;
  readonly fcPath: string;
  readonly schedule: readonly string[];
  readonly caseFile: string | null;
  readonly replay: string;
}

export function findingLines(c: CampaignResult, caseFiles: ReadonlyMap<number, string>): FindingLine[] {
  return c.outcomes.flatMap((o) => {
    if (o.finding === null) return [];
    const file = caseFiles.get(o.runIndex) ?? null;
    const replay =
      file !== null
        ? `npx sentinel-lab replay ${file}`
        : `npx sentinel-lab chaos --base ${c.options.baseName} --seed ${c.options.seed} --runs ${o.runIndex + 1}`;
    return [
      {
        runIndex: o.runIndex,
        broken: o.finding.verdicts.filter((v) => v.expected !== 'measure' && !v.ok).map((v) => v.invariant),
        fcSeed: o.finding.fcSeed,
        fcPath: o.finding.fcPath,
        schedule: describeSchedule(o.finding.shrunkFaults),
        caseFile: file,
        replay,
      },
    ];
  });
}

export function catalogUnmet(outcomes: readonly CatalogOutcome[]): CatalogOutcome[] {
  return outcomes.filter((o) => o.skipped === null && !o.met);
}
