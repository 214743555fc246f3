// §4.1–§4.3, §8.9, §5.3: connection setup, the periodic-command cadence and the address announced in
// hellos, checked on hand-built records.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/engine/core.js';
import type { Instance } from '../../src/engine/instance.js';
import { F, newReplica } from '../../src/engine/instance.js';
import {
  currentMasterAddr,
  forceHelloUpdate,
  infoPeriodMs,
  reconnectIfNeeded,
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
