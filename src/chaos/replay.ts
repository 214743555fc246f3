// Replaying a regression case, and making one. A replay passes when the run reproduces the recorded
// trace hash and every recorded verdict.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../scenarios/types.js';
import { withFaults, type CampaignBase } from './base.js';
import { judgeOrThrown, type Judged } from './judge.js';
import { CASE_FORMAT, type CaseOrigin, type RegressionCase } from './regression.js';
import type { Finding } from './run-one.js';
import { labVersion } from './version.js';

export interface ReplayResult {
  readonly traceHash: string;
  readonly traceJsonl: string;
  readonly hashMatches: boolean;
  /** One line per verdict that differs from the recorded one (missing ones included). */
  readonly verdictDiffs: readonly string[];
  readonly judged: Judged;
  readonly passed: boolean;
}

export function replayCase(c: RegressionCase): ReplayResult {
  const judged = judgeOrThrown(c.scenario, c.seed);
  const actual = new Map(judged.verdicts.map((v) => [v.invariant, v.valid] as const));
  const verdictDiffs: string[] = [];
  for (const [name, valid] of Object.entries(c.expected.verdicts)) {
    const got = actual.has(name) ? actual.get(name) : 'missing';
    if (got !== valid) verdictDiffs.push(`${name}: recorded ${String(valid)}, replay gave ${String(got)}`);
  }
  const hashMatches = judged.traceHash === c.expected.traceHash;
  return {
    traceHash: judged.traceHash,
    traceJsonl: judged.traceJsonl,
    hashMatches,
    verdictDiffs,
    judged,
    passed: hashMatches && verdictDiffs.length === 0,
  };
}

/** Runs `scenario` (renamed to the case name) with `seed` and records what it gave. */
export function makeCase(input: {
  readonly name: string;
  readonly description: string;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly origin: CaseOrigin;
}): RegressionCase {
  const scenario = { ...input.scenario, name: input.name };
  const judged = judgeOrThrown(scenario, input.seed);
  return {
    format: CASE_FORMAT,
    version: labVersion(),
    name: input.name,
    description: input.description,
    scenario,
    seed: input.seed,
    options: { sentinels: scenario.topology.sentinels > 0 ? 'engine' : 'none' },
    origin: input.origin,
    expected: {
      traceHash: judged.traceHash,
      verdicts: Object.fromEntries(judged.verdicts.map((v) => [v.invariant, v.valid])),
    },
  };
}

/** The case of a campaign finding: the base scenario with the shrunk schedule. */
export function caseFromFinding(
  base: CampaignBase,
  campaignSeed: number,
  runIndex: number,
  worldSeed: number,
  f: Finding,
): RegressionCase {
  const broken = f.verdicts.filter((v) => v.expected !== 'measure' && !v.ok).map((v) => v.invariant);
  return makeCase({
    name: `chaos-${base.name}-s${campaignSeed}-r${runIndex}`,
    description: `campaign finding: ${broken.join(', ')} (shrunk to ${f.shrunkFaults.length} fault(s))`,
    scenario: withFaults(base, f.shrunkFaults),
    seed: worldSeed,
    origin: { kind: 'campaign', campaignSeed, runIndex, base: base.name, fcSeed: f.fcSeed, fcPath: f.fcPath },
  });
}

export function writeCase(dir: string, c: RegressionCase): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${c.name}.json`);
  writeFileSync(path, JSON.stringify(c, null, 2) + '\n');
  return path;
}
