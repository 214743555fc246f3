// §5.1–§5.3: what an INFO reply changes in a record and when Sentinel acts on it, on hand-built records.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/engine/core.js';
import { hostMatches, masterLooksSane, noDownFor, refreshInstanceInfo } from '../../src/engine/info.js';
import type { Master, Replica } from '../../src/engine/instance.js';
import { F, has, newReplica } from '../../src/engine/instance.js';
import type { InfoReply } from '../../src/engine/io.js';
import { coreWithMaster, eventTypes } from './records.js';

const NOW_MS = 1_000_000;
const WAIT_CONVERT_MS = 4 * 2000; // 4 × publish-period
const FAILOVER_TIMEOUT_MS = 10_000;
const RUN_A = 'a1'.repeat(20);
const RUN_B = 'b2'.repeat(20);

function masterInfo(o: Partial<InfoReply> = {}): InfoReply {
  return {
    runId: RUN_A,
    role: 'master',
    masterHost: null,
    masterPort: null,
    masterLinkStatus: null,
    masterLinkDownSinceSeconds: null,
    slavePriority: null,
    slaveReplOffset: null,
    replicaAnnounced: null,
    slaves: [],
    ...o,
  };
}

function replicaInfo(o: Partial<InfoReply> = {}): InfoReply {
  return masterInfo({
    runId: RUN_B,
    role: 'slave',
    masterHost: '10.0.0.1',
    masterPort: 6379,
    masterLinkStatus: 'up',
    masterLinkDownSinceSeconds: null,
    slavePriority: 100,
    slaveReplOffset: 0,
    replicaAnnounced: 1,
    ...o,
  });
}

/** A sane master (fresh INFO, role master) with one connected replica record. */
function world(): { core: Core; m: Master; r: Replica } {
  const w = coreWithMaster({ failoverTimeoutMs: FAILOVER_TIMEOUT_MS });
  refreshInstanceInfo(w.core, w.m, masterInfo(), NOW_MS);
  const r = newReplica(0, w.m, { host: '10.0.0.2', port: 6379 });
  r.link.disconnected = false;
  r.link.cc = { id: 99, purpose: 'cmd', localIp: '10.0.0.100', connected: true };
  w.m.slaves.set(r.name, r);
  return { ...w, r };
}

const slaveofs = (core: Core) => core.effects.filter((e) => e.kind === 'send' && e.argv[0] === 'SLAVEOF');

describe('§5.1 run ids and reboots', () => {
  it('the first run id is recorded silently; a different one later is a +reboot', () => {
    const { core, m } = world();
    expect(m.runId).toBe(RUN_A);
    expect(eventTypes(core)).not.toContain('+reboot');
    refreshInstanceInfo(core, m, masterInfo({ runId: RUN_B }), NOW_MS + 1);
    expect(m.runId).toBe(RUN_B);
    expect(eventTypes(core)).toContain('+reboot');
  });

  it('a reboot marks the master only when master-reboot-down-after-period is set', () => {
    const plain = world();
    refreshInstanceInfo(plain.core, plain.m, masterInfo({ runId: RUN_B }), NOW_MS + 1);
    expect(has(plain.m, F.MASTER_REBOOT)).toBe(false);
    const w = world();
    w.m.masterRebootDownAfterMs = 3000;
    refreshInstanceInfo(w.core, w.m, masterInfo({ runId: RUN_B }), NOW_MS + 1);
    expect(has(w.m, F.MASTER_REBOOT)).toBe(true);
    expect(w.m.masterRebootSinceMs).toBe(NOW_MS + 1);
  });

  it('run ids shorter than 40 characters are ignored; longer ones are cut to 40', () => {
    const { core, m } = world();
    refreshInstanceInfo(core, m, masterInfo({ runId: 'abc' }), NOW_MS + 1);
    expect(m.runId).toBe(RUN_A);
    refreshInstanceInfo(core, m, masterInfo({ runId: `${RUN_A}ff` }), NOW_MS + 2);
    expect(m.runId).toBe(RUN_A);
    expect(eventTypes(core)).not.toContain('+reboot');
  });
});

describe('§5.2 replica discovery and fields', () => {
  it('listed replicas are added once; invalid addresses are counted and skipped', () => {
    const { core, m } = world();
    const slaves = [
      { host: '10.0.0.2', port: 6379 },
      { host: '10.0.0.7', port: 6379 },
      { host: 'not an ip', port: 6379 },
    ];
    refreshInstanceInfo(core, m, masterInfo({ slaves }), NOW_MS + 1);
    refreshInstanceInfo(core, m, masterInfo({ slaves }), NOW_MS + 2);
    expect([...m.slaves.keys()]).toEqual(['10.0.0.2:6379', '10.0.0.7:6379']);
    expect(eventTypes(core).filter((t) => t === '+slave')).toHaveLength(1);
    expect(core.counters.get('info: invalid replica address')).toBe(2);
  });

  it('replica fields are copied: link-down seconds as ms, priority, offset, link status', () => {
    const { core, r } = world();
    const info = replicaInfo({ masterLinkDownSinceSeconds: 7, slavePriority: 5, slaveReplOffset: 42 });
    refreshInstanceInfo(core, r, { ...info, masterLinkStatus: 'down' }, NOW_MS);
    expect([r.masterLinkDownTimeMs, r.slavePriority, r.slaveReplOffset, r.slaveMasterLinkUp]).toEqual([
      7000,
      5,
      42,
      false,
    ]);
    refreshInstanceInfo(core, r, replicaInfo(), NOW_MS + 1);
    expect([r.masterLinkDownTimeMs, r.slaveMasterLinkUp]).toEqual([0, true]);
  });

  it('the master a replica follows changes its config-change time only when it really changes', () => {
    const { core, r } = world();
    refreshInstanceInfo(core, r, replicaInfo(), NOW_MS);
    const t = r.slaveConfChangeTimeMs;
    refreshInstanceInfo(core, r, replicaInfo({ masterHost: '10.0.0.1' }), NOW_MS + 500);
    expect(r.slaveConfChangeTimeMs).toBe(t);
    refreshInstanceInfo(core, r, replicaInfo({ masterPort: 6380 }), NOW_MS + 700);
    expect(r.slaveConfChangeTimeMs).toBe(NOW_MS + 700);
  });
});

describe('§5.3 acting on replica INFO', () => {
  it('a replica reporting role master is turned back into a replica only after 4 × publish-period', () => {
    const { core, m, r } = world();
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS);
    m.infoRefreshMs = NOW_MS + WAIT_CONVERT_MS; // keep the master sane
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS + WAIT_CONVERT_MS);
    expect(slaveofs(core)).toHaveLength(0);
    m.infoRefreshMs = NOW_MS + WAIT_CONVERT_MS + 1;
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS + WAIT_CONVERT_MS + 1);
    expect(slaveofs(core)).toHaveLength(1);
    expect(eventTypes(core)).toContain('+convert-to-slave');
  });

  it('a replica that entered SDOWN within the last 4 × publish-period is not converted yet', () => {
    const { core, m, r } = world();
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS);
    const t = NOW_MS + 3 * WAIT_CONVERT_MS;
    r.sDownSinceMs = t - WAIT_CONVERT_MS;
    m.infoRefreshMs = t;
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), t);
    expect(slaveofs(core)).toHaveLength(0);
    m.infoRefreshMs = t + 1;
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), t + 1);
    expect(slaveofs(core)).toHaveLength(1);
  });

  it('a replica reporting role master is not taken as the promotion unless it is the promoted one', () => {
    const { core, m, r } = world();
    m.flags |= F.FAILOVER_IN_PROGRESS;
    m.failoverState = 'wait_promotion';
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS);
    expect(m.failoverState).toBe('wait_promotion');
  });

  it('nothing is converted while the master does not look sane (stale INFO)', () => {
    const { core, r } = world();
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS);
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS + 2 * 10_000);
    expect(slaveofs(core)).toHaveLength(0);
  });

  it('a replica following another master is fixed only after failover-timeout since that changed', () => {
    const { core, m, r } = world();
    const wrong = replicaInfo({ masterHost: '10.0.0.9' });
    refreshInstanceInfo(core, r, wrong, NOW_MS);
    m.infoRefreshMs = NOW_MS + FAILOVER_TIMEOUT_MS;
    refreshInstanceInfo(core, r, wrong, NOW_MS + FAILOVER_TIMEOUT_MS);
    expect(slaveofs(core)).toHaveLength(0);
    m.infoRefreshMs = NOW_MS + FAILOVER_TIMEOUT_MS + 1;
    refreshInstanceInfo(core, r, wrong, NOW_MS + FAILOVER_TIMEOUT_MS + 1);
    expect(slaveofs(core)).toHaveLength(1);
    expect(eventTypes(core)).toContain('+fix-slave-config');
  });

  it('a replica following our master (host in another case) is left alone', () => {
    const { core, m, r } = world();
    m.addr = { host: 'Redis-A', port: 6379 };
    refreshInstanceInfo(core, r, replicaInfo({ masterHost: 'redis-a' }), NOW_MS);
    m.infoRefreshMs = NOW_MS + 100_000;
    refreshInstanceInfo(core, r, replicaInfo({ masterHost: 'redis-a' }), NOW_MS + 100_000);
    expect(slaveofs(core)).toHaveLength(0);
  });

  it('in TILT no acting rule runs', () => {
    const { core, m, r } = world();
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS);
    core.tilt = true;
    m.infoRefreshMs = NOW_MS + 100_000;
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS + 100_000);
    expect(slaveofs(core)).toHaveLength(0);
  });

  it('the promoted replica reporting role master moves the failover to reconf_slaves in its epoch', () => {
    const { core, m, r } = world();
    m.flags |= F.FAILOVER_IN_PROGRESS;
    m.failoverState = 'wait_promotion';
    m.failoverEpoch = 7;
    r.flags |= F.PROMOTED;
    m.promoted = r;
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS);
    expect(m.failoverState).toBe('reconf_slaves');
    expect(m.configEpoch).toBe(7);
    expect(m.failoverStateChangeMs).toBe(NOW_MS);
  });

  it('a reconfigured replica goes SENT → INPROG when it follows the promoted one, → DONE once its link is up', () => {
    const { core, m, r } = world();
    const promoted = newReplica(0, m, { host: '10.0.0.5', port: 6379 });
    m.slaves.set(promoted.name, promoted);
    m.promoted = promoted;
    r.flags |= F.RECONF_SENT;
    refreshInstanceInfo(core, r, replicaInfo({ masterHost: '10.0.0.1' }), NOW_MS);
    expect(has(r, F.RECONF_SENT)).toBe(true); // still following the old master
    refreshInstanceInfo(
      core,
      r,
      replicaInfo({ masterHost: '10.0.0.5', masterLinkStatus: 'down' }),
      NOW_MS + 1,
    );
    expect([has(r, F.RECONF_SENT), has(r, F.RECONF_INPROG), has(r, F.RECONF_DONE)]).toEqual([
      false,
      true,
      false,
    ]);
    refreshInstanceInfo(core, r, replicaInfo({ masterHost: '10.0.0.5' }), NOW_MS + 2);
    expect([has(r, F.RECONF_INPROG), has(r, F.RECONF_DONE)]).toEqual([false, true]);
  });
});

/** `type message` of every event the core emitted. */
const eventLines = (core: Core): string[] =>
  core.effects.flatMap((e) => (e.kind === 'event' ? [`${e.type} ${e.message}`] : []));

describe('§5.1–§5.3 edges', () => {
  it('an INFO without a run id changes nothing about the recorded one', () => {
    const { core, m } = world();
    refreshInstanceInfo(core, m, masterInfo({ runId: null }), NOW_MS + 1);
    expect(m.runId).toBe(RUN_A);
    expect(eventTypes(core)).not.toContain('+reboot');
  });

  it('replica fields absent from an INFO keep their previous values', () => {
    const { core, r } = world();
    refreshInstanceInfo(
      core,
      r,
      replicaInfo({ slavePriority: 5, slaveReplOffset: 42, masterLinkStatus: 'down', replicaAnnounced: 0 }),
      NOW_MS,
    );
    const none = {
      slavePriority: null,
      slaveReplOffset: null,
      masterLinkStatus: null,
      replicaAnnounced: null,
    };
    refreshInstanceInfo(core, r, replicaInfo(none), NOW_MS + 1);
    expect([r.slavePriority, r.slaveReplOffset, r.slaveMasterLinkUp, r.replicaAnnounced]).toEqual([
      5,
      42,
      false,
      0,
    ]);
  });

  it('role changes: coherent with the record is +role-change, incoherent is -role-change, with the new role', () => {
    const { core, m, r } = world();
    refreshInstanceInfo(core, r, replicaInfo(), NOW_MS);
    refreshInstanceInfo(core, m, masterInfo({ role: 'slave' }), NOW_MS + 1);
    refreshInstanceInfo(core, m, masterInfo(), NOW_MS + 2);
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS + 3);
    refreshInstanceInfo(core, r, replicaInfo(), NOW_MS + 4);
    const roles = eventLines(core).filter((l) => l.includes('role-change'));
    expect(roles).toEqual([
      '-role-change master mymaster 10.0.0.1 6379 new reported role is slave',
      '+role-change master mymaster 10.0.0.1 6379 new reported role is master',
      '-role-change slave 10.0.0.2:6379 10.0.0.2 6379 @ mymaster 10.0.0.1 6379 new reported role is master',
      '+role-change slave 10.0.0.2:6379 10.0.0.2 6379 @ mymaster 10.0.0.1 6379 new reported role is slave',
    ]);
  });

  it('a replica that turns back into a replica restarts its config-change time; turning master does not', () => {
    const { core, r } = world();
    refreshInstanceInfo(core, r, replicaInfo(), NOW_MS);
    const t = r.slaveConfChangeTimeMs;
    refreshInstanceInfo(core, r, replicaInfo({ role: 'master' }), NOW_MS + 100);
    expect(r.slaveConfChangeTimeMs).toBe(t);
    refreshInstanceInfo(core, r, replicaInfo(), NOW_MS + 200); // same master host and port as before
    expect(r.slaveConfChangeTimeMs).toBe(NOW_MS + 200);
  });

  it('a master never refreshed does not look sane, even early in a run; never down counts as not down', () => {
    const { core, m } = coreWithMaster();
    expect(m.infoRefreshMs).toBe(0);
    expect(masterLooksSane(core, m, 1000)).toBe(false);
    expect(noDownFor(m, 5000, 1000)).toBe(true);
    m.sDownSinceMs = 900;
    expect(noDownFor(m, 5000, 1000)).toBe(false);
  });

  it('no host never matches an address', () => {
    expect(hostMatches({ host: '10.0.0.1', port: 6379 }, null)).toBe(false);
    expect(hostMatches({ host: 'Redis-A', port: 6379 }, 'redis-a')).toBe(true);
  });

  it('a replica following the right host on the wrong port is fixed too', () => {
    const { core, m, r } = world();
    const wrong = replicaInfo({ masterPort: 6380 });
    refreshInstanceInfo(core, r, wrong, NOW_MS);
    m.infoRefreshMs = NOW_MS + FAILOVER_TIMEOUT_MS + 1;
    refreshInstanceInfo(core, r, wrong, NOW_MS + FAILOVER_TIMEOUT_MS + 1);
    expect(slaveofs(core).map((e) => (e.kind === 'send' ? e.argv.join(' ') : ''))).toEqual([
      'SLAVEOF 10.0.0.1 6379',
    ]);
  });

  it('a replica following another master is not fixed while our master is subjectively down', () => {
    const { core, m, r } = world();
    const wrong = replicaInfo({ masterHost: '10.0.0.9' });
    refreshInstanceInfo(core, r, wrong, NOW_MS);
    m.infoRefreshMs = NOW_MS + FAILOVER_TIMEOUT_MS + 1;
    m.flags |= F.S_DOWN;
    refreshInstanceInfo(core, r, wrong, NOW_MS + FAILOVER_TIMEOUT_MS + 1);
    expect(slaveofs(core)).toHaveLength(0);
  });

  it('+slave-reconf-inprog is emitted once while the reconfigured replica waits for its link', () => {
    const { core, m, r } = world();
    const promoted = newReplica(0, m, { host: '10.0.0.5', port: 6379 });
    m.slaves.set(promoted.name, promoted);
    m.promoted = promoted;
    r.flags |= F.RECONF_SENT;
    for (let i = 1; i <= 3; i++) {
      refreshInstanceInfo(
        core,
        r,
        replicaInfo({ masterHost: '10.0.0.5', masterLinkStatus: 'down' }),
        NOW_MS + i,
      );
    }
    expect(eventTypes(core).filter((t) => t === '+slave-reconf-inprog')).toHaveLength(1);
  });

  it('a reconfigured replica following the promoted host on another port is not in progress', () => {
    const { core, m, r } = world();
    const promoted = newReplica(0, m, { host: '10.0.0.5', port: 6379 });
    m.slaves.set(promoted.name, promoted);
    m.promoted = promoted;
    r.flags |= F.RECONF_SENT;
    refreshInstanceInfo(core, r, replicaInfo({ masterHost: '10.0.0.5', masterPort: 6380 }), NOW_MS);
    expect([has(r, F.RECONF_SENT), has(r, F.RECONF_INPROG)]).toEqual([true, false]);
  });
});
