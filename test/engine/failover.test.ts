// §8 and §10: the failover state machine, replica selection and the SLAVEOF transaction.
import { describe, expect, it } from 'vitest';
import type { Replica } from '../../src/engine/instance.js';
import { compareReplicas } from '../../src/engine/select.js';
import {
  Harness,
  helloFrom,
  introducePeers,
  masterConf,
  PEER1,
  PEER2,
  sentinelConf,
  standardWorld,
  startFailover,
  stuckReplicaWorld,
} from './harness.js';

describe('replica selection (§8.3)', () => {
  const base = { slavePriority: 100, slaveReplOffset: 0, runId: null as string | null, name: 'x:1' };
  const r = (o: Partial<typeof base>) => ({ ...base, ...o }) as unknown as Replica;

  it('replica order: priority, then offset, then run id', () => {
    const list = [
      r({ name: 'a:1', slavePriority: 100, slaveReplOffset: 10, runId: 'B'.repeat(40) }),
      r({ name: 'b:1', slavePriority: 50, slaveReplOffset: 0, runId: 'z'.repeat(40) }),
      r({ name: 'c:1', slavePriority: 100, slaveReplOffset: 10, runId: 'a'.repeat(40) }),
      r({ name: 'd:1', slavePriority: 100, slaveReplOffset: 10, runId: null }),
      r({ name: 'e:1', slavePriority: 100, slaveReplOffset: 20, runId: null }),
    ];
    expect(list.sort(compareReplicas).map((x) => x.name)).toEqual(['b:1', 'e:1', 'c:1', 'a:1', 'd:1']);
  });

  it('the failover promotes the replica with the lowest priority even with a smaller offset', () => {
    const w = standardWorld();
    w.r1.priority = 100;
    w.r1.offset = 1000;
    w.r2.priority = 10;
    w.r2.offset = 5;
    startFailover(w);
    w.h.runUntil(() => w.h.has('+selected-slave'), 20_000);
    expect(w.h.first('+selected-slave')!.message.startsWith('slave 10.0.0.3:6379')).toBe(true);
  });

  it('replicas with priority 0 are never promoted; with none left the failover aborts (no-good-slave)', () => {
    const w = standardWorld();
    w.r1.priority = 0;
    w.r2.priority = 0;
    startFailover(w);
    w.h.runUntil(() => w.h.has('-failover-abort-no-good-slave'), 20_000);
    expect(w.h.has('+selected-slave')).toBe(false);
  });

  it('a replica whose master link is down longer than 10 × down-after + SDOWN time is not promoted', () => {
    const w = standardWorld();
    w.r1.linkDownSinceSeconds = 60; // 60 s > 10 × 5 s + ~5 s
    w.r2.priority = 0;
    startFailover(w);
    w.h.runUntil(() => w.h.has('-failover-abort-no-good-slave'), 20_000);
  });

  it('a disconnected replica is not promoted', () => {
    const w = standardWorld();
    w.r2.priority = 0;
    startFailover(w);
    w.h.crash(w.r1, 'reset');
    w.h.runUntil(() => w.h.has('-failover-abort-no-good-slave'), 20_000);
  });
});

describe('failover states (§8.2–§8.8)', () => {
  it('each state handler runs in its own tick: elected, select, send, then wait', () => {
    const w = standardWorld();
    startFailover(w);
    w.h.runUntil(() => w.h.has('+failover-state-wait-promotion'), 20_000);
    const t = (type: string) => w.h.first(type)!.atMs;
    expect(t('+failover-state-select-slave')).toBe(t('+elected-leader'));
    expect(t('+selected-slave')).toBeGreaterThan(t('+elected-leader'));
    expect(t('+failover-state-wait-promotion')).toBeGreaterThan(t('+selected-slave'));
  });

  it('the SLAVEOF transaction is MULTI, SLAVEOF, CONFIG REWRITE, CLIENT KILL ×2, EXEC', () => {
    const w = standardWorld();
    startFailover(w);
    w.h.runUntil(() => w.h.has('+failover-state-wait-promotion'), 20_000);
    const seq = w.h.sends.filter((s) => s.addr.host === '10.0.0.2').map((s) => s.argv.join(' '));
    const i = seq.indexOf('MULTI');
    expect(seq.slice(i, i + 6)).toEqual([
      'MULTI',
      'SLAVEOF NO ONE',
      'CONFIG REWRITE',
      'CLIENT KILL TYPE normal',
      'CLIENT KILL TYPE pubsub',
      'EXEC',
    ]);
  });

  it('a promotion not observed within failover-timeout aborts with -failover-abort-slave-timeout', () => {
    const w = standardWorld();
    w.r1.obeySlaveOf = false;
    w.r2.obeySlaveOf = false;
    startFailover(w);
    w.h.runUntil(() => w.h.has('+failover-state-wait-promotion'), 20_000);
    const waitAt = w.h.first('+failover-state-wait-promotion')!.atMs;
    w.h.runUntil(() => w.h.has('-failover-abort-slave-timeout'), 20_000);
    expect(w.h.first('-failover-abort-slave-timeout')!.atMs - waitAt).toBeGreaterThan(10_000);
    const m = w.h.s.master('mymaster')!;
    expect(m.failoverState).toBe('none');
    expect([...m.slaves.values()].some((r) => (r.flags & 128) !== 0)).toBe(false);
  });

  it('the failover continues even when the master comes back during it', () => {
    const w = standardWorld();
    startFailover(w);
    w.h.runUntil(() => w.h.has('+elected-leader'), 20_000);
    w.master.up = true;
    w.h.runUntil(() => w.h.has('+switch-master'), 20_000);
  });

  it('parallel-syncs 1 reconfigures one replica at a time', () => {
    const w = standardWorld();
    const r3 = w.h.redis('10.0.0.4', 6379, 'slave', '4'.repeat(40));
    r3.masterHost = '10.0.0.1';
    r3.masterPort = 6379;
    w.master.slaves.push(r3.addr);
    w.r1.offset = 10;
    startFailover(w);
    w.h.runUntil(() => w.h.has('+switch-master'), 30_000);
    const ev = w.h.events.filter((e) => /^\+slave-reconf-(sent|done)$/.test(e.type)).map((e) => e.type);
    expect(ev).toEqual([
      '+slave-reconf-sent',
      '+slave-reconf-done',
      '+slave-reconf-sent',
      '+slave-reconf-done',
    ]);
  });

  it('[quirk] the reconf-sent timeout is only examined while in-progress < parallel-syncs', () => {
    for (const parallelSyncs of [1, 2]) {
      // failover-timeout 20 s so the 10 s reconf-sent timeout would fire first if it were examined.
      const w = stuckReplicaWorld({ parallelSyncs, failoverTimeoutMs: 20_000 });
      startFailover(w);
      w.h.runUntil(() => w.h.has('+switch-master'), 60_000);
      const timeoutSeen = w.h.has('-slave-reconf-sent-timeout');
      if (parallelSyncs === 1) {
        expect(timeoutSeen).toBe(false);
        expect(w.h.has('+failover-end-for-timeout')).toBe(true);
        expect(w.h.s.marks.get('reconf: loop skipped, parallel-syncs budget used')).toBeGreaterThan(0);
      } else {
        expect(timeoutSeen).toBe(true);
        expect(w.h.has('+failover-end-for-timeout')).toBe(false);
      }
    }
  });

  it('after +failover-end-for-timeout replicas not yet sent get a best-effort SLAVEOF', () => {
    const w = stuckReplicaWorld();
    startFailover(w);
    w.h.runUntil(() => w.h.has('+switch-master'), 40_000);
    const be = w.h.first('+slave-reconf-sent-be');
    expect(be?.message.startsWith('slave 10.0.0.4:6379')).toBe(true);
  });

  it('the leader runs the client-reconfig-script at promotion with role leader', () => {
    const w = standardWorld({}, { clientReconfigScript: '/bin/reconf.sh' });
    startFailover(w);
    w.h.runUntil(() => w.h.has('+failover-state-reconf-slaves'), 20_000);
    w.h.tick();
    const script = w.h.effects.find((e) => e.kind === 'script');
    expect(script).toMatchObject({
      path: '/bin/reconf.sh',
      args: ['mymaster', 'leader', 'start', '10.0.0.1', '6379', '10.0.0.2', '6379'],
    });
  });

  it('GET-MASTER-ADDR-BY-NAME answers the promoted replica from RECONF_SLAVES on, and master-addr follows', () => {
    const w = standardWorld();
    startFailover(w);
    w.h.runUntil(() => w.h.has('+failover-state-reconf-slaves'), 20_000);
    const r = w.h.command(['SENTINEL', 'get-master-addr-by-name', 'mymaster']);
    expect(r).toEqual({
      kind: 'array',
      items: [
        { kind: 'bulk', value: '10.0.0.2' },
        { kind: 'bulk', value: '6379' },
      ],
    });
    const addrs = w.h.effects.filter((e) => e.kind === 'master-addr');
    expect(addrs.map((e) => (e.kind === 'master-addr' ? e.addr?.host : ''))).toEqual([
      '10.0.0.1',
      '10.0.0.2',
    ]);
  });

  it('the switch rebuilds the replica list with the old master and persists the new address and config epoch', () => {
    const w = standardWorld();
    startFailover(w);
    w.h.runUntil(() => w.h.has('+switch-master'), 20_000);
    const conf = w.h.s.toConf().masters[0]!;
    expect(conf).toMatchObject({ host: '10.0.0.2', port: 6379, configEpoch: 1, leaderEpoch: 1 });
    expect(conf.knownReplicas).toEqual([
      { host: '10.0.0.3', port: 6379 },
      { host: '10.0.0.1', port: 6379 },
    ]);
  });

  it('a manual SENTINEL FAILOVER proceeds without votes and without ODOWN', () => {
    const w = standardWorld();
    w.h.runFor(2000);
    introducePeers(w.h, [w.p1, w.p2]);
    w.p1.votesFor = null;
    w.p2.votesFor = null;
    expect(w.h.command(['SENTINEL', 'FAILOVER', 'mymaster'])).toEqual({ kind: 'status', text: 'OK' });
    expect(w.h.command(['SENTINEL', 'FAILOVER', 'mymaster'])).toEqual({
      kind: 'error',
      text: 'INPROG Failover already in progress',
    });
    w.h.runUntil(() => w.h.has('+switch-master'), 20_000);
    expect(w.h.has('+odown')).toBe(false);
  });

  it('simulate-failure crash-after-election exits with code 99 after persisting', () => {
    const w = standardWorld();
    w.h.command(['SENTINEL', 'SIMULATE-FAILURE', 'crash-after-election']);
    startFailover(w);
    w.h.runUntil(() => w.h.effects.some((e) => e.kind === 'exit'), 20_000);
    const kinds = w.h.effects.map((e) => e.kind);
    expect(w.h.effects.at(-1)).toEqual({ kind: 'exit', code: 99 });
    expect(kinds.lastIndexOf('persist')).toBeLessThan(kinds.lastIndexOf('exit'));
    expect(w.h.has('+failover-state-select-slave')).toBe(false);
    const n = w.h.effects.length;
    w.h.tick();
    expect(w.h.effects.length).toBe(n);
  });

  it('simulate-failure crash-after-promotion exits right after +promoted-slave', () => {
    const w = standardWorld();
    w.h.command(['SENTINEL', 'SIMULATE-FAILURE', 'crash-after-promotion']);
    startFailover(w);
    w.h.runUntil(() => w.h.effects.some((e) => e.kind === 'exit'), 20_000);
    expect(w.h.eventTypes().at(-1)).toBe('+promoted-slave');
  });
});

describe('what others see (§8.9)', () => {
  it('from +promoted-slave on, hellos advertise the promoted address with the new config epoch, at once', () => {
    const w = standardWorld();
    startFailover(w);
    w.h.runUntil(() => w.h.has('+promoted-slave'), 20_000);
    const promotedAt = w.h.first('+promoted-slave')!.atMs;
    w.h.tick();
    const hello = w.h
      .sentTo(w.p1.addr, 'PUBLISH')
      .filter((s) => s.atMs > promotedAt)
      .map((s) => s.argv[2]);
    expect(hello[0]).toBe(`10.0.0.100,26379,${'a'.repeat(40)},1,mymaster,10.0.0.2,6379,1`);
  });
});

describe('several masters (§3.2)', () => {
  it('[quirk] when two masters reach UPDATE_CONFIG in one tick, only the last switches in that tick', () => {
    // fixVoteCounting keeps the two elections in lockstep (with the quirk the older epoch's votes lag).
    const h = new Harness({
      options: { fixVoteCounting: true },
      conf: sentinelConf({}, [
        masterConf({ name: 'm1', host: '10.0.1.1' }),
        masterConf({ name: 'm2', host: '10.0.2.1' }),
      ]),
    });
    const masters = [1, 2].map((i) => {
      const m = h.redis(`10.0.${i}.1`, 6379, 'master', String(i).repeat(40));
      const r = h.redis(`10.0.${i}.2`, 6379, 'slave', String(i + 4).repeat(40));
      r.masterHost = `10.0.${i}.1`;
      r.masterPort = 6379;
      m.slaves = [r.addr];
      return m;
    });
    const peers = [h.peer('10.0.0.11', 26379, PEER1), h.peer('10.0.0.12', 26379, PEER2)];
    h.runFor(1000);
    for (const p of peers) {
      for (const m of masters) {
        const name = m.addr.host === '10.0.1.1' ? 'm1' : 'm2';
        h.command(['PUBLISH', '__sentinel__:hello', helloFrom(p, 0, m.addr, 0, name)]);
      }
    }
    h.runFor(1000);
    for (const m of masters) h.crash(m, 'reset');
    h.runUntil(() => h.events.filter((e) => e.type === '+switch-master').length === 2, 20_000);
    const ends = h.events.filter((e) => e.type === '+failover-end').map((e) => e.atMs);
    const switches = h.events.filter((e) => e.type === '+switch-master');
    expect(ends[0]).toBe(ends[1]);
    expect(switches.map((e) => e.message.split(' ')[0])).toEqual(['m2', 'm1']);
    expect(switches[0]!.atMs).toBe(ends[0]);
    expect(switches[1]!.atMs).toBeGreaterThan(ends[0]!);
  });
});

describe('SEND_SLAVEOF_NOONE (§8.4)', () => {
  it('a promoted replica that stays unreachable for failover-timeout aborts the failover', () => {
    const w = standardWorld();
    startFailover(w);
    w.h.runUntil(() => w.h.has('+selected-slave'), 20_000);
    const selected = w.h.first('+selected-slave')!;
    const chosen = selected.message.startsWith('slave 10.0.0.2') ? w.r1 : w.r2;
    w.h.crash(chosen, 'reset');
    w.h.runUntil(() => w.h.has('-failover-abort-slave-timeout'), 20_000);
    expect(w.h.has('+failover-state-wait-promotion')).toBe(false);
    expect(w.h.first('-failover-abort-slave-timeout')!.atMs - selected.atMs).toBeGreaterThan(10_000);
  });
});
