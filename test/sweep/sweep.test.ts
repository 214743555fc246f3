// In-process sweeps (workers: 0). Structure and determinism hold with or without Sentinels; the
// assertions on failover metrics run only once the Sentinel adapter is wired into src/sweep/world.ts.
import { describe, expect, it } from 'vitest';
import { SWEEP_MASTER_CRASH } from '../../src/sweep/base.js';
import { SweepError } from '../../src/sweep/errors.js';
import { cellsOf, gridOf, type Grid } from '../../src/sweep/grid.js';
import { runJob } from '../../src/sweep/run-one.js';
import { mergeResults, reaggregate } from '../../src/sweep/merge.js';
import { renderHtml } from '../../src/report/html.js';
import { answerText, verdictLine } from '../../src/sweep/answer.js';
import { sweepReportInput } from '../../src/sweep/report.js';
import { assemble, runSweep, withoutTiming, type SweepSpec } from '../../src/sweep/sweep.js';
import { scenarioParams } from '../../src/sweep/apply.js';
import { sentinelsSimulated } from '../../src/sweep/world.js';

function gridWith(overrides: Partial<Record<keyof Grid, number[]>>): Grid {
  return { ...gridOf(scenarioParams(SWEEP_MASTER_CRASH, 2)), ...overrides };
}

const SPEC: SweepSpec = {
  scenario: SWEEP_MASTER_CRASH,
  grid: gridWith({ quorum: [2, 4] }),
  runsPerCell: 3,
  seed: 5,
};

describe('sweep (in process)', () => {
  it('the same sweep gives the same result twice; another seed gives other runs', async () => {
    const a = await runSweep(SPEC, { workers: 0 });
    const b = await runSweep(SPEC, { workers: 0 });
    const c = await runSweep({ ...SPEC, seed: 6 }, { workers: 0 });
    expect(withoutTiming(b)).toEqual(withoutTiming(a));
    expect(a.cells.map((x) => x.runs)).toEqual([3, 3]);
    expect(a.outcomes.map((o) => [o.cell, o.run])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(c.outcomes.map((o) => o.traceHash)).not.toEqual(a.outcomes.map((o) => o.traceHash));
  });

  it('a sweep.json from before cells kept counts (no counts, no candidate) loads with both recomputed', async () => {
    const fresh = await runSweep(SPEC, { workers: 0 });
    const { candidate: _c, ...oldAnswer } = fresh.answer!;
    const old = JSON.parse(
      JSON.stringify({
        ...fresh,
        cells: fresh.cells.map(({ counts: _n, ...cell }) => cell),
        answer: { ...oldAnswer, better: null },
      }),
    ) as typeof fresh;
    expect(old.cells[0]).not.toHaveProperty('counts');
    const loaded = reaggregate(old, 'old.json');
    expect(loaded.cells[0]!.counts.failoverCompleted.of).toBe(3);
    expect(withoutTiming(loaded)).toEqual(withoutTiming(JSON.parse(JSON.stringify(fresh)) as typeof fresh));
  });

  it("the sweep report's Sweep section shows the answer as printed, verdict line included", async () => {
    const r = await runSweep(SPEC, { workers: 0 });
    const input = sweepReportInput(r, 'sweep-test');
    expect(input.sweep?.answer).toEqual(answerText(r.answer!, r.sentinelsSimulated));
    const html = renderHtml(input);
    expect(html).toContain('<pre class="sweep-answer">');
    expect(html).toContain(verdictLine(r.answer!).trim());
  });

  it('merging shards 0/2 and 1/2 equals the single sweep; completion order does not matter', async () => {
    const whole = await runSweep(SPEC, { workers: 0 });
    const s0 = await runSweep(SPEC, { workers: 0, shard: { index: 0, count: 2 } });
    const s1 = await runSweep(SPEC, { workers: 0, shard: { index: 1, count: 2 } });
    expect(s0.cells).toEqual([]);
    expect(s0.outcomes.length + s1.outcomes.length).toBe(whole.outcomes.length);
    const merged = mergeResults([
      { name: 'b', result: s1 },
      { name: 'a', result: s0 },
    ]);
    expect(withoutTiming(merged)).toEqual(withoutTiming(whole));
    const shuffled = [...whole.outcomes].reverse();
    expect(withoutTiming(assemble(SPEC, null, shuffled, { wallMs: 0, workers: 0 }))).toEqual(
      withoutTiming(whole),
    );
  });

  it('merge refuses a missing shard and a shard of another sweep, naming the file', async () => {
    const s0 = await runSweep(SPEC, { workers: 0, shard: { index: 0, count: 2 } });
    const other = await runSweep({ ...SPEC, seed: 9 }, { workers: 0, shard: { index: 1, count: 2 } });
    expect(() => mergeResults([{ name: 's0.json', result: s0 }])).toThrow(/a shard is missing/);
    expect(() =>
      mergeResults([
        { name: 's0.json', result: s0 },
        { name: 'x.json', result: other },
      ]),
    ).toThrow(/^x\.json: a different sweep/);
    expect(() =>
      mergeResults([
        { name: 's0.json', result: s0 },
        { name: 'again.json', result: s0 },
      ]),
    ).toThrow(/also in s0\.json/);
  });

  it('quorum above the Sentinel count is kept as a cell; quorum 0 is refused naming --quorum', async () => {
    const r = await runSweep({ ...SPEC, runsPerCell: 1 }, { workers: 0 });
    expect(r.cells[1]!.params.quorum).toBe(4);
    const bad = { ...SPEC, grid: gridWith({ quorum: [0] }) };
    await expect(runSweep(bad, { workers: 0 })).rejects.toThrow(SweepError);
    await expect(runSweep(bad, { workers: 0 })).rejects.toThrow(/^--quorum/);
  });

  it.runIf(sentinelsSimulated())(
    'with Sentinels: quorum 2 of 3 fails the crashed master over; quorum 4 of 3 never does',
    async () => {
      const r = await runSweep(
        { ...SPEC, runsPerCell: 5, grid: gridWith({ quorum: [2, 4], faultRatePerMin: [0] }) },
        { workers: 0 },
      );
      expect(r.sentinelsSimulated).toBe(true);
      expect(r.cells[0]!.metrics.failoverCompletedProbability).toBe(1);
      expect(r.cells[0]!.metrics.failoverP50Ms).toBeGreaterThan(SWEEP_MASTER_CRASH.sentinel.downAfterMs);
      expect(r.cells[1]!.metrics.failoverCompletedProbability).toBe(0);
    },
  );

  it('a world without a Sentinel implementation drops the Sentinels: no failover is measured', () => {
    const params = cellsOf(SPEC.grid)[0]!;
    const o = runJob(SWEEP_MASTER_CRASH, { cell: 0, run: 0, seed: 3, params }, {});
    expect(o.failovers).toBe(0);
    expect(o.durationsMs).toEqual([]);
  });
});
