// Shrinking: a failing random schedule is shrunk by fast-check to a smaller schedule that still fails.
// The weak replication base (crashes, no persistence) loses acknowledged writes when redis-1 crashes.
import { describe, expect, it } from 'vitest';
import { WEAK_REPLICATION_BASE, withFaults } from '../../src/chaos/base.js';
import { describeSchedule } from '../../src/chaos/describe.js';
import { judge } from '../../src/chaos/judge.js';
import { runOne } from '../../src/chaos/run-one.js';
import { worldSeed } from '../../src/chaos/seeds.js';

const spec = { campaignSeed: 7, runIndex: 0, base: WEAK_REPLICATION_BASE, keepTrace: false };

describe('shrinking', () => {
  it('shrinks a failing multi-fault schedule to a shorter one that still breaks acked-write-loss', () => {
    // Campaign seed 7, run 0 draws three faults, one of them a crash of redis-1.
    const f = runOne({ ...spec, maxShrinkRuns: 100 }).finding;
    expect(f).not.toBeNull();
    expect(f!.originalFaults.length).toBeGreaterThan(1);
    expect(f!.shrunkFaults.length).toBeLessThan(f!.originalFaults.length);
    expect(f!.shrinkRuns).toBeGreaterThan(0);
    // Independently re-judged: the shrunk schedule still fails, with the recorded trace hash.
    const again = judge(withFaults(WEAK_REPLICATION_BASE, f!.shrunkFaults), worldSeed(7, 0));
    expect(again.failed).toBe(true);
    expect(again.traceHash).toBe(f!.traceHash);
    expect(again.verdicts.find((v) => v.invariant === 'acked-write-loss')?.valid).toBe(false);
    expect(describeSchedule(f!.shrunkFaults)[0]).toMatch(/^t=\d+\.\ds\s+\+\S+\s+crash redis-1/);
  }, 60_000);

  it('a shrink budget of 0 keeps the original failing schedule and says it was capped', () => {
    const out = runOne({ ...spec, maxShrinkRuns: 0 });
    expect(out.finding?.shrinkCapped).toBe(true);
    expect(out.finding?.shrunkFaults).toEqual(out.faults);
  }, 60_000);
});
