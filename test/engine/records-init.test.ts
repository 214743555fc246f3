// §2.3–§2.5 initial values of links and records, address helpers, and the §12 RESET / §9.5
// reset-and-change-address rules applied to hand-built records.
import { describe, expect, it } from 'vitest';
import {
  F,
  FAILOVER_STATE_ORDER,
  hostPort,
  masterOf,
  newLink,
  newMaster,
  newPeer,
  newReplica,
  sameAddr,
} from '../../src/engine/instance.js';
import { flagsText } from '../../src/engine/replies.js';
import {
  releaseMaster,
  removePeersWithRunId,
  resetMaster,
  resetMasterAndChangeAddress,
} from '../../src/engine/reset.js';
import { addPeer, coreWithMaster, eventTypes } from './records.js';

const T0 = 5000;

describe('initial records (§2.3, §2.4)', () => {
  it('a link starts disconnected with ping timers at creation time and everything else 0', () => {
    expect(newLink(T0)).toEqual({
      refcount: 1,
      disconnected: true,
      cc: null,
      pc: null,
      pendingCommands: 0,
      ccConnTimeMs: 0,
      pcConnTimeMs: 0,
      pcLastActivityMs: 0,
      actPingTimeMs: T0,
      lastPingTimeMs: 0,
      lastAvailTimeMs: T0,
      lastPongTimeMs: T0,
      lastReconnTimeMs: 0,
    });
  });

  it('a master, a replica and a peer start with the §2.4 values', () => {
    const m = newMaster(T0, {
      name: 'm',
      addr: { host: '10.0.0.1', port: 6379 },
      quorum: 2,
      downAfterMs: 700,
      failoverTimeoutMs: 9000,
    });
    expect(m).toMatchObject({
      kind: 'master',
      flags: F.MASTER,
      name: 'm',
      runId: null,
      addr: { host: '10.0.0.1', port: 6379 },
      lastPubTimeMs: T0,
      lastHelloTimeMs: T0,
      lastMasterDownReplyTimeMs: T0,
      sDownSinceMs: 0,
      oDownSinceMs: 0,
      downAfterMs: 700,
      infoRefreshMs: 0,
      roleReported: 'master',
      roleReportedTimeMs: T0,
      slaveConfChangeTimeMs: T0,
      info: null,
      leader: null,
      leaderEpoch: 0,
      quorum: 2,
      parallelSyncs: 1,
      failoverTimeoutMs: 9000,
      masterRebootDownAfterMs: 0,
      authPass: null,
      authUser: null,
      notificationScript: null,
      clientReconfigScript: null,
      configEpoch: 0,
      failoverEpoch: 0,
      failoverState: 'none',
      failoverStateChangeMs: 0,
      failoverStartMs: 0,
      promoted: null,
    });
    expect([m.slaves.size, m.sentinels.size, m.renames.size]).toEqual([0, 0, 0]);
    const r = newReplica(T0, m, { host: 'fe80::1', port: 6380 });
    expect(r).toMatchObject({
      kind: 'slave',
      flags: F.SLAVE,
      name: '[fe80::1]:6380',
      roleReported: 'slave',
      downAfterMs: 700,
      masterLinkDownTimeMs: 0,
      slavePriority: 100,
      replicaAnnounced: 1,
      slaveReconfSentMs: 0,
      slaveMasterHost: null,
      slaveMasterPort: 0,
      slaveMasterLinkUp: false,
      slaveReplOffset: 0,
    });
    expect(masterOf(r)).toBe(m);
    const p = newPeer(T0, m, { host: '10.0.0.11', port: 26379 }, 'b'.repeat(40));
    expect(p).toMatchObject({
      kind: 'sentinel',
      flags: F.SENTINEL,
      name: 'b'.repeat(40),
      runId: 'b'.repeat(40),
    });
    expect(p.roleReported).toBeNull();
    expect(masterOf(p)).toBe(m);
    expect(masterOf(m)).toBe(m);
  });

  it('host:port brackets IPv6; addresses compare ports exactly and hosts case-insensitively', () => {
    expect(hostPort({ host: '10.0.0.1', port: 1 })).toBe('10.0.0.1:1');
    expect(hostPort({ host: '::1', port: 2 })).toBe('[::1]:2');
    expect(sameAddr({ host: 'Redis-A', port: 1 }, { host: 'redis-a', port: 1 })).toBe(true);
    expect(sameAddr({ host: 'redis-a', port: 1 }, { host: 'redis-a', port: 2 })).toBe(false);
    expect(sameAddr({ host: 'redis-a', port: 1 }, { host: 'redis-b', port: 1 })).toBe(false);
  });

  it('flags are listed in the §2.5 order with the link state after sentinel', () => {
    const { m } = coreWithMaster();
    m.flags = Object.values(F).reduce((a, b) => a | b, 0);
    expect(flagsText(m)).toBe(
      's_down,o_down,master,slave,sentinel,disconnected,master_down,failover_in_progress,promoted,' +
        'reconf_sent,reconf_inprog,reconf_done,force_failover,script_kill_sent,master_reboot',
    );
    m.link.disconnected = false;
    m.flags = F.MASTER | F.S_DOWN;
    expect(flagsText(m)).toBe('s_down,master');
  });

  it('failover states are numbered in §8.1 order', () => {
    expect(Object.entries(FAILOVER_STATE_ORDER).sort((a, b) => a[1] - b[1])).toEqual([
      ['none', 0],
      ['wait_start', 1],
      ['select_slave', 2],
      ['send_slaveof_noone', 3],
      ['wait_promotion', 4],
      ['reconf_slaves', 5],
      ['update_config', 6],
    ]);
  });
});

describe('SENTINEL RESET on a record (§12)', () => {
  it('keeps only the MASTER flag, forgets failover state and run id, and restarts the link timers', () => {
    const { core, m } = coreWithMaster();
    const r = newReplica(0, m, { host: '10.0.0.2', port: 6379 });
    m.slaves.set(r.name, r);
    addPeer(m, 0);
    m.flags |= F.S_DOWN | F.O_DOWN | F.FAILOVER_IN_PROGRESS | F.FORCE_FAILOVER;
    Object.assign(m, {
      leader: 'x'.repeat(40),
      failoverState: 'wait_promotion',
      failoverStateChangeMs: 10,
      failoverStartMs: 20,
      promoted: r,
      runId: '1'.repeat(40),
      roleReported: 'slave',
      roleReportedTimeMs: 1,
    });
    m.link.lastPingTimeMs = 33;
    resetMaster(core, m, 9000, false);
    expect(m.flags).toBe(F.MASTER);
    expect([m.slaves.size, m.sentinels.size]).toEqual([0, 0]);
    expect(m).toMatchObject({
      leader: null,
      failoverState: 'none',
      failoverStateChangeMs: 0,
      failoverStartMs: 0,
      promoted: null,
      runId: null,
      roleReported: 'master',
      roleReportedTimeMs: 9000,
    });
    expect(m.link).toMatchObject({
      actPingTimeMs: 9000,
      lastPingTimeMs: 0,
      lastAvailTimeMs: 9000,
      lastPongTimeMs: 9000,
      disconnected: true,
    });
    expect(eventTypes(core)).toEqual(['+reset-master']);
    expect(core.effects.filter((x) => x.kind === 'event').map((x) => x.kind === 'event' && x.level)).toEqual([
      'warning',
    ]);
    expect(core.dirty).toBe(false); // a reset does not persist by itself
  });

  it('the address-switch variant keeps the peers and emits no +reset-master', () => {
    const { core, m } = coreWithMaster();
    addPeer(m, 0);
    resetMaster(core, m, 9000, true);
    expect(m.sentinels.size).toBe(1);
    expect(eventTypes(core)).toEqual([]);
  });
});

describe('reset-and-change-address (§9.5)', () => {
  it('the new master leaves the replica list; the old address and the other replicas become replicas', () => {
    const { core, m } = coreWithMaster();
    for (const host of ['10.0.0.2', '10.0.0.3']) {
      const r = newReplica(0, m, { host, port: 6379 });
      m.slaves.set(r.name, r);
    }
    m.sDownSinceMs = 5;
    m.oDownSinceMs = 6;
    resetMasterAndChangeAddress(core, m, { host: '10.0.0.2', port: 6379 }, 7000);
    expect(m.addr).toEqual({ host: '10.0.0.2', port: 6379 });
    expect([...m.slaves.keys()]).toEqual(['10.0.0.3:6379', '10.0.0.1:6379']);
    expect([m.sDownSinceMs, m.oDownSinceMs]).toEqual([0, 0]);
    expect(eventTypes(core)).toEqual(['+slave', '+slave']);
    expect(core.effects.flatMap((x) => (x.kind === 'event' ? [x.level] : []))).toEqual(['notice', 'notice']);
    expect(core.dirty).toBe(true);
    expect(m.slaves.get('10.0.0.1:6379')!.roleReportedTimeMs).toBe(7000);
  });

  it('a replica record at the old master address becomes one replica, announced once', () => {
    const { core, m } = coreWithMaster();
    for (const host of ['10.0.0.1', '10.0.0.2']) {
      const r = newReplica(0, m, { host, port: 6379 });
      m.slaves.set(r.name, r);
    }
    resetMasterAndChangeAddress(core, m, { host: '10.0.0.2', port: 6379 }, 7000);
    expect([...m.slaves.keys()]).toEqual(['10.0.0.1:6379']);
    expect(eventTypes(core)).toEqual(['+slave']);
  });

  it('switching to the same address keeps the replicas and does not list the master as its own replica', () => {
    const { core, m } = coreWithMaster();
    const r = newReplica(0, m, { host: '10.0.0.2', port: 6379 });
    m.slaves.set(r.name, r);
    resetMasterAndChangeAddress(core, m, { host: '10.0.0.1', port: 6379 }, 7000);
    expect([...m.slaves.keys()]).toEqual(['10.0.0.2:6379']);
  });
});

describe('record removal and link sharing (§2.3)', () => {
  it('a shared peer link closes only when its last holder lets go', () => {
    const { core, m } = coreWithMaster();
    const p = addPeer(m, 0);
    p.link.refcount = 2;
    p.link.cc = { id: 77, purpose: 'cmd', localIp: null, connected: true };
    expect(removePeersWithRunId(core, m, p.runId!)).toBe(1);
    expect(p.link.refcount).toBe(1);
    expect(core.effects.filter((e) => e.kind === 'close')).toEqual([]);
    expect(removePeersWithRunId(core, m, p.runId!)).toBe(0);
    const q = addPeer(m, 1);
    q.link.cc = { id: 78, purpose: 'cmd', localIp: null, connected: true };
    releaseMaster(core, m);
    expect(m.sentinels.size).toBe(0);
    expect(q.link.refcount).toBe(0);
    expect(core.effects.filter((e) => e.kind === 'close')).toEqual([{ kind: 'close', connId: 78 }]);
  });

  it('only peers with that run id are removed', () => {
    const { core, m } = coreWithMaster();
    addPeer(m, 0);
    const keep = addPeer(m, 1);
    expect(removePeersWithRunId(core, m, 'f'.repeat(40))).toBe(1);
    expect([...m.sentinels.values()]).toEqual([keep]);
  });
});
