// The real-tier scenario suite: real redis-server and the SUT's sentinels behind Toxiproxy, faults from
// the scenario's schedule, judged by the same checkers as the simulator. One describe per SUT
// (redis-sentinel, and the engine as `sentinel-lab sentinel` processes from dist/). A failing test
// prints the verdicts and the logs of every process involved. Runs take 10–26 s of wall time; ~105 s per SUT.
import { beforeAll, describe, expect, it } from 'vitest';
import { runRealOnce, type RealRunOnce } from '../../src/cli/run-real.js';
import { SUT_AVAILABLE, type Sut } from '../../src/real/harness/cluster.js';
import { ackedBefore, failoverTiming, finalRecord } from '../../src/real/harness/measure.js';
import { REAL_SCENARIOS } from '../../src/real/harness/scenarios.js';
import { WRITE_KEY } from '../../src/real/harness/workload.js';
import { ensureBuilt, requireBinaries, skipReal } from './support.js';

const SUTS: readonly Sut[] = ['redis-sentinel', 'engine'];

function scenario(name: string) {
  const s = REAL_SCENARIOS.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no real scenario ${name}`);
  return s;
}

/** Runs the scenario and applies `check`; on any failure prints the verdicts and the process logs. */
async function judged(name: string, sut: Sut, check: (run: RealRunOnce) => void): Promise<void> {
  requireBinaries(['redis-server', 'redis-sentinel', 'toxiproxy-server']);
  const run = await runRealOnce(scenario(name), sut, 1);
  try {
    check(run);
  } catch (error) {
    const verdicts = run.result.verdicts.map((v) => `${v.ok ? 'ok  ' : 'FAIL'} ${v.invariant}: ${v.detail}`);
    console.error(`${name} (${sut}) failed:\n${verdicts.join('\n')}\n${run.logs}`);
    throw error;
  }
}

function expectAllVerdictsMet(run: RealRunOnce): void {
  const missed = run.result.verdicts.filter((v) => !v.ok).map((v) => `${v.invariant}: ${v.detail}`);
  expect(missed).toEqual([]);
  expect(run.result.unsupported).toEqual([]);
}

/** Every sentinel names `master`; every redis node is up, and all but `master` replicate it. */
function expectConvergedOn(run: RealRunOnce, master: string): void {
  const final = finalRecord(run.history)!;
  for (const s of final.sentinels) expect([s.node, s.views['mymaster']]).toEqual([s.node, master]);
  for (const r of final.redis) {
    const expected = r.node === master ? ['master', null] : ['replica', master];
    expect([r.node, r.up, r.role, r.masterNode]).toEqual([r.node, true, ...expected]);
  }
}

/** Writes acknowledged ≥ 1 s before the fault (replicated by then on loopback) are on the final master. */
function expectEarlyAckedWritesKept(run: RealRunOnce, faultMs: number, master: string): void {
  const early = ackedBefore(run.history, faultMs - 1000);
  expect(early.length).toBeGreaterThan(0);
  const finalMaster = finalRecord(run.history)!.redis.find((r) => r.node === master);
  const members = new Set(finalMaster?.sets[WRITE_KEY]);
  expect(early.filter((v) => !members.has(v))).toEqual([]);
}

/** The failover of a master-failure scenario: one switch, away from redis-1, seen as +switch-master. */
function expectOneFailover(run: RealRunOnce): { newMaster: string; faultMs: number } {
  expect(run.result.failover.count).toBe(1);
  const timing = failoverTiming(run.history)!;
  expect(timing.newMaster).not.toBeNull();
  expect(timing.newMaster).not.toBe('redis-1');
  expect(timing.switchMajorityMs).not.toBeNull();
  // No sentinel may start a failover before down-after has passed (spec §6).
  expect(timing.switchMajorityMs!).toBeGreaterThanOrEqual(2000);
  return { newMaster: timing.newMaster!, faultMs: timing.faultMs };
}

function processStates(run: RealRunOnce, node: string): string[] {
  return run.history.flatMap((h) =>
    h.node === node && h.payload.kind === 'process' ? [h.payload.state] : [],
  );
}

describe.each(SUTS)('real tier, SUT %s', (sut) => {
  const test = skipReal || !SUT_AVAILABLE[sut] ? it.skip : it;
  beforeAll(() => {
    if (sut === 'engine' && !skipReal) ensureBuilt();
  }, 180_000);

  test('master crash: exactly one failover, sentinels agree, the old master rejoins as a replica, early acked writes survive', async () => {
    await judged('real-master-crash', sut, (r) => {
      expectAllVerdictsMet(r);
      const { newMaster, faultMs } = expectOneFailover(r);
      expect(processStates(r, 'redis-1')).toEqual(['crashed', 'restarted']);
      expectConvergedOn(r, newMaster);
      expectEarlyAckedWritesKept(r, faultMs, newMaster);
    });
  });

  test('master isolated by a silent partition: one failover, and after the heal the old master is a replica of the new one', async () => {
    await judged('real-master-isolated', sut, (r) => {
      expectAllVerdictsMet(r);
      const { newMaster, faultMs } = expectOneFailover(r);
      expectConvergedOn(r, newMaster);
      expectEarlyAckedWritesKept(r, faultMs, newMaster);
    });
  });

  test('sentinel crash and restart: no failover, every sentinel still names redis-1, no acked write lost', async () => {
    await judged('real-sentinel-crash', sut, (r) => {
      expectAllVerdictsMet(r);
      expect(r.result.failover.count).toBe(0);
      expect(processStates(r, 'sentinel-1')).toEqual(['crashed', 'restarted']);
      expectConvergedOn(r, 'redis-1');
      expect(r.result.writes.lost).toBe(0);
    });
  });

  test('flapping master paused below down-after: no failover, no +odown, no acked write lost', async () => {
    await judged('real-flapping-master', sut, (r) => {
      expectAllVerdictsMet(r);
      expect(r.result.failover.count).toBe(0);
      expect(processStates(r, 'redis-1')).toEqual(Array(4).fill(['paused', 'resumed']).flat());
      const odown = r.history.filter(
        (h) => h.payload.kind === 'sentinel-event' && h.payload.type === '+odown',
      );
      expect(odown).toEqual([]);
      expectConvergedOn(r, 'redis-1');
      expect(r.result.writes.lost).toBe(0);
    });
  });

  test('a client writing through the failover gets writes acknowledged by the new master after the switch', async () => {
    await judged('real-client-through-failover', sut, (r) => {
      expectAllVerdictsMet(r);
      const { newMaster, faultMs } = expectOneFailover(r);
      const timing = failoverTiming(r.history)!;
      expect(timing.firstWriteMs).not.toBeNull();
      expect(timing.firstWriteMs!).toBeGreaterThanOrEqual(2000);
      expectConvergedOn(r, newMaster);
      expectEarlyAckedWritesKept(r, faultMs, newMaster);
    });
  });
});
