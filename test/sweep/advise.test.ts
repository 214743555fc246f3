import { describe, expect, it } from 'vitest';
import { parseSentinelConf } from '../../src/engine/conf.js';
import { validateScenario } from '../../src/scenarios/validate.js';
import { measureMasterBox, masterBoxScenario, sentinelsOnMasterBox } from '../../src/sweep/advise-box.js';
import { adviseGrid, adviseScenario, deploymentOf, findings, parseHosts } from '../../src/sweep/advise.js';
import { SweepError } from '../../src/sweep/errors.js';
import { runSweep } from '../../src/sweep/sweep.js';
import { sentinelsSimulated } from '../../src/sweep/world.js';

function confs(n: number, lines: string): { name: string; conf: ReturnType<typeof parseSentinelConf> }[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `s${i + 1}.conf`,
    conf: parseSentinelConf(`sentinel monitor mymaster 10.0.0.1 6379 ${lines}`),
  }));
}

function kinds(n: number, lines: string, hosts = new Map<string, string>(), minReplicas = 1): string[] {
  const c = confs(n, lines);
  return findings(deploymentOf(c, hosts, minReplicas), c).map((f) => f.kind);
}

describe('advise checklist', () => {
  it('3 Sentinels, quorum 2, defaults, min-replicas 1, own boxes: no findings', () => {
    expect(kinds(3, '2\n')).toEqual([]);
  });

  it('flags few, even, quorum above the count and below a majority', () => {
    expect(kinds(2, '2\n')).toContain('too-few-sentinels');
    expect(kinds(4, '3\n')).toEqual(['even-sentinels']);
    expect(kinds(3, '4\n')).toEqual(['quorum-above-sentinels']);
    expect(kinds(5, '2\n')).toEqual(['quorum-below-majority']);
  });

  it('flags parallel-syncs 0, long timeouts, no min-replicas, a Sentinel on the master box', () => {
    expect(kinds(3, '2\nsentinel parallel-syncs mymaster 0\n')).toEqual(['parallel-syncs-zero']);
    expect(kinds(3, '2\nsentinel down-after-milliseconds mymaster 120000\n')).toEqual(['long-down-after']);
    expect(kinds(3, '2\nsentinel failover-timeout mymaster 900000\n')).toEqual(['long-failover-timeout']);
    expect(kinds(3, '2\n', new Map(), 0)).toEqual(['no-min-replicas']);
    const hosts = parseHosts('sentinel-2 a # same box\nredis-1 a\n', 'hosts');
    expect(kinds(3, '2\n', hosts)).toEqual(['sentinel-on-master-box']);
  });

  it('a malformed hosts line names the file and line', () => {
    expect(() => parseHosts('redis-1 a\nsentinel-1\n', 'h.txt')).toThrow(SweepError);
    expect(() => parseHosts('redis-1 a\nsentinel-1\n', 'h.txt')).toThrow(/^h\.txt:2: /);
  });

  it('the grid holds the deployment and each fix on its axis; the cut drops missing Sentinels', () => {
    const c = confs(2, '2\n');
    const d = deploymentOf(c, new Map(), 0);
    const grid = adviseGrid(d, findings(d, c), 5, 0);
    expect(grid.sentinels).toEqual([2, 3]);
    expect(grid.minReplicasToWrite).toEqual([0, 1]);
    expect(grid.latencyMs).toEqual([5]);
    expect(adviseScenario(d).topology.sentinels).toBe(2);
  });

  it.runIf(sentinelsSimulated())(
    'with Sentinels: under a minority partition min-replicas-to-write 1 loses a smaller share of acked writes',
    async () => {
      const c = confs(3, '2\nsentinel down-after-milliseconds mymaster 5000\n');
      const d = deploymentOf(c, new Map(), 0);
      const grid = adviseGrid(d, findings(d, c), 1, 0);
      const r = await runSweep(
        { scenario: adviseScenario(d), grid, runsPerCell: 3, seed: 1 },
        { workers: 0 },
      );
      const [own, fixed] = r.cells;
      expect(fixed!.params.minReplicasToWrite).toBe(1);
      expect(own!.metrics.ackedWriteLossProbability).toBeGreaterThan(0);
      expect(fixed!.metrics.lostWriteFractionMean!).toBeLessThan(own!.metrics.lostWriteFractionMean!);
    },
  );
});

describe('advise: a Sentinel on the master box, measured (box crash)', () => {
  const three = confs(3, '2\nsentinel down-after-milliseconds mymaster 5000\n');
  const onBox = (...sentinels: string[]): Map<string, string> =>
    new Map([['redis-1', 'a'], ...sentinels.map((s) => [s, 'a'] as [string, string])]);

  it('the box-crash world crashes the master box, with the co-located Sentinels on it or not', () => {
    const d = deploymentOf(three, onBox('sentinel-2', 'sentinel-7'), 1);
    expect(sentinelsOnMasterBox(d)).toEqual(['sentinel-2']); // sentinel-7 is not in a 3-Sentinel deployment
    const together = masterBoxScenario(d, true);
    const apart = masterBoxScenario(d, false);
    expect(together.topology.placement).toEqual({ 'redis-1': 'box-a', 'sentinel-2': 'box-a' });
    expect(apart.topology.placement).toEqual({ 'redis-1': 'box-a' });
    for (const s of [together, apart]) {
      expect(s.faults).toEqual([
        { atMs: 10_000, durationMs: null, op: { kind: 'crash', target: 'box-a', mode: 'host' } },
      ]);
      expect(() => validateScenario(s)).not.toThrow();
    }
  });

  it('no Sentinel on the master box: nothing to measure', async () => {
    const d = deploymentOf(
      three,
      new Map([
        ['redis-1', 'a'],
        ['sentinel-1', 'b'],
      ]),
      1,
    );
    const grid = adviseGrid(d, findings(d, three), 1, 0);
    expect(await measureMasterBox(d, grid, 1, 1, { workers: 0 })).toBeNull();
  });

  it.runIf(sentinelsSimulated())(
    'two of three on the box: the survivor alone cannot fail over (§6 quorum 2); on their own boxes every run does',
    async () => {
      const d = deploymentOf(three, onBox('sentinel-1', 'sentinel-2'), 1);
      const grid = adviseGrid(d, findings(d, three), 1, 0);
      const m = (await measureMasterBox(d, grid, 2, 1, { workers: 0 }))!;
      expect(m.moved).toEqual(['sentinel-1', 'sentinel-2']);
      expect(m.asDeployed.metrics.failoverCompletedProbability).toBe(0);
      expect(m.ownBoxes.metrics.failoverCompletedProbability).toBe(1);
      // 0 of 2 against 2 of 2 runs: Fisher p = 1/3, so not yet significantly better.
      expect(m.comparison).toMatchObject({ kind: 'not-significant' });
      expect(m.improvements).toBeNull();
      const texts = m.comparison.kind === 'not-better' ? [] : m.comparison.improvements.map((i) => i.text);
      expect(texts).toContain('no failover 100.0% → 0.0% (p=0.33)');
    },
    60_000,
  );

  it.runIf(sentinelsSimulated())(
    'two of three on the box, 5 runs each: own boxes are significantly better (0 of 5 against 5 of 5: p = 1/126)',
    async () => {
      const d = deploymentOf(three, onBox('sentinel-1', 'sentinel-2'), 1);
      const grid = adviseGrid(d, findings(d, three), 1, 0);
      const m = (await measureMasterBox(d, grid, 5, 1, { workers: 0 }))!;
      expect(m.comparison.kind).toBe('better');
      expect(m.improvements).toContain('no failover 100.0% → 0.0% (p=0.008)');
    },
    60_000,
  );

  it.runIf(sentinelsSimulated())(
    'one of three on the box: the two survivors are a quorum and a majority, so it fails over either way',
    async () => {
      const d = deploymentOf(three, onBox('sentinel-3'), 1);
      const grid = adviseGrid(d, findings(d, three), 1, 0);
      const m = (await measureMasterBox(d, grid, 2, 1, { workers: 0 }))!;
      expect(m.asDeployed.metrics.failoverCompletedProbability).toBe(1);
      expect(m.ownBoxes.metrics.failoverCompletedProbability).toBe(1);
    },
    60_000,
  );
});
