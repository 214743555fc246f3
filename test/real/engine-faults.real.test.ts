// Faults only the engine SUT can take in the real tier: a one-way partition of ONE sentinel from the
// master (its own proxy `sentinel-1->redis-1`, engine-links.ts) and a clock jump through the injected
// clock (`SENTINEL-LAB CLOCK`, lab-control.ts). Real processes: redis-server ×3, `sentinel-lab sentinel`
// ×3 from dist/, Toxiproxy. ~20 s.
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRealScenario, type RealRun } from '../../src/real/harness/run.js';
import { REAL_SCENARIOS } from '../../src/real/harness/scenarios.js';
import { oneWay } from '../../src/scenarios/partitions.js';
import type { Scenario, TimedFault } from '../../src/scenarios/types.js';
import { ensureBuilt, requireBinaries, skipReal } from './support.js';

function scenario(name: string, faults: TimedFault[], durationMs: number): Scenario {
  const base = REAL_SCENARIOS.find((s) => s.name === 'real-sentinel-crash')!;
  return {
    ...base,
    name,
    sentinel: { ...base.sentinel, downAfterMs: 1000 },
    faults,
    faultPhaseEndMs: durationMs - 1000,
    durationMs,
    expect: {},
  };
}

/** Sentinel events of `type` as [node, message], in history order. */
function events(run: RealRun, type: string): [string, string][] {
  return run.history.flatMap((h) =>
    h.payload.kind === 'sentinel-event' && h.payload.type === type
      ? [[h.node, h.payload.message] as [string, string]]
      : [],
  );
}

async function judged(s: Scenario, check: (run: RealRun) => void): Promise<void> {
  requireBinaries(['redis-server', 'toxiproxy-server']);
  const run = await runRealScenario(s, { sut: 'engine', seed: 1 });
  try {
    check(run);
  } catch (e) {
    console.error(`${s.name} failed:\n${run.logs}`);
    throw e;
  }
}

describe.skipIf(skipReal)('engine SUT: per-link and clock faults on real processes', () => {
  beforeAll(() => {
    ensureBuilt();
  }, 180_000);

  it("a one-way partition of redis-1's replies to sentinel-1 makes only sentinel-1 see +sdown, with no +odown or failover", async () => {
    const s = scenario(
      'engine-one-way-sentinel',
      [
        {
          atMs: 1500,
          durationMs: 4000,
          op: { kind: 'partition', blocks: oneWay(['redis-1'], ['sentinel-1']), mode: 'blackhole' },
        },
      ],
      9000,
    );
    await judged(s, (run) => {
      expect(run.unsupported).toEqual([]);
      const sdownMaster = events(run, '+sdown').filter(([, m]) => m.startsWith('master mymaster'));
      expect(sdownMaster.map(([n]) => n)).toEqual(['sentinel-1']);
      expect(
        events(run, '-sdown')
          .filter(([, m]) => m.startsWith('master mymaster'))
          .map(([n]) => n),
      ).toEqual(['sentinel-1']);
      expect(events(run, '+odown')).toEqual([]);
      expect(events(run, '+switch-master')).toEqual([]);
    });
  }, 60_000);

  it('a 3 s forward clock jump on sentinel-1 puts it (and only it) into TILT (spec §12)', async () => {
    const s = scenario(
      'engine-clock-jump',
      [{ atMs: 2000, durationMs: null, op: { kind: 'clock-jump', target: 'sentinel-1', deltaMs: 3000 } }],
      6000,
    );
    await judged(s, (run) => {
      expect(run.unsupported).toEqual([]);
      const tilts = events(run, '+tilt');
      expect(tilts.map(([n]) => n)).toEqual(['sentinel-1']);
      const applied = run.history.find((h) => h.payload.kind === 'fault' && h.payload.phase === 'apply')!;
      const tilt = run.history.find(
        (h) => h.payload.kind === 'sentinel-event' && h.payload.type === '+tilt',
      )!;
      expect(tilt.trueMs).toBeGreaterThanOrEqual(applied.trueMs);
      expect(events(run, '+switch-master')).toEqual([]);
    });
  }, 60_000);

  it('a clock fault on a redis node is reported unsupported, not applied', async () => {
    const s = scenario(
      'engine-clock-redis',
      [{ atMs: 500, durationMs: 1000, op: { kind: 'clock-drift', target: 'redis-2', ppm: 1000 } }],
      2500,
    );
    const run = await runRealScenario(s, { sut: 'engine', seed: seedrandom('x').int32() });
    expect(run.unsupported.map((u) => u.reason)).toEqual([
      expect.stringMatching(/^clock-drift redis-2: .*libfaketime/),
    ]);
    expect(run.history.some((h) => h.payload.kind === 'fault')).toBe(false);
  }, 60_000);
});
