// §4.1–§4.3, §8.9, §5.3: connection setup, the periodic-command cadence and the address announced in
// hellos, checked on hand-built records.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/engine/core.js';
import type { Instance } from '../../src/engine/instance.js';
import { F, newReplica } from '../../src/engine/instance.js';
import {
  closeIdleConnections,
  currentMasterAddr,
  forceHelloUpdate,
  infoPeriodMs,
  reconnectIfNeeded,
  sendHello,
  sendPeriodicCommands,
} from '../../src/engine/links.js';
import { addPeer, coreWithMaster } from './records.js';

const NOW_MS = 1_000_000;

function sentArgv(core: Core): string[][] {
  return core.effects.flatMap((e) => (e.kind === 'send' ? [[...e.argv]] : []));
}
const connects = (core: Core) => core.effects.filter((e) => e.kind === 'connect');

describe('§4.2 authenticating to peers', () => {
  function peerWorld(g: { sentinelUser?: string; sentinelPass?: string; requirepass?: string }) {
    const w = coreWithMaster();
    w.core.global.sentinelUser = g.sentinelUser ?? null;
    w.core.global.sentinelPass = g.sentinelPass ?? null;
    w.core.global.requirepass = g.requirepass ?? null;
    const p = addPeer(w.m, 0);
    reconnectIfNeeded(w.core, p, NOW_MS);
    return w;
  }

  it('a peer gets AUTH sentinel-user sentinel-pass when both are set', () => {
    const { core } = peerWorld({ sentinelUser: 'u', sentinelPass: 'p', requirepass: 'r' });
    expect(sentArgv(core)[0]).toEqual(['AUTH', 'u', 'p']);
  });

  it('a peer gets AUTH sentinel-pass alone when no sentinel-user is set', () => {
    const { core } = peerWorld({ sentinelPass: 'p', requirepass: 'r' });
    expect(sentArgv(core)[0]).toEqual(['AUTH', 'p']);
  });

  it('without sentinel-pass a peer gets our own requirepass', () => {
    const { core } = peerWorld({ requirepass: 'r' });
    expect(sentArgv(core)[0]).toEqual(['AUTH', 'r']);
  });

  it('without any password no AUTH is sent, and a peer gets only a command connection', () => {
    const { core } = peerWorld({});
    expect(sentArgv(core).some((a) => a[0] === 'AUTH')).toBe(false);
    expect(connects(core).map((e) => (e.kind === 'connect' ? e.purpose : ''))).toEqual(['cmd']);
  });
});

describe('§4.1 reconnecting', () => {
  it('a record with port 0 is never connected', () => {
    const { core, m } = coreWithMaster();
    m.addr = { host: '10.0.0.1', port: 0 };
    reconnectIfNeeded(core, m, NOW_MS);
    expect(connects(core)).toHaveLength(0);
    expect(m.link.disconnected).toBe(true);
  });

  it('a master gets both connections and counts as connected at once', () => {
    const { core, m } = coreWithMaster();
    reconnectIfNeeded(core, m, NOW_MS);
    expect(connects(core)).toHaveLength(2);
    expect(m.link.disconnected).toBe(false);
  });
});

describe('§4.3 INFO period', () => {
  function replicaWorld() {
    const w = coreWithMaster();
    const r = newReplica(0, w.m, { host: '10.0.0.2', port: 6379 });
    w.m.slaves.set(r.name, r);
    return { ...w, r };
  }

  it('a replica is polled every 10 s normally, every second while its master is ODOWN or failing over', () => {
    const { core, m, r } = replicaWorld();
    expect(infoPeriodMs(core, r)).toBe(10_000);
    m.flags |= F.O_DOWN;
    expect(infoPeriodMs(core, r)).toBe(1000);
    m.flags = (m.flags & ~F.O_DOWN) | F.FAILOVER_IN_PROGRESS;
    expect(infoPeriodMs(core, r)).toBe(1000);
  });

  it('a master itself is polled every 10 s even while ODOWN', () => {
    const { core, m } = replicaWorld();
    m.flags |= F.O_DOWN;
    expect(infoPeriodMs(core, m)).toBe(10_000);
  });

  it('INFO is re-sent only after more than the period since the last refresh', () => {
    const { core, m } = coreWithMaster();
    reconnectIfNeeded(core, m, NOW_MS);
    m.infoRefreshMs = NOW_MS;
    const infos = () => sentArgv(core).filter((a) => a[0] === 'INFO').length;
    sendPeriodicCommands(core, m, NOW_MS + 10_000);
    expect(infos()).toBe(0);
    sendPeriodicCommands(core, m, NOW_MS + 10_001);
    expect(infos()).toBe(1);
  });
});

describe('§4.3 pending-commands cap', () => {
  it('periodic commands stop at exactly 100 pending commands per link reference', () => {
    const { core, m } = coreWithMaster();
    reconnectIfNeeded(core, m, NOW_MS);
    const sends = () => sentArgv(core).length;
    m.link.pendingCommands = 99;
    let before = sends();
    sendPeriodicCommands(core, m, NOW_MS + 20_000);
    expect(sends()).toBeGreaterThan(before);
    m.link.pendingCommands = 100;
    before = sends();
    sendPeriodicCommands(core, m, NOW_MS + 40_000);
    expect(sends()).toBe(before);
    m.link.refcount = 2; // a link shared by two masters gets twice the budget
    sendPeriodicCommands(core, m, NOW_MS + 60_000);
    expect(sends()).toBeGreaterThan(before);
  });
});

describe('§8.9 and §5.3 the advertised master address', () => {
  it('the promoted replica is advertised from reconf_slaves on, the old master before', () => {
    const { m } = coreWithMaster();
    const r = newReplica(0, m, { host: '10.0.0.2', port: 6379 });
    m.slaves.set(r.name, r);
    m.flags |= F.FAILOVER_IN_PROGRESS;
    m.promoted = r;
    m.failoverState = 'wait_promotion';
    expect(currentMasterAddr(m)).toEqual({ host: '10.0.0.1', port: 6379 });
    m.failoverState = 'reconf_slaves';
    expect(currentMasterAddr(m)).toEqual({ host: '10.0.0.2', port: 6379 });
    m.flags &= ~F.FAILOVER_IN_PROGRESS;
    expect(currentMasterAddr(m)).toEqual({ host: '10.0.0.1', port: 6379 });
  });

  it('forcing a hello update makes the hello due at once for every record of the master', () => {
    const { core, m } = coreWithMaster();
    const p = addPeer(m, 0);
    const records: Instance[] = [m, p];
    for (const x of records) {
      reconnectIfNeeded(core, x, NOW_MS);
      x.link.cc!.localIp = '10.0.0.100';
      x.lastPubTimeMs = NOW_MS;
    }
    const publishes = () => sentArgv(core).filter((a) => a[0] === 'PUBLISH').length;
    for (const x of records) sendPeriodicCommands(core, x, NOW_MS + 10);
    expect(publishes()).toBe(0);
    forceHelloUpdate(core, m);
    for (const x of records) sendPeriodicCommands(core, x, NOW_MS + 10);
    expect(publishes()).toBe(2);
  });
});

const closes = (core: Core) => core.effects.filter((e) => e.kind === 'close').length;

describe('§4.5 idle connections, at the exact limits (down-after 5000: half 2500; 15 s; 6 s)', () => {
  /** A connected master whose connections were opened at T0. */
  function linked() {
    const w = coreWithMaster({ downAfterMs: 5000 });
    reconnectIfNeeded(w.core, w.m, NOW_MS);
    const link = w.m.link;
    link.actPingTimeMs = NOW_MS;
    link.lastPongTimeMs = NOW_MS;
    link.pcLastActivityMs = NOW_MS + 15_000; // keep the pub/sub connection out of the way
    return { ...w, link };
  }

  it('the command connection closes only once more than 15 s old', () => {
    const { core, m, link } = linked();
    closeIdleConnections(core, m, NOW_MS + 15_000);
    expect([closes(core), link.cc !== null]).toEqual([0, true]);
    closeIdleConnections(core, m, NOW_MS + 15_001);
    expect([closes(core), link.cc]).toEqual([1, null]);
  });

  it('it stays while the oldest unanswered PING or the last PONG is within down-after / 2', () => {
    const at = NOW_MS + 20_000;
    const a = linked();
    a.link.actPingTimeMs = at - 2500;
    closeIdleConnections(a.core, a.m, at);
    expect(closes(a.core)).toBe(0);
    const b = linked();
    b.link.lastPongTimeMs = at - 2500;
    closeIdleConnections(b.core, b.m, at);
    expect(closes(b.core)).toBe(0);
    const c = linked();
    c.link.actPingTimeMs = at - 2501;
    c.link.lastPongTimeMs = at - 2501;
    closeIdleConnections(c.core, c.m, at);
    expect(closes(c.core)).toBe(1);
  });

  it('without a PING outstanding (act-ping 0) the command connection is never closed as idle', () => {
    const { core, m, link } = linked();
    link.actPingTimeMs = 0;
    closeIdleConnections(core, m, NOW_MS + 100_000);
    expect(link.cc).not.toBeNull();
  });

  it('the pub/sub connection closes after more than 15 s of age and more than 6 s without traffic', () => {
    const a = linked();
    a.link.lastPongTimeMs = NOW_MS + 15_000; // keep the command connection
    a.link.pcLastActivityMs = NOW_MS;
    closeIdleConnections(a.core, a.m, NOW_MS + 15_000);
    expect(a.link.pc).not.toBeNull(); // 15 s old exactly
    closeIdleConnections(a.core, a.m, NOW_MS + 15_001);
    expect([a.link.pc, closes(a.core)]).toEqual([null, 1]);
    const b = linked();
    b.link.lastPongTimeMs = NOW_MS + 20_000;
    b.link.pcLastActivityMs = NOW_MS + 14_000;
    closeIdleConnections(b.core, b.m, NOW_MS + 20_000);
    expect(b.link.pc).not.toBeNull(); // 6000 ms exactly
    closeIdleConnections(b.core, b.m, NOW_MS + 20_001);
    expect(b.link.pc).toBeNull();
  });
});

describe('§4.1 reconnect throttle and §4.3 periodic commands, at the limits', () => {
  it('a lost command connection is reopened no sooner than one ping-period after the last attempt', () => {
    const { core, m } = coreWithMaster();
    reconnectIfNeeded(core, m, NOW_MS);
    core.closeConn(m.link, 'cc');
    m.link.disconnected = true;
    reconnectIfNeeded(core, m, NOW_MS + 999);
    expect(connects(core)).toHaveLength(2);
    reconnectIfNeeded(core, m, NOW_MS + 1000);
    // Only the command connection: the pub/sub one is still open.
    expect(connects(core).map((e) => (e.kind === 'connect' ? e.purpose : ''))).toEqual([
      'cmd',
      'pubsub',
      'cmd',
    ]);
  });

  it('the first attempt is never throttled, even within the first ping-period of a run', () => {
    const { core, m } = coreWithMaster();
    reconnectIfNeeded(core, m, 500);
    expect(connects(core)).toHaveLength(2);
  });

  it('a record never refreshed gets INFO at once, even early in a run; a peer never gets INFO', () => {
    const { core, m } = coreWithMaster();
    reconnectIfNeeded(core, m, 500);
    sendPeriodicCommands(core, m, 600);
    expect(sentArgv(core).filter((a) => a[0] === 'INFO')).toHaveLength(1);
    const p = addPeer(m, 0);
    reconnectIfNeeded(core, p, NOW_MS);
    const before = sentArgv(core).filter((a) => a[0] === 'INFO').length;
    sendPeriodicCommands(core, p, NOW_MS + 60_000);
    expect(sentArgv(core).filter((a) => a[0] === 'INFO')).toHaveLength(before);
  });
});

describe('§9.1 hellos need a connection and a local address', () => {
  it('no hello without a command connection, or while the local IP is unknown; announce-ip stands in for it', () => {
    const { core, m } = coreWithMaster();
    const publishes = () => sentArgv(core).filter((a) => a[0] === 'PUBLISH');
    expect(sendHello(core, m)).toBe(false); // never connected
    reconnectIfNeeded(core, m, NOW_MS);
    expect(sendHello(core, m)).toBe(false); // local IP not known yet
    m.link.cc!.localIp = '';
    expect(sendHello(core, m)).toBe(false);
    expect(publishes()).toHaveLength(0);
    core.global.announceIp = '192.0.2.7';
    expect(sendHello(core, m)).toBe(true);
    expect(publishes()[0]![2]!.startsWith('192.0.2.7,26379,')).toBe(true);
  });
});

describe('§5.3 forcing a hello update, exactly', () => {
  it('moves a record back by publish-period + 1 only when that keeps its time ≥ 0', () => {
    const { core, m } = coreWithMaster();
    const p0 = addPeer(m, 0);
    const p1 = addPeer(m, 1);
    m.lastPubTimeMs = 2001;
    p0.lastPubTimeMs = 2000;
    p1.lastPubTimeMs = 5000;
    forceHelloUpdate(core, m);
    expect([m.lastPubTimeMs, p0.lastPubTimeMs, p1.lastPubTimeMs]).toEqual([0, 2000, 2999]);
  });
});
