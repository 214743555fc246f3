// Must-break targets: the catalogue's known weaknesses, searched for with random schedules.
import { describe, expect, it } from 'vitest';
import { mustBreakBase, mustBreakTargets, searchViolation } from '../../src/chaos/must-break.js';
import { getScenario } from '../../src/scenarios/catalog/index.js';

describe('must-break search', () => {
  it("lists exactly the catalogue's 'break' expectations", () => {
    const targets = mustBreakTargets();
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(getScenario(t.scenario).expect[t.invariant]).toBe('break');
    expect(targets).toContainEqual({ scenario: 'jepsen-2013-partition', invariant: 'acked-write-loss' });
  });

  it('drops the scripted schedule and judges only the target invariant', () => {
    const base = mustBreakBase(getScenario('misconfig-huge-down-after'), 'acked-write-loss');
    expect(base.scenario.faults).toEqual([]);
    expect(base.scenario.expect).toEqual({ 'acked-write-loss': 'hold' });
    expect(base.violation).toBe('acked-write-loss');
  });

  it('finds the huge-down-after write loss from random schedules and shrinks it to one crash of the master', () => {
    const base = mustBreakBase(getScenario('misconfig-huge-down-after'), 'acked-write-loss');
    const r = searchViolation(base, 1, { maxRuns: 20, budgetMs: 120_000, maxShrinkRuns: 200 });
    if (r.kind !== 'found') throw new Error(`not found in ${r.runs} runs`);
    expect(r.shrunkFaults).toHaveLength(1);
    expect(r.shrunkFaults[0]!.op).toMatchObject({ kind: 'crash', target: 'redis-1' });
    expect(r.shrunkFaults.length).toBeLessThanOrEqual(r.originalFaults.length);
  }, 120_000);

  it('reports not-found when the run limit is spent', () => {
    // Without faults nothing breaks; a zero-run limit must say so rather than claim a finding.
    const base = mustBreakBase(getScenario('misconfig-huge-down-after'), 'acked-write-loss');
    expect(searchViolation(base, 1, { maxRuns: 0, budgetMs: 1000, maxShrinkRuns: 0 })).toMatchObject({
      kind: 'not-found',
      runs: 0,
    });
  });
});
