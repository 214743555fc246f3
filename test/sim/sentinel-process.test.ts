// The engine running as simulated Sentinel processes (src/sim/sentinel-process.ts) in the full world.
import { describe, expect, it } from 'vitest';
import { measureFailovers } from '../../src/check/failover.js';
import { checkHistory } from '../../src/check/index.js';
import { parseSentinelConf } from '../../src/engine/conf.js';
import { masterCrash } from '../../src/scenarios/catalog/master-crash.js';
import { createKernelPort } from '../../src/sim/kernel-port.js';
import { simulate } from '../../src/sim/run.js';
import { engineSentinelFactory, initialSentinelConf } from '../../src/sim/sentinel-process.js';

const world = { sentinelFactory: engineSentinelFactory };

describe('master-crash with the engine as Sentinel', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: exactly one failover, and every verdict meets the scenario's expectation`, () => {
      const run = simulate(masterCrash, seed, createKernelPort, world);
      const failovers = measureFailovers(run.history);
      expect(failovers.count).toBe(1);
      // Observers switch within down-after + a few seconds of the crash (spec §15: ≈ 4.5–8.5 s).
      expect(failovers.durationsMs[0]).toBeGreaterThan(4000);
      expect(failovers.durationsMs[0]).toBeLessThan(10_000);
      for (const v of checkHistory(run.history, masterCrash.expect)) {
        expect(v.ok, `${v.invariant}: ${v.detail}`).toBe(true);
      }
      const final = run.history.at(-1)!.payload;
      if (final.kind !== 'final') throw new Error('no final record');
      const views = final.sentinels.map((s) => s.views['mymaster']);
      expect(new Set(views).size).toBe(1);
      const old = final.redis.find((r) => r.node === 'redis-1')!;
      expect([old.role, old.masterNode]).toEqual(['replica', views[0]]);
      const switches = run.history.filter(
        (r) => r.payload.kind === 'sentinel-event' && r.payload.type === '+switch-master',
      );
      expect(switches).toHaveLength(3); // one per Sentinel, leader included
    });
  }

  it('the same seed gives the same trace', () => {
    const a = simulate(masterCrash, 7, createKernelPort, world);
    const b = simulate(masterCrash, 7, createKernelPort, world);
    expect(a.traceHash).toBe(b.traceHash);
  });

  it('the initial sentinel.conf carries the scenario settings and parses', () => {
    const text = initialSentinelConf({
      node: { name: 'sentinel-1', kind: 'sentinel', host: 'sentinel-1', ip: '10.0.0.4', port: 26379 },
      scenario: masterCrash,
      initialMaster: { host: '10.0.0.1', port: 6379 },
      layout: { nodes: [], hosts: [] } as never,
      nodeAt: () => null,
    });
    const conf = parseSentinelConf(text);
    expect(conf.masters[0]).toMatchObject({
      name: 'mymaster',
      host: '10.0.0.1',
      quorum: 2,
      downAfterMs: 5000,
      failoverTimeoutMs: 10_000,
      parallelSyncs: 1,
    });
  });
});

describe('catalogue scenarios with the engine', () => {
  it('sentinel-crash-during-failover: a Sentinel restarted from its durable sentinel.conf rejoins and safety holds', async () => {
    const { moreScenarios } = await import('../../src/scenarios/catalog/more.js');
    const sc = moreScenarios.find((s) => s.name === 'sentinel-crash-during-failover')!;
    const run = simulate(sc, 1, createKernelPort, world);
    for (const v of checkHistory(run.history, sc.expect))
      expect(v.ok, `${v.invariant}: ${v.detail}`).toBe(true);
    const restarted = run.history.some(
      (r) => r.node === 'sentinel-1' && r.payload.kind === 'process' && r.payload.state === 'restarted',
    );
    expect(restarted).toBe(true);
  });
});
