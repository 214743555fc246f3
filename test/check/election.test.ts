import { describe, expect, it } from 'vitest';
import { checkElectionSafety } from '../../src/check/election.js';
import { HistoryBuilder, masterDet, runIdOf } from './builder.js';

function baseline(): HistoryBuilder {
  return new HistoryBuilder().at(0).viewAll('redis-1');
}

describe('election-safety (§7.2, §7.3)', () => {
  it('holds for one uncontended failover with every Sentinel voting for the leader', () => {
    const h = baseline().at(10_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).build();
    const v = checkElectionSafety(h);
    expect(v.valid).toBe(true);
    expect(v.evidence['leaders']).toEqual({ 'mymaster epoch 1': ['sentinel-1'] });
  });

  it('breaks when two Sentinels are elected leader of the same master in the same epoch, naming both', () => {
    const b = baseline().at(10_000);
    for (const s of ['sentinel-1', 'sentinel-2']) {
      b.event(s, '+new-epoch', '3').event(s, '+try-failover', masterDet('redis-1'));
    }
    b.at(10_100).event('sentinel-1', '+elected-leader', masterDet('redis-1'));
    b.at(10_200).event('sentinel-2', '+elected-leader', masterDet('redis-1'));
    const v = checkElectionSafety(b.build());
    expect(v.valid).toBe(false);
    expect(v.evidence['twoLeaders']).toEqual([
      {
        masterEpoch: 'mymaster epoch 3',
        leaders: [
          { node: 'sentinel-1', trueMs: 10_100 },
          { node: 'sentinel-2', trueMs: 10_200 },
        ],
      },
    ]);
  });

  it('allows leaders of the same master in different epochs', () => {
    const b = baseline().at(10_000).failover('sentinel-1', 'redis-1', 'redis-2', 1);
    b.at(60_000).failover('sentinel-2', 'redis-2', 'redis-3', 2);
    expect(checkElectionSafety(b.build()).valid).toBe(true);
  });

  it('uses the epoch of the try-failover, not a later +new-epoch received while waiting for votes', () => {
    const b = baseline().at(10_000);
    b.event('sentinel-1', '+new-epoch', '4').event('sentinel-1', '+try-failover', masterDet('redis-1'));
    b.event('sentinel-2', '+new-epoch', '5').event('sentinel-2', '+try-failover', masterDet('redis-1'));
    b.at(10_050).event('sentinel-1', '+new-epoch', '5'); // sentinel-1 sees sentinel-2's request
    b.at(10_100).event('sentinel-1', '+elected-leader', masterDet('redis-1'));
    b.at(10_200).event('sentinel-2', '+elected-leader', masterDet('redis-1'));
    const v = checkElectionSafety(b.build());
    expect(v.evidence['leaders']).toEqual({
      'mymaster epoch 4': ['sentinel-1'],
      'mymaster epoch 5': ['sentinel-2'],
    });
    expect(v.valid).toBe(true);
  });

  it('breaks when a Sentinel votes for two different candidates in one epoch', () => {
    const b = baseline().at(10_000);
    b.event('sentinel-3', '+vote-for-leader', `${runIdOf('sentinel-1')} 7`);
    b.at(10_500).event('sentinel-3', '+vote-for-leader', `${runIdOf('sentinel-2')} 7`);
    const v = checkElectionSafety(b.build());
    expect(v.valid).toBe(false);
    expect(v.evidence['doubleVotes']).toEqual([
      {
        node: 'sentinel-3',
        epoch: 7,
        first: { candidate: runIdOf('sentinel-1'), trueMs: 10_000 },
        second: { candidate: runIdOf('sentinel-2'), trueMs: 10_500 },
        afterConfigLoss: false,
      },
    ]);
  });

  it('flags a double vote made possible by a config loss, marking it afterConfigLoss', () => {
    const b = baseline()
      .at(10_000)
      .event('sentinel-3', '+vote-for-leader', `${runIdOf('sentinel-1')} 2`);
    b.at(11_000).fault('apply', 'config-loss', ['sentinel-3']).process('sentinel-3', 'crashed');
    b.at(12_000).process('sentinel-3', 'restarted').fault('heal', 'config-loss', ['sentinel-3']);
    b.at(13_000).event('sentinel-3', '+vote-for-leader', `${runIdOf('sentinel-2')} 2`);
    const v = checkElectionSafety(b.build());
    expect(v.valid).toBe(false);
    expect((v.evidence['doubleVotes'] as { afterConfigLoss: boolean }[])[0]?.afterConfigLoss).toBe(true);
  });

  it('a repeated identical vote (same candidate, same epoch) is not a double vote', () => {
    const b = baseline()
      .at(10_000)
      .event('sentinel-3', '+vote-for-leader', `${runIdOf('sentinel-1')} 2`);
    b.at(10_100).event('sentinel-3', '+vote-for-leader', `${runIdOf('sentinel-1').toUpperCase()} 2`);
    expect(checkElectionSafety(b.build()).valid).toBe(true);
  });

  it('is unknown, not a pass, when an elected leader has no preceding +new-epoch', () => {
    const b = baseline().at(10_000).event('sentinel-1', '+try-failover', masterDet('redis-1'));
    b.at(10_100).event('sentinel-1', '+elected-leader', masterDet('redis-1'));
    expect(checkElectionSafety(b.build()).valid).toBe('unknown');
  });

  it('is unknown, not a pass, when a vote message is garbled', () => {
    const b = baseline().at(10_000).event('sentinel-2', '+vote-for-leader', 'garbage');
    const v = checkElectionSafety(b.build());
    expect(v.valid).toBe('unknown');
    expect(v.evidence['garbled']).toEqual([
      { index: 4, node: 'sentinel-2', type: '+vote-for-leader', message: 'garbage' },
    ]);
  });

  it('ignores event types it does not interpret', () => {
    const b = baseline().at(10_000).event('sentinel-2', '+something-new', 'whatever 1 2 3');
    expect(checkElectionSafety(b.build()).valid).toBe(true);
  });

  it('a crash between try-failover and elected-leader leaves the epoch undetermined', () => {
    const b = baseline()
      .at(10_000)
      .event('sentinel-1', '+new-epoch', '1')
      .event('sentinel-1', '+try-failover', masterDet('redis-1'));
    b.at(10_050).process('sentinel-1', 'crashed').at(11_000).process('sentinel-1', 'restarted');
    b.at(11_100).event('sentinel-1', '+elected-leader', masterDet('redis-1'));
    expect(checkElectionSafety(b.build()).valid).toBe('unknown');
  });

  it('learns run ids for the evidence from the topology', () => {
    const h = baseline().at(10_000).failover('sentinel-2', 'redis-1', 'redis-3', 1).build();
    expect((checkElectionSafety(h).evidence['runIds'] as Record<string, string>)[runIdOf('sentinel-2')]).toBe(
      'sentinel-2',
    );
  });

  it('learns run ids from +sentinel events and self-votes when the topology lacks them', () => {
    const b = new HistoryBuilder({ runIdsInTopology: false }).at(0).viewAll('redis-1');
    b.event(
      'sentinel-1',
      '+sentinel',
      `sentinel ${runIdOf('sentinel-3')} 10.0.1.3 26379 @ mymaster 10.0.0.1 6379`,
    );
    b.at(10_000).failover('sentinel-2', 'redis-1', 'redis-3', 1);
    const ids = checkElectionSafety(b.build()).evidence['runIds'] as Record<string, string>;
    expect(ids).toEqual({ [runIdOf('sentinel-3')]: 'sentinel-3', [runIdOf('sentinel-2')]: 'sentinel-2' });
  });
});
