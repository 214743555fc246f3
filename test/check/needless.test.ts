import { describe, expect, it } from 'vitest';
import { checkNoNeedlessFailover } from '../../src/check/needless.js';
import { HistoryBuilder, masterDet, runIdOf } from './builder.js';

describe('no-needless-failover (§6.1, §7.4)', () => {
  it('holds when the failover follows a crash of the master', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(10_000).fault('apply', 'crash', ['redis-1']);
    const v = checkNoNeedlessFailover(b.at(16_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).build());
    expect(v.valid).toBe(true);
    expect(v.evidence['failovers']).toBe(1);
  });

  it('breaks when a failover is started while no fault touched the master, naming leader and time', () => {
    const b = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(30_000)
      .failover('sentinel-2', 'redis-1', 'redis-3', 1);
    const v = checkNoNeedlessFailover(b.build());
    expect(v.valid).toBe(false);
    expect(v.evidence['needless']).toEqual([
      { leader: 'sentinel-2', master: 'mymaster', oldMaster: 'redis-1', tryMs: 30_000, promotedMs: 31_000 },
    ]);
  });

  it('breaks when the only outage ended before the window [try − down-after − 2 s, try]', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(1000).fault('apply', 'pause', ['redis-1']);
    b.at(5000).fault('heal', 'pause', ['redis-1']).at(12_001).failover('sentinel-1', 'redis-1', 'redis-2', 1);
    expect(checkNoNeedlessFailover(b.build()).valid).toBe(false);
  });

  it('is excused by a long enough outage that ended inside the window', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(1000).fault('apply', 'pause', ['redis-1']);
    b.at(5000).fault('heal', 'pause', ['redis-1']).at(11_999).failover('sentinel-1', 'redis-1', 'redis-2', 1);
    expect(checkNoNeedlessFailover(b.build()).valid).toBe(true);
  });

  it('pauses shorter than down-after − 1.1 s cannot explain SDOWN: failing over after them is needless', () => {
    const flapping = (pauseMs: number): boolean | 'unknown' => {
      const b = new HistoryBuilder().at(0).viewAll('redis-1');
      for (let i = 0; i < 4; i += 1) {
        b.at(10_000 + i * (pauseMs + 3000))
          .fault('apply', 'pause', ['redis-1'])
          .process('redis-1', 'paused');
        b.at(10_000 + i * (pauseMs + 3000) + pauseMs)
          .fault('heal', 'pause', ['redis-1'])
          .process('redis-1', 'resumed');
      }
      return checkNoNeedlessFailover(
        b
          .at(10_000 + 4 * (pauseMs + 3000))
          .failover('sentinel-1', 'redis-1', 'redis-2', 1)
          .build(),
      ).valid;
    };
    expect(flapping(3500)).toBe(false);
    expect(flapping(3900)).toBe(true);
  });

  it('a crash needs less (down-after − 2.2 s): the silence also covers the last PING period and the reconnection', () => {
    const crash = (crashMs: number): boolean | 'unknown' => {
      const b = new HistoryBuilder().at(0).viewAll('redis-1').at(10_000).fault('apply', 'crash', ['redis-1']);
      b.at(10_000 + crashMs).fault('heal', 'crash', ['redis-1']);
      return checkNoNeedlessFailover(b.at(16_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).build())
        .valid;
    };
    expect(crash(2700)).toBe(false);
    expect(crash(2800)).toBe(true);
  });

  it('a fault on another node (a replica) does not excuse it', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(25_000).fault('apply', 'crash', ['redis-3']);
    expect(
      checkNoNeedlessFailover(b.at(30_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).build()).valid,
    ).toBe(false);
  });

  it('a link fault with small latency does not excuse it; one whose round trip reaches down-after does', () => {
    const small = JSON.stringify({
      kind: 'link',
      from: 'redis-1',
      to: 'sentinel-1',
      latency: { kind: 'constant', ms: 100 },
    });
    const big = JSON.stringify({
      kind: 'link',
      from: 'redis-1',
      to: 'sentinel-1',
      latency: { kind: 'constant', ms: 2500 },
    });
    const run = (op: string): boolean | 'unknown' =>
      checkNoNeedlessFailover(
        new HistoryBuilder()
          .at(0)
          .viewAll('redis-1')
          .at(20_000)
          .fault('apply', op, ['redis-1', 'sentinel-1'])
          .at(30_000)
          .failover('sentinel-1', 'redis-1', 'redis-2', 1)
          .build(),
      ).valid;
    expect(run(small)).toBe(false);
    expect(run(big)).toBe(true);
    expect(run('link')).toBe('unknown');
  });

  it('a partition cutting the master from clients excuses it; one cutting it from Sentinels only does not', () => {
    const fromClients = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(20_000)
      .fault('apply', 'partition', ['redis-1', 'client-1'], [['redis-1', 'client-1']]);
    expect(
      checkNoNeedlessFailover(fromClients.at(30_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).build())
        .valid,
    ).toBe(true);
    // The single-Sentinel misconfiguration: only the Sentinel lost the master (spec §16).
    const fromSentinelOnly = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(20_000)
      .fault('apply', 'partition', ['redis-1', 'sentinel-1'], [['redis-1', 'sentinel-1']]);
    expect(
      checkNoNeedlessFailover(
        fromSentinelOnly.at(30_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).build(),
      ).valid,
    ).toBe(false);
    const elsewhere = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(20_000)
      .fault('apply', 'partition', ['redis-2', 'sentinel-1'], [['redis-2', 'sentinel-1']]);
    expect(
      checkNoNeedlessFailover(elsewhere.at(30_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).build())
        .valid,
    ).toBe(false);
  });

  it('is excused when the master reported role replica (§6.1)', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(1000).role('redis-1', 'replica', 'redis-3');
    expect(
      checkNoNeedlessFailover(b.at(60_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).build()).valid,
    ).toBe(true);
  });

  it('is excused when the master process was down (crashed without a fault record)', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(1000).process('redis-1', 'crashed');
    expect(
      checkNoNeedlessFailover(b.at(60_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).build()).valid,
    ).toBe(true);
  });

  it('an attempt aborted before promotion is not a failover', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(30_000);
    b.event('sentinel-1', '+new-epoch', '1').event('sentinel-1', '+try-failover', masterDet('redis-1'));
    b.event('sentinel-1', '+vote-for-leader', `${runIdOf('sentinel-1')} 1`);
    b.at(41_000).event('sentinel-1', '-failover-abort-not-elected', masterDet('redis-1'));
    const v = checkNoNeedlessFailover(b.build());
    expect(v.valid).toBe(true);
    expect(v.evidence['failovers']).toBe(0);
  });

  it('is unknown when the failed-over master address is not in the topology', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(30_000);
    b.event('sentinel-1', '+try-failover', 'master mymaster 192.168.9.9 6379');
    b.event('sentinel-1', '+promoted-slave', 'slave 10.0.0.2:6379 10.0.0.2 6379 @ mymaster 192.168.9.9 6379');
    expect(checkNoNeedlessFailover(b.build()).valid).toBe('unknown');
  });
});

describe('fault spans', () => {
  it('the healed record ends faults whose heal record is missing: a later failover is not excused by them', () => {
    const b = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(1000)
      .fault('apply', 'partition', ['redis-1'], [['redis-1', 'sentinel-1']]);
    b.at(2000).healed().at(60_000).failover('sentinel-1', 'redis-1', 'redis-2', 1);
    expect(checkNoNeedlessFailover(b.build()).valid).toBe(false);
  });
});
