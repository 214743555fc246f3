// The Jepsen 2013 failure found and shrunk from scratch: nothing is scripted in the jepsen-5 base,
// fast-check draws partitions (pair cuts and splits of the five boxes) and shrinks what it drew.
import { describe, expect, it } from 'vitest';
import { JEPSEN_BASE, withFaults } from '../../src/chaos/base.js';
import { bisectionSides } from '../../src/chaos/describe.js';
import { judge } from '../../src/chaos/judge.js';
import { runOne } from '../../src/chaos/run-one.js';
import { worldSeed } from '../../src/chaos/seeds.js';

describe('jepsen-5 base', () => {
  it('campaign seed 1 finds lost acknowledged writes and shrinks them to one split cutting the master box from a Sentinel majority', () => {
    const runIndex = 1; // runs 0 and 1 of seed 1: run 0 passes, run 1 is the first finding.
    const spec = { campaignSeed: 1, base: JEPSEN_BASE, keepTrace: false, maxShrinkRuns: 1000 };
    expect(runOne({ ...spec, runIndex: 0 }).finding).toBeNull();
    const f = runOne({ ...spec, runIndex }).finding;
    expect(f).not.toBeNull();
    expect(f!.shrinkCapped).toBe(false);
    expect(f!.originalFaults.length).toBeGreaterThan(1);
    expect(f!.shrunkFaults).toHaveLength(1);
    const [fault] = f!.shrunkFaults;
    if (fault?.op.kind !== 'partition') throw new Error(`shrunk to ${JSON.stringify(fault)}`);
    const sides = bisectionSides(fault.op.blocks);
    expect(sides).not.toBeNull();
    // The master's side (n1: redis-1 with client-1) is a minority of Sentinels (quorum is 3 of 5).
    const masterSide = sides!.find((s) => s.includes('redis-1'))!;
    expect(masterSide).toContain('client-1');
    expect(masterSide.filter((n) => n.startsWith('sentinel-')).length).toBeLessThan(3);
    // Re-judged independently: the shrunk schedule loses acknowledged writes.
    const again = judge(withFaults(JEPSEN_BASE, f!.shrunkFaults), worldSeed(1, runIndex));
    expect(again.verdicts.find((v) => v.invariant === 'acked-write-loss')?.valid).toBe(false);
    expect(again.traceHash).toBe(f!.traceHash);
  }, 120_000);
});
