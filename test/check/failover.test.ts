import { describe, expect, it } from 'vitest';
import {
  checkBoundedFailover,
  checkFailoverAvailability,
  checkFailoverCount,
} from '../../src/check/bounded.js';
import { failoverBudget } from '../../src/check/budget.js';
import { largestClique, measureFailovers } from '../../src/check/failover.js';
import { HistoryBuilder } from './builder.js';

const BUDGET_MS = failoverBudget(5000).totalMs;

/** Master crash at 10 s; the failover (views switching) starts at `switchStartMs`. */
function crashAndFailover(switchStartMs: number, historyEndMs = 120_000): HistoryBuilder {
  const b = new HistoryBuilder().at(0).viewAll('redis-1');
  b.at(10_000).fault('apply', 'crash', ['redis-1']).process('redis-1', 'crashed');
  b.at(switchStartMs).failover('sentinel-1', 'redis-1', 'redis-2', 1);
  b.at(historyEndMs - 1)
    .fault('heal', 'crash', ['redis-1'])
    .process('redis-1', 'restarted');
  return b.at(historyEndMs).healed();
}

describe('failover budget (§15)', () => {
  it('is down-after plus about 6.8 s for down-after ≥ 1 s, and covers the spec’s worst observer switch', () => {
    expect(failoverBudget(5000).totalMs).toBe(11_800);
    expect(failoverBudget(30_000).totalMs).toBe(36_800);
    // §15: observers switch within 8.5 s (down-after 5000) and 33.5 s (default 30000) at worst.
    expect(failoverBudget(5000).totalMs).toBeGreaterThan(8500);
    expect(failoverBudget(30_000).totalMs).toBeGreaterThan(33_500);
    // PING period shrinks with down-after below 1 s (§4.3).
    expect(failoverBudget(500).terms['detectionJitterMs']).toBe(600);
  });
});

describe('measureFailovers', () => {
  it('reports fault → majority-switch time: the second Sentinel to switch makes the majority', () => {
    // failover() switches the leader's view at +1000 and the next observer at +1100.
    const m = measureFailovers(crashAndFailover(16_000).build());
    expect(m.count).toBe(1);
    expect(m.durationsMs).toEqual([7100]);
    expect(m.episodes[0]).toMatchObject({ oldMaster: 'redis-1', newMaster: 'redis-2', completedMs: 17_100 });
  });

  it('reports no duration when the master failure is never followed by a switch', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(10_000).fault('apply', 'pause', ['redis-1']);
    const m = measureFailovers(b.at(100_000).healed().build());
    expect(m.count).toBe(0);
    expect(m.durationsMs).toEqual([]);
    expect(m.episodes).toHaveLength(1);
  });

  it('attributes one switch to the earliest of two overlapping failures of the same master', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1');
    b.at(10_000).fault('apply', 'pause', ['redis-1']).at(11_000).fault('apply', 'crash', ['redis-1']);
    b.at(16_000).failover('sentinel-2', 'redis-1', 'redis-3', 1);
    const m = measureFailovers(b.build());
    expect(m.durationsMs).toEqual([7100]);
    expect(m.episodes[1]?.coveredBy).toBe(0);
  });

  it('counts a host crash of the master’s box as a master failure', () => {
    const b = new HistoryBuilder({ placement: { 'redis-1': 'box-a' } }).at(0).viewAll('redis-1');
    b.at(10_000)
      .fault('apply', 'crash', ['box-a'])
      .at(16_000)
      .failover('sentinel-1', 'redis-1', 'redis-2', 1);
    expect(measureFailovers(b.build()).durationsMs).toEqual([7100]);
  });
});

describe('bounded-failover', () => {
  it('holds when the failover completes within the budget, reporting the distribution', () => {
    const v = checkBoundedFailover(crashAndFailover(16_000).build());
    expect(v.valid).toBe(true);
    expect(v.evidence['durationsMs']).toEqual([7100]);
    expect(v.evidence['budgetMs']).toBe(BUDGET_MS);
  });

  it('breaks when the failover takes longer than the budget, naming the old master and the time', () => {
    const v = checkBoundedFailover(crashAndFailover(10_000 + BUDGET_MS).build());
    expect(v.valid).toBe(false);
    expect(v.evidence['late']).toEqual([
      { master: 'mymaster', oldMaster: 'redis-1', faultMs: 10_000, durationMs: BUDGET_MS + 1100 },
    ]);
  });

  it('breaks when a required failover never happens', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(10_000).fault('apply', 'crash', ['redis-1']);
    const v = checkBoundedFailover(b.at(100_000).healed().build());
    expect(v.valid).toBe(false);
    expect(v.detail).toContain('no failover followed');
  });

  it('does not require a failover when the fault is shorter than the budget', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(10_000).fault('apply', 'pause', ['redis-1']);
    b.at(12_000).fault('heal', 'pause', ['redis-1']).at(100_000).healed();
    const v = checkBoundedFailover(b.build());
    expect(v.valid).toBe(true);
    expect(v.detail).toContain('vacuous');
  });

  it('does not require a failover when only a minority of Sentinels lose the master (§7.6)', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1');
    b.at(10_000).fault(
      'apply',
      'partition',
      ['redis-1', 'sentinel-1'],
      [
        ['redis-1', 'sentinel-1'],
        ['sentinel-1', 'redis-1'],
      ],
    );
    const v = checkBoundedFailover(b.at(100_000).healed().build());
    expect(v.valid).toBe(true);
    const episodes = v.evidence['episodes'] as { required: unknown; cutSentinels: string[] }[];
    expect(episodes[0]?.required).toBe(false);
    expect(episodes[0]?.cutSentinels).toEqual(['sentinel-1']);
  });

  it('requires a failover when a partition cuts the master from a majority (pairs recorded)', () => {
    const blocks: [string, string][] = [
      'sentinel-1',
      'sentinel-2',
      'sentinel-3',
      'redis-2',
      'redis-3',
    ].flatMap((n) => [['redis-1', n] as [string, string], [n, 'redis-1'] as [string, string]]);
    const b = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(10_000)
      .fault('apply', 'partition', ['redis-1'], blocks);
    expect(checkBoundedFailover(b.at(100_000).healed().build()).valid).toBe(false);
  });

  it('is unknown for a partition around the master whose pairs are not recorded', () => {
    const b = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(10_000)
      .fault('apply', 'partition', ['redis-1', 'sentinel-1']);
    expect(checkBoundedFailover(b.at(100_000).healed().build()).valid).toBe('unknown');
  });

  it('does not require a failover when another fault (a Sentinel crash) overlaps the window', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(9000).fault('apply', 'crash', ['sentinel-3']);
    b.at(10_000).fault('apply', 'crash', ['redis-1']);
    expect(checkBoundedFailover(b.at(100_000).healed().build()).valid).toBe(true);
  });

  it('does not require a failover when the history ends before the budget', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(10_000).fault('apply', 'crash', ['redis-1']);
    expect(checkBoundedFailover(b.at(15_000).healed().build()).valid).toBe(true);
  });

  it('is unknown when a fault targets a name that is not in the topology', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(10_000).fault('apply', 'crash', ['redis-9']);
    expect(checkBoundedFailover(b.at(100_000).healed().build()).valid).toBe('unknown');
  });
});

describe('failover-count', () => {
  it('counts majority switches and the config epochs a majority adopted', () => {
    const b = crashAndFailover(16_000);
    b.at(130_000)
      .fault('apply', 'crash', ['redis-2'])
      .at(136_000)
      .failover('sentinel-3', 'redis-2', 'redis-3', 2);
    const v = checkFailoverCount(b.build());
    expect(v.valid).toBe(true);
    expect(v.evidence['count']).toBe(2);
    expect(v.evidence['configEpochsAdoptedByMajority']).toEqual({ mymaster: [1, 2] });
    expect(v.evidence['switchMasterByMajority']).toEqual([
      'mymaster 10.0.0.1:6379 -> 10.0.0.2:6379',
      'mymaster 10.0.0.2:6379 -> 10.0.0.3:6379',
    ]);
  });

  it('is zero without switches', () => {
    expect(checkFailoverCount(new HistoryBuilder().at(0).viewAll('redis-1').build()).evidence['count']).toBe(
      0,
    );
  });
});

describe('fault records as src/sim/nemesis.ts writes them (op = kind, detail = FaultOp JSON)', () => {
  function kernelFault(
    b: HistoryBuilder,
    phase: 'apply' | 'heal',
    op: Record<string, unknown>,
    targets: string[],
  ): void {
    b.push('nemesis', { kind: 'fault', phase, op: String(op['kind']), targets, detail: JSON.stringify(op) });
  }

  it('reads the partition pairs from detail: a partition isolating the master from all requires a failover', () => {
    const others = ['sentinel-1', 'sentinel-2', 'sentinel-3', 'redis-2', 'redis-3'];
    const op = {
      kind: 'partition',
      blocks: others.flatMap((n) => [
        ['redis-1', n],
        [n, 'redis-1'],
      ]),
    };
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(10_000);
    kernelFault(b, 'apply', op, ['redis-1', ...others]);
    b.at(16_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).at(60_000);
    kernelFault(b, 'heal', op, ['redis-1', ...others]);
    const v = checkBoundedFailover(b.at(60_000).healed().build());
    expect(v.valid).toBe(true);
    expect((v.evidence['episodes'] as { required: unknown }[])[0]?.required).toBe(true);
  });

  it('partition pairs act on hosts: cutting box-a (master + sentinel-1) from the rest loses the master for sentinel-2 and -3 only', () => {
    const placement = { 'redis-1': 'box-a', 'sentinel-1': 'box-a' };
    const op = {
      kind: 'partition',
      blocks: [
        ['redis-1', 'sentinel-2'],
        ['sentinel-3', 'redis-1'],
      ],
    };
    const b = new HistoryBuilder({ placement }).at(0).viewAll('redis-1').at(10_000);
    kernelFault(b, 'apply', op, ['redis-1', 'sentinel-2', 'sentinel-3']);
    const v = checkBoundedFailover(b.at(100_000).healed().build());
    const ep = (v.evidence['episodes'] as { cutSentinels: string[]; required: unknown }[])[0];
    expect(ep?.cutSentinels).toEqual(['sentinel-2', 'sentinel-3']);
    // Two of three Sentinels lost the master with quorum 2: a failover is required and none came.
    expect(ep?.required).toBe(true);
    expect(v.valid).toBe(false);
  });
});

describe('what counts as a master failure', () => {
  it('a partition cutting only a client from everything (master included) owes no failover, even judging the deployment', () => {
    const others = ['redis-1', 'redis-2', 'redis-3', 'sentinel-1', 'sentinel-2', 'sentinel-3'];
    const blocks = others.flatMap((n): [string, string][] => [
      ['client-1', n],
      [n, 'client-1'],
    ]);
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(10_000);
    b.fault('apply', 'partition', ['client-1', ...others], blocks);
    const h = b.at(100_000).healed().build();
    expect(measureFailovers(h).episodes).toHaveLength(0);
    expect(checkFailoverAvailability(h).valid).toBe(true);
    expect(checkBoundedFailover(h).valid).toBe(true);
  });

  it('a partition cutting the master from its replicas only is no master failure either', () => {
    const blocks: [string, string][] = [
      ['redis-1', 'redis-2'],
      ['redis-1', 'redis-3'],
    ];
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(10_000);
    b.fault('apply', 'partition', ['redis-1', 'redis-2', 'redis-3'], blocks);
    expect(measureFailovers(b.at(100_000).healed().build()).episodes).toHaveLength(0);
  });

  it('judging the deployment, the master isolated from all Sentinels still owes a failover', () => {
    const others = ['sentinel-1', 'sentinel-2', 'sentinel-3', 'redis-2', 'redis-3'];
    const blocks = others.flatMap((n): [string, string][] => [
      ['redis-1', n],
      [n, 'redis-1'],
    ]);
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(10_000);
    b.fault('apply', 'partition', ['redis-1', ...others], blocks);
    const v = checkFailoverAvailability(b.at(100_000).healed().build());
    expect(v.valid).toBe(false);
    expect(v.detail).toMatch(/redis-1 failed at 10000 ms and no failover followed/);
  });
});

describe('the electorate (Sentinels that lost the master and can still elect, §7.3)', () => {
  it('largestClique finds the largest pairwise-linked group', () => {
    const blocked = new Set(['s1|s3', 's3|s1']);
    const linked = (a: string, b: string): boolean => !blocked.has(`${a}|${b}`);
    expect(largestClique(['s1', 's2', 's3'], linked)).toEqual(['s1', 's2']);
    expect(largestClique([], linked)).toEqual([]);
  });

  it('does not require a failover when the Sentinels that lost the master cannot reach each other', () => {
    const blocks: [string, string][] = [
      ...['sentinel-2', 'sentinel-3'].flatMap((n): [string, string][] => [
        ['redis-1', n],
        [n, 'redis-1'],
      ]),
      ['sentinel-2', 'sentinel-3'],
    ];
    const b = new HistoryBuilder({ sentinels: 3 }).at(0).viewAll('redis-1').at(10_000);
    b.fault('apply', 'partition', ['redis-1', 'sentinel-2', 'sentinel-3'], blocks);
    const v = checkBoundedFailover(b.at(100_000).healed().build());
    const ep = (v.evidence['episodes'] as { electorate: string[]; required: unknown }[])[0];
    expect(ep?.electorate).toEqual(['sentinel-2']);
    expect(ep?.required).toBe(false);
    expect(v.valid).toBe(true);
  });
});

describe('bounded-failover under clock drift', () => {
  function drifted(ppm: number, switchAtMs: number): ReturnType<typeof checkBoundedFailover> {
    const b = new HistoryBuilder().at(0).viewAll('redis-1');
    const drift = { kind: 'clock-drift', target: 'sentinel-1', ppm };
    b.push('nemesis', {
      kind: 'fault',
      phase: 'apply',
      op: 'clock-drift',
      targets: ['sentinel-1'],
      detail: JSON.stringify(drift),
    });
    b.at(30_000)
      .fault('apply', 'crash', ['redis-1'])
      .at(switchAtMs)
      .failover('sentinel-2', 'redis-1', 'redis-2', 1);
    return checkBoundedFailover(b.at(100_000).healed().build());
  }

  it('a known drift stretches the budget by 1/(1 − |ppm|·1e-6) instead of dropping the episode', () => {
    const v = drifted(-50_000, 35_000);
    const ep = (v.evidence['episodes'] as { required: unknown; budgetMs: number }[])[0];
    expect(ep?.required).toBe(true);
    expect(ep?.budgetMs).toBe(Math.ceil(BUDGET_MS / 0.95));
    expect(v.valid).toBe(true);
  });

  it('a failover later than the stretched budget still breaks it', () => {
    expect(drifted(-50_000, 30_000 + Math.ceil(BUDGET_MS / 0.95)).valid).toBe(false);
  });

  it('an extreme drift makes the episode not judged', () => {
    const ep = (drifted(500_000, 35_000).evidence['episodes'] as { required: unknown }[])[0];
    expect(ep?.required).toBe(false);
  });
});
