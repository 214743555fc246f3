// Bug-finding power (issue #4): for every "must break" (scenario, invariant) of the catalogue, the wall
// time a random campaign needs to find a violation, from several campaign seeds, and the size of the
// shrunk schedule (src/chaos/must-break.ts says how a target becomes a campaign base). Runs are
// sequential in one thread, so the times are single-core times; `runs` (how many random schedules were
// judged up to the first violation) is the machine-independent number.
//
// Not part of the default `npm run bench` (it takes minutes): `npm run bench -- find-times`, or alone
// `node dist/bench/find-times.js [seeds] [budgetSeconds] [maxRuns]` (prints the table and one JSON line).
import { pathToFileURL } from 'node:url';
import { describeSchedule } from '../src/chaos/describe.js';
import {
  mustBreakBase,
  mustBreakTargets,
  searchViolation,
  type SearchLimits,
  type SearchResult,
} from '../src/chaos/must-break.js';
import { getScenario } from '../src/scenarios/catalog/index.js';
import type { BenchModule } from './types.js';

export interface TargetTimes {
  readonly target: string;
  readonly seeds: readonly number[];
  /** Seeds whose search found a violation within the limits. */
  readonly found: number;
  readonly notFound: number;
  /** Medians over the seeds that found one (null when none did). */
  readonly medianFindSeconds: number | null;
  readonly medianFindRuns: number | null;
  readonly medianShrunkFaults: number | null;
  readonly maxShrunkFaults: number | null;
  readonly medianShrinkSeconds: number | null;
  /** Seeds whose shrinking spent its step budget (the schedule may not be minimal). */
  readonly shrinkCapped: number;
  /** The shrunk schedule of the first seed that found one, readable. */
  readonly example: readonly string[];
  readonly perSeed: readonly SeedTimes[];
}

interface SeedTimes {
  readonly seed: number;
  readonly found: boolean;
  readonly runs: number;
  readonly findSeconds: number | null;
  readonly shrinkSeconds: number | null;
  readonly shrinkRuns: number | null;
  readonly originalFaults: number | null;
  readonly shrunkFaults: number | null;
}

export interface FindTimes {
  readonly limits: SearchLimits;
  readonly targets: readonly TargetTimes[];
  readonly wallSeconds: number;
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (x: number | null, digits = 1): number | null =>
  x === null ? null : Number(x.toFixed(digits));

function seedTimes(seed: number, r: SearchResult): SeedTimes {
  if (r.kind === 'not-found') {
    return {
      seed,
      found: false,
      runs: r.runs,
      findSeconds: null,
      shrinkSeconds: null,
      shrinkRuns: null,
      originalFaults: null,
      shrunkFaults: null,
    };
  }
  return {
    seed,
    found: true,
    runs: r.runs,
    findSeconds: round(r.findMs / 1000, 2),
    shrinkSeconds: round(r.shrinkMs / 1000, 2),
    shrinkRuns: r.shrinkRuns,
    originalFaults: r.originalFaults.length,
    shrunkFaults: r.shrunkFaults.length,
  };
}

export function measureFindTimes(seeds: readonly number[], limits: SearchLimits): FindTimes {
  const started = performance.now();
  const targets = mustBreakTargets().map((t): TargetTimes => {
    const base = mustBreakBase(getScenario(t.scenario), t.invariant);
    const results = seeds.map((seed) => [seed, searchViolation(base, seed, limits)] as const);
    const per = results.map(([seed, r]) => seedTimes(seed, r));
    const hits = per.filter((p) => p.found);
    const firstHit = results.find(([, r]) => r.kind === 'found')?.[1];
    const sizes = hits.map((p) => p.shrunkFaults!);
    return {
      target: `${t.scenario} / ${t.invariant}`,
      seeds,
      found: hits.length,
      notFound: per.length - hits.length,
      medianFindSeconds: round(median(hits.map((p) => p.findSeconds!)), 2),
      medianFindRuns: median(hits.map((p) => p.runs)),
      medianShrunkFaults: median(sizes),
      maxShrunkFaults: sizes.length === 0 ? null : Math.max(...sizes),
      medianShrinkSeconds: round(median(hits.map((p) => p.shrinkSeconds!)), 2),
      shrinkCapped: results.filter(([, r]) => r.kind === 'found' && r.shrinkCapped).length,
      example: firstHit?.kind === 'found' ? describeSchedule(firstHit.shrunkFaults) : [],
      perSeed: per,
    };
  });
  return { limits, targets, wallSeconds: round((performance.now() - started) / 1000)! };
}

export function formatFindTimes(r: FindTimes): string[] {
  const head = ['target', 'found', 'median find s', 'median runs', 'shrunk faults (median/max)', 'shrink s'];
  const rows = r.targets.map((t) => [
    t.target,
    `${t.found}/${t.seeds.length}`,
    String(t.medianFindSeconds ?? '—'),
    String(t.medianFindRuns ?? '—'),
    t.medianShrunkFaults === null ? '—' : `${t.medianShrunkFaults}/${t.maxShrunkFaults}`,
    String(t.medianShrinkSeconds ?? '—'),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), ...rows.map(line)];
}

const DEFAULT_SEEDS = [1, 2, 3, 4, 5];
const DEFAULT_LIMITS: SearchLimits = { maxRuns: 500, budgetMs: 60_000, maxShrinkRuns: 200 };

export const findTimesBench: BenchModule = {
  name: 'find-times',
  description: 'time for a random campaign to find each must-break violation (5 seeds), shrunk sizes',
  optIn: true,
  run() {
    const r = measureFindTimes(DEFAULT_SEEDS, DEFAULT_LIMITS);
    const medians = r.targets.flatMap((t) => (t.medianFindSeconds === null ? [] : [t.medianFindSeconds]));
    return {
      metrics: {
        mustBreakTargets: r.targets.length,
        mustBreakSearchesNotFound: r.targets.reduce((n, t) => n + t.notFound, 0),
        mustBreakWorstMedianFindSeconds: medians.length === 0 ? -1 : Math.max(...medians),
      },
      details: r,
      notes: formatFindTimes(r),
    };
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seedCount = Number(process.argv[2] ?? DEFAULT_SEEDS.length);
  const limits: SearchLimits = {
    ...DEFAULT_LIMITS,
    budgetMs: Number(process.argv[3] ?? DEFAULT_LIMITS.budgetMs / 1000) * 1000,
    maxRuns: Number(process.argv[4] ?? DEFAULT_LIMITS.maxRuns),
  };
  const r = measureFindTimes(
    Array.from({ length: seedCount }, (_, i) => i + 1),
    limits,
  );
  for (const l of formatFindTimes(r)) console.error(l);
  console.log(JSON.stringify(r));
}
