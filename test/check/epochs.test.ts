import { describe, expect, it } from 'vitest';
import { checkEpochMonotonicity } from '../../src/check/epochs.js';
import { HistoryBuilder } from './builder.js';

describe('epoch-monotonicity (§7.1, §14)', () => {
  it('holds through a failover (epochs only rise)', () => {
    const b = new HistoryBuilder()
      .at(0)
      .config('sentinel-1', 0, 0, 0)
      .config('sentinel-2', 0, 0, 0)
      .config('sentinel-3', 0, 0, 0);
    b.at(10_000).failover('sentinel-1', 'redis-1', 'redis-2', 1);
    const v = checkEpochMonotonicity(b.build());
    expect(v.valid).toBe(true);
    expect(v.evidence['observations']).toBeGreaterThan(10);
  });

  it("breaks when a Sentinel's current epoch goes down, naming the node, epochs and time", () => {
    const b = new HistoryBuilder()
      .at(1000)
      .config('sentinel-2', 5, 5, 5)
      .at(2000)
      .config('sentinel-2', 4, 5, 5);
    const v = checkEpochMonotonicity(b.build());
    expect(v.valid).toBe(false);
    expect(v.evidence['decreases']).toEqual([
      {
        node: 'sentinel-2',
        what: 'currentEpoch (config)',
        fromEpoch: 5,
        fromMs: 1000,
        toEpoch: 4,
        atMs: 2000,
      },
    ]);
  });

  it("breaks when a master's config epoch goes down", () => {
    const b = new HistoryBuilder()
      .at(1000)
      .config('sentinel-1', 5, 3, 5)
      .at(2000)
      .config('sentinel-1', 5, 2, 5);
    const v = checkEpochMonotonicity(b.build());
    expect(v.valid).toBe(false);
    expect((v.evidence['decreases'] as { what: string }[]).map((d) => d.what)).toEqual([
      'configEpoch mymaster',
    ]);
  });

  it('breaks when +new-epoch announces a lower epoch than before', () => {
    const b = new HistoryBuilder()
      .at(1000)
      .event('sentinel-3', '+new-epoch', '6')
      .at(2000)
      .event('sentinel-3', '+new-epoch', '3');
    expect(checkEpochMonotonicity(b.build()).valid).toBe(false);
  });

  it('a restart that kept sentinel.conf must not reset epochs: a lower epoch after it breaks', () => {
    const b = new HistoryBuilder().at(1000).config('sentinel-1', 7, 7, 7);
    b.at(2000).fault('apply', 'crash', ['sentinel-1']).process('sentinel-1', 'crashed');
    b.at(3000).fault('heal', 'crash', ['sentinel-1']).process('sentinel-1', 'restarted');
    b.at(3100).config('sentinel-1', 0, 0, 0);
    const v = checkEpochMonotonicity(b.build());
    expect(v.valid).toBe(false);
    expect((v.evidence['decreases'] as { node: string }[]).every((d) => d.node === 'sentinel-1')).toBe(true);
  });

  it('a config-loss fault allows the reset, even for a record written between the fault and the crash', () => {
    const b = new HistoryBuilder().at(1000).config('sentinel-1', 7, 7, 7);
    b.at(2000)
      .fault('apply', 'config-loss', ['sentinel-1'])
      .config('sentinel-1', 8, 7, 8)
      .process('sentinel-1', 'crashed');
    b.at(3000).process('sentinel-1', 'restarted').fault('heal', 'config-loss', ['sentinel-1']);
    b.at(3100).config('sentinel-1', 0, 0, 0).at(4000).config('sentinel-1', 8, 8, 8);
    const v = checkEpochMonotonicity(b.build());
    expect(v.valid).toBe(true);
    expect(v.evidence['configLossResets']).toBeGreaterThan(0);
  });

  it('a config-loss fault given as FaultOp JSON on the host also allows the reset', () => {
    const b = new HistoryBuilder({ placement: { 'sentinel-1': 'box-a', 'redis-1': 'box-a' } })
      .at(1000)
      .config('sentinel-1', 7, 7, 7);
    b.at(2000).fault('apply', JSON.stringify({ kind: 'config-loss', target: 'box-a' }), ['box-a']);
    b.at(3000).process('sentinel-1', 'restarted').at(3100).config('sentinel-1', 0, 0, 0);
    expect(checkEpochMonotonicity(b.build()).valid).toBe(true);
  });

  it('a config loss of one Sentinel does not excuse another', () => {
    const b = new HistoryBuilder().at(1000).config('sentinel-2', 7, 7, 7);
    b.at(2000).fault('apply', 'config-loss', ['sentinel-1']).at(3000).process('sentinel-1', 'restarted');
    b.at(3100).config('sentinel-2', 1, 1, 1);
    expect(checkEpochMonotonicity(b.build()).valid).toBe(false);
  });

  it('is unknown when a +new-epoch message is garbled and nothing went down', () => {
    const b = new HistoryBuilder()
      .at(1000)
      .config('sentinel-1', 1, 0, 0)
      .event('sentinel-1', '+new-epoch', 'two');
    expect(checkEpochMonotonicity(b.build()).valid).toBe('unknown');
  });

  it('is unknown when no epoch was observed at all', () => {
    expect(checkEpochMonotonicity(new HistoryBuilder().build()).valid).toBe('unknown');
  });
});
