// Campaign determinism: what a campaign finds is a function of (seed, base, runs), not of the number
// of worker threads. Runs the compiled campaign (piscina needs compiled workers).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Campaign from '../../src/chaos/campaign.js';
import { buildDist, root } from './build.js';

let campaign: typeof Campaign;

beforeAll(async () => {
  buildDist();
  const url = pathToFileURL(join(root, 'dist', 'src', 'chaos', 'campaign.js')).href;
  campaign = (await import(url)) as typeof Campaign;
}, 180_000);

function projection(r: Campaign.CampaignResult) {
  return r.outcomes.map((o) => ({
    run: o.runIndex,
    traceHash: o.traceHash,
    verdicts: o.verdicts.map((v) => [v.invariant, v.valid]),
    shrunk: o.finding?.shrunkFaults ?? null,
    path: o.finding?.fcPath ?? null,
  }));
}

describe('chaos campaign', () => {
  it('same seed gives the same runs, verdicts and shrunk findings with 1 and 2 worker threads', async () => {
    const options = {
      ...campaign.CAMPAIGN_DEFAULTS,
      seed: 7,
      runs: 6,
      baseName: 'replication-crash',
      maxShrinkRuns: 40,
      determinismEvery: 3,
      batchSize: 2,
    };
    const one = await campaign.runCampaign({ ...options, workers: 1 });
    const two = await campaign.runCampaign({ ...options, workers: 2 });
    expect(one.workersUsed).toBe(1);
    expect(two.workersUsed).toBe(2);
    expect(projection(two)).toEqual(projection(one));
    // The weak base loses writes whenever redis-1 crashes: the comparison covers findings too.
    expect(one.outcomes.some((o) => o.finding !== null)).toBe(true);
    // Runs 0 and 3 were executed a second time in the main thread, with identical traces.
    expect(one.determinism).toMatchObject({ mode: 'other-thread', checked: 2, mismatches: [] });
  }, 120_000);

  it('a different campaign seed gives different worlds', async () => {
    // Every run in the determinism sample, so every outcome carries its trace hash.
    const options = { ...campaign.CAMPAIGN_DEFAULTS, runs: 2, workers: 0, determinismEvery: 1 };
    const a = await campaign.runCampaign({ ...options, seed: 1 });
    const b = await campaign.runCampaign({ ...options, seed: 2 });
    expect(a.outcomes.every((o) => o.traceHash !== null)).toBe(true);
    expect(a.outcomes.map((o) => o.traceHash)).not.toEqual(b.outcomes.map((o) => o.traceHash));
  }, 60_000);

  it('keeps the trace hash of sampled runs and findings only (the others are never encoded)', async () => {
    const r = await campaign.runCampaign({
      ...campaign.CAMPAIGN_DEFAULTS,
      seed: 7,
      runs: 4,
      workers: 0,
      baseName: 'replication-crash',
      maxShrinkRuns: 0,
      determinismEvery: 3,
    });
    for (const o of r.outcomes) {
      const kept = o.runIndex % 3 === 0 || o.finding !== null;
      expect(o.traceHash === null).toBe(!kept);
    }
    expect(r.outcomes.some((o) => o.traceHash === null)).toBe(true);
  }, 60_000);
});
