import { describe, expect, it } from 'vitest';
import { parseSentinelConf } from '../../src/engine/conf.js';
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
