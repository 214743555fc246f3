import { describe, expect, it } from 'vitest';
import { checkNoLastingSplitBrain, checkSplitBrainWindow } from '../../src/check/split-brain.js';
import { HistoryBuilder } from './builder.js';

function healedAt(ms: number): HistoryBuilder {
  return new HistoryBuilder().at(0).viewAll('redis-1').at(ms).healed();
}

describe('no-lasting-split-brain (§16)', () => {
  it('holds when the final state has one master, replicas on it and every Sentinel naming it', () => {
    const v = checkNoLastingSplitBrain(healedAt(60_000).at(90_000).finalConverged('redis-2', []).build());
    expect(v.valid).toBe(true);
    expect(v.evidence['settleMs']).toBe(30_000);
  });

  it('prints the settle time in whole ms (real-tier times are fractional)', () => {
    const v = checkNoLastingSplitBrain(
      healedAt(60_000.1)
        .at(60_000.1 + 60_095.1)
        .finalConverged('redis-2', [])
        .build(),
    );
    expect(v.detail).toBe('one master (redis-2) 60095 ms after heal');
  });

  it('breaks with two up masters, naming the extra one', () => {
    const b = healedAt(60_000)
      .at(90_000)
      .finalConverged('redis-2', [], { 'redis-1': { role: 'master' } });
    const v = checkNoLastingSplitBrain(b.build());
    expect(v.valid).toBe(false);
    expect(v.detail).toContain('redis-1 is a master nobody points at');
    expect(v.evidence['masters']).toEqual(['redis-1', 'redis-2']);
  });

  it('breaks when one Sentinel still names the old master', () => {
    const b = healedAt(60_000)
      .at(90_000)
      .finalConverged('redis-2', [], { 'sentinel-3': { views: 'redis-1' } });
    const v = checkNoLastingSplitBrain(b.build());
    expect(v.valid).toBe(false);
    expect(v.detail).toContain('sentinels disagree');
  });

  it('breaks when an up replica replicates a node other than the master', () => {
    const b = healedAt(60_000)
      .at(90_000)
      .finalConverged('redis-2', [], { 'redis-3': { masterNode: 'redis-1' } });
    expect(checkNoLastingSplitBrain(b.build()).valid).toBe(false);
  });

  it('ignores down nodes (a crashed old master and a crashed Sentinel with a stale view)', () => {
    const b = healedAt(60_000)
      .at(90_000)
      .finalConverged('redis-2', [], {
        'redis-1': { up: false, role: 'master' },
        'sentinel-1': { up: false, views: 'redis-1' },
      });
    expect(checkNoLastingSplitBrain(b.build()).valid).toBe(true);
  });

  it('breaks when the agreed master is down', () => {
    const b = healedAt(60_000)
      .at(90_000)
      .finalConverged('redis-2', [], { 'redis-2': { up: false } });
    expect(checkNoLastingSplitBrain(b.build()).valid).toBe(false);
  });

  it('is unknown when an up node reports no role and nothing else is wrong', () => {
    const b = healedAt(60_000)
      .at(90_000)
      .finalConverged('redis-2', [], { 'redis-3': { role: null } });
    expect(checkNoLastingSplitBrain(b.build()).valid).toBe('unknown');
  });

  it('is unknown without a final or a healed record', () => {
    expect(checkNoLastingSplitBrain(healedAt(60_000).build()).valid).toBe('unknown');
    const noHeal = new HistoryBuilder().at(90_000).finalConverged('redis-1', []).build();
    expect(checkNoLastingSplitBrain(noHeal).valid).toBe('unknown');
  });
});

describe('split-brain-window (measure)', () => {
  it('is zero for a clean handover: the old master stops acking before the new one starts', () => {
    const b = new HistoryBuilder({ clients: 2 }).at(0);
    for (let i = 0; i < 5; i += 1) b.at(i * 1000).write('client-1', i, i, 'redis-1', 'ok', i * 1000 + 10);
    b.at(5000).process('redis-1', 'crashed').at(12_000).role('redis-2', 'master');
    for (let i = 5; i < 10; i += 1)
      b.at(8000 + i * 1000).write('client-1', i, i, 'redis-2', 'ok', 8000 + i * 1000 + 10);
    const v = checkSplitBrainWindow(b.build());
    expect(v.valid).toBe(true);
    expect(v.evidence['totalMs']).toBe(0);
  });

  it('measures the overlap when an isolated old master keeps acking while the new one does', () => {
    const b = new HistoryBuilder({ clients: 2 }).at(0);
    let id = 0;
    for (let t = 0; t <= 30_000; t += 1000) b.at(t).write('client-1', id++, id, 'redis-1', 'ok', t + 5);
    b.at(12_000).role('redis-2', 'master');
    for (let t = 13_000; t <= 40_000; t += 1000) b.at(t).write('client-2', id++, id, 'redis-2', 'ok', t + 5);
    b.at(31_000).role('redis-1', 'replica', 'redis-2');
    const v = checkSplitBrainWindow(b.build());
    expect(v.valid).toBe(false);
    // redis-1 acked in [5, 30_005], redis-2 in [13_005, 40_005]: overlap [13_005, 30_005].
    expect(v.evidence['windows']).toEqual([{ fromMs: 13_005, toMs: 30_005, nodes: ['redis-1', 'redis-2'] }]);
    expect(v.evidence['totalMs']).toBe(17_000);
    expect(v.evidence['maxMs']).toBe(17_000);
  });

  it('splits a node into terms at role changes: a node that is master again later does not overlap itself or others falsely', () => {
    const b = new HistoryBuilder().at(0).write('client-1', 1, 1, 'redis-1', 'ok', 10);
    b.at(1000).role('redis-1', 'replica', 'redis-2').role('redis-2', 'master');
    b.at(2000).write('client-1', 2, 2, 'redis-2', 'ok', 2010);
    b.at(3000).role('redis-2', 'replica', 'redis-1').role('redis-1', 'master');
    b.at(4000).write('client-1', 3, 3, 'redis-1', 'ok', 4010);
    expect(checkSplitBrainWindow(b.build()).valid).toBe(true);
  });

  it('counts a single stray ack inside another node’s span as an overlap of zero length', () => {
    const b = new HistoryBuilder().at(0).role('redis-2', 'master');
    b.at(1000)
      .write('client-1', 1, 1, 'redis-2', 'ok', 1010)
      .at(5000)
      .write('client-1', 2, 2, 'redis-2', 'ok', 5010);
    b.at(3000).write('client-1', 3, 3, 'redis-1', 'ok', 3010);
    const v = checkSplitBrainWindow(b.build());
    expect(v.valid).toBe(false);
    expect(v.evidence['totalMs']).toBe(0);
  });

  it('ignores failed and unknown-outcome writes', () => {
    const b = new HistoryBuilder()
      .at(0)
      .write('client-1', 1, 1, 'redis-1', 'ok', 10)
      .at(100_000)
      .write('client-1', 4, 4, 'redis-1', 'ok', 100_010);
    b.at(50_000)
      .write('client-1', 2, 2, 'redis-2', 'fail', 50_010)
      .write('client-1', 3, 3, 'redis-3', 'info', 50_020);
    expect(checkSplitBrainWindow(b.build()).valid).toBe(true);
  });
});
