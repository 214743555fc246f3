// §8.2–§8.7: the failover state handlers' timeouts and the replica reconfiguration rules, checked on
// hand-built records so each deadline can be probed at its exact boundary.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/engine/core.js';
import { abortFailover, runFailoverStateMachine } from '../../src/engine/failover.js';
import type { Master, Replica } from '../../src/engine/instance.js';
import { F, has, newReplica } from '../../src/engine/instance.js';
import { addPeer, coreWithMaster, eventTypes } from './records.js';

const T0_MS = 1_000_000;
const FAILOVER_TIMEOUT_MS = 8000; // below REDIS_7 election-timeout (10 s)
const RECONF_TIMEOUT_MS = 10_000; // REDIS_7 slave-reconf-timeout

let nextConnId = 1;
function addReplica(m: Master, i: number): Replica {
  const r = newReplica(0, m, { host: `10.0.0.${2 + i}`, port: 6379 });
  r.link.disconnected = false;
  r.link.cc = { id: nextConnId++, purpose: 'cmd', localIp: '10.0.0.100', connected: true };
  m.slaves.set(r.name, r);
  return r;
}

/** A failover in `state` since T0 with replicas 0..n-1; replica 0 is the promoted one. */
function failingOver(state: Master['failoverState'], n = 3, parallelSyncs = 1) {
  const w = coreWithMaster({ failoverTimeoutMs: FAILOVER_TIMEOUT_MS });
  const { m } = w;
  m.flags |= F.O_DOWN | F.FAILOVER_IN_PROGRESS;
  m.parallelSyncs = parallelSyncs;
  m.failoverState = state;
  m.failoverStateChangeMs = T0_MS;
  m.failoverStartMs = T0_MS;
  const rs = Array.from({ length: n }, (_, i) => addReplica(m, i));
  rs[0]!.flags |= F.PROMOTED;
  m.promoted = rs[0]!;
  return { ...w, rs };
}

const slaveofSentTo = (core: Core, r: Replica) =>
  core.effects.filter((e) => e.kind === 'send' && e.connId === r.link.cc?.id && e.argv[0] === 'SLAVEOF')
    .length;

describe('§8.6 abort', () => {
  it('an abort ends the failover, drops a forced failover and un-marks the promoted replica', () => {
    const { core, m, rs } = failingOver('wait_promotion');
    m.flags |= F.FORCE_FAILOVER;
    abortFailover(core, m, T0_MS + 1);
    expect(has(m, F.FAILOVER_IN_PROGRESS | F.FORCE_FAILOVER)).toBe(false);
    expect(m.failoverState).toBe('none');
    expect(has(rs[0]!, F.PROMOTED)).toBe(false);
    expect(m.promoted).toBeNull();
  });

  it('wait_promotion aborts only after more than failover-timeout', () => {
    const { core, m } = failingOver('wait_promotion');
    runFailoverStateMachine(core, m, T0_MS + FAILOVER_TIMEOUT_MS);
    expect(m.failoverState).toBe('wait_promotion');
    runFailoverStateMachine(core, m, T0_MS + FAILOVER_TIMEOUT_MS + 1);
    expect(m.failoverState).toBe('none');
    expect(eventTypes(core)).toContain('-failover-abort-slave-timeout');
  });

  it('send_slaveof_noone waits for a disconnected promoted replica up to failover-timeout, then aborts', () => {
    const { core, m, rs } = failingOver('send_slaveof_noone');
    rs[0]!.link.disconnected = true;
    runFailoverStateMachine(core, m, T0_MS + FAILOVER_TIMEOUT_MS);
    expect(m.failoverState).toBe('send_slaveof_noone');
    runFailoverStateMachine(core, m, T0_MS + FAILOVER_TIMEOUT_MS + 1);
    expect(m.failoverState).toBe('none');
  });

  it('a sentinel that is not elected aborts after min(election-timeout, failover-timeout), not before', () => {
    const { core, m } = failingOver('wait_start');
    core.currentEpoch = 1;
    m.failoverEpoch = 1;
    m.leader = 'f'.repeat(40); // we already voted for someone else, with no peers to back them
    m.leaderEpoch = 1;
    runFailoverStateMachine(core, m, T0_MS + FAILOVER_TIMEOUT_MS);
    expect(m.failoverState).toBe('wait_start');
    runFailoverStateMachine(core, m, T0_MS + FAILOVER_TIMEOUT_MS + 1);
    expect(m.failoverState).toBe('none');
    expect(eventTypes(core)).toContain('-failover-abort-not-elected');
  });

  it('when another sentinel wins the election we do not proceed with our own failover (§7.3)', () => {
    const { core, m } = failingOver('wait_start');
    core.currentEpoch = 1;
    m.failoverEpoch = 1;
    const other = 'f'.repeat(40);
    for (const i of [0, 1]) {
      const p = addPeer(m, i);
      p.leader = other;
      p.leaderEpoch = 1;
    }
    runFailoverStateMachine(core, m, T0_MS + 1);
    expect(m.leader).toBe(other); // our vote followed the majority
    expect(m.failoverState).toBe('wait_start');
    expect(eventTypes(core)).not.toContain('+elected-leader');
  });

  it('a forced failover (SENTINEL FAILOVER) skips the election', () => {
    const { core, m } = failingOver('wait_start');
    m.flags |= F.FORCE_FAILOVER;
    m.leader = 'f'.repeat(40);
    m.leaderEpoch = 1;
    core.currentEpoch = 1;
    m.failoverEpoch = 1;
    runFailoverStateMachine(core, m, T0_MS);
    expect(m.failoverState).toBe('select_slave');
  });
});

describe('§8.7 reconfiguring the other replicas', () => {
  it('parallel-syncs 2 sends SLAVEOF to two replicas in the same tick, never to the promoted one', () => {
    const { core, m, rs } = failingOver('reconf_slaves', 4, 2);
    runFailoverStateMachine(core, m, T0_MS + 1);
    expect(rs.map((r) => slaveofSentTo(core, r))).toEqual([0, 1, 1, 0]);
  });

  it('a disconnected replica is skipped and the next one is reconfigured instead', () => {
    const { core, m, rs } = failingOver('reconf_slaves', 3, 1);
    rs[1]!.link.disconnected = true;
    runFailoverStateMachine(core, m, T0_MS + 1);
    expect(rs.map((r) => slaveofSentTo(core, r))).toEqual([0, 0, 1]);
  });

  it('a replica sent SLAVEOF more than slave-reconf-timeout ago counts as done; exactly at the limit not', () => {
    const { core, m, rs } = failingOver('reconf_slaves', 3, 2);
    rs[1]!.flags |= F.RECONF_SENT;
    rs[1]!.slaveReconfSentMs = T0_MS;
    rs[2]!.flags |= F.RECONF_DONE;
    m.failoverStateChangeMs = T0_MS + RECONF_TIMEOUT_MS; // keep the failover timeout out of the way
    runFailoverStateMachine(core, m, T0_MS + RECONF_TIMEOUT_MS);
    expect(has(rs[1]!, F.RECONF_DONE)).toBe(false);
    runFailoverStateMachine(core, m, T0_MS + RECONF_TIMEOUT_MS + 1);
    expect(has(rs[1]!, F.RECONF_DONE)).toBe(true);
    expect(eventTypes(core)).toContain('-slave-reconf-sent-timeout');
    // As in Redis, the timed-out replica is sent SLAVEOF once more in the same pass.
    expect(slaveofSentTo(core, rs[1]!)).toBe(1);
    expect(m.failoverState).toBe('update_config');
  });

  it('the failover ends when every other replica is done; SDOWN replicas are not waited for', () => {
    const { core, m, rs } = failingOver('reconf_slaves', 3, 1);
    rs[1]!.flags |= F.RECONF_DONE;
    rs[2]!.flags |= F.S_DOWN;
    rs[2]!.link.disconnected = true;
    runFailoverStateMachine(core, m, T0_MS + 1);
    expect(m.failoverState).toBe('update_config');
    expect(eventTypes(core)).toContain('+failover-end');
  });

  it('a replica still in progress keeps the failover in reconf_slaves', () => {
    const { core, m, rs } = failingOver('reconf_slaves', 3, 1);
    rs[1]!.flags |= F.RECONF_DONE;
    rs[2]!.flags |= F.RECONF_INPROG;
    runFailoverStateMachine(core, m, T0_MS + 1);
    expect(m.failoverState).toBe('reconf_slaves');
  });

  it('[quirk] while the promoted replica is SDOWN the failover never ends, even past failover-timeout', () => {
    const { core, m, rs } = failingOver('reconf_slaves', 2, 1);
    rs[1]!.flags |= F.RECONF_DONE;
    rs[0]!.flags |= F.S_DOWN;
    runFailoverStateMachine(core, m, T0_MS + 10 * FAILOVER_TIMEOUT_MS);
    expect(m.failoverState).toBe('reconf_slaves');
  });

  it('after failover-timeout the failover ends anyway; exactly at the limit it does not', () => {
    const { core, m, rs } = failingOver('reconf_slaves', 3, 1);
    rs[1]!.flags |= F.RECONF_INPROG;
    rs[2]!.flags |= F.RECONF_INPROG;
    runFailoverStateMachine(core, m, T0_MS + FAILOVER_TIMEOUT_MS);
    expect(m.failoverState).toBe('reconf_slaves');
    runFailoverStateMachine(core, m, T0_MS + FAILOVER_TIMEOUT_MS + 1);
    expect(m.failoverState).toBe('update_config');
    expect(eventTypes(core)).toContain('+failover-end-for-timeout');
  });

  it('at the timeout every connected replica not yet sent SLAVEOF gets one, once', () => {
    const { core, m, rs } = failingOver('reconf_slaves', 5, 1);
    rs[1]!.flags |= F.RECONF_INPROG; // budget used: the normal loop sends nothing
    rs[2]!.flags |= F.RECONF_DONE;
    rs[4]!.link.disconnected = true;
    runFailoverStateMachine(core, m, T0_MS + FAILOVER_TIMEOUT_MS + 1);
    expect(rs.map((r) => slaveofSentTo(core, r))).toEqual([0, 1, 0, 1, 0]);
    expect(has(rs[3]!, F.RECONF_SENT)).toBe(true);
  });
});
