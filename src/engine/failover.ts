// The failover state machine (spec §8): one state handler per master per tick.

import { assert, assertNever } from './assert.js';
import type { Core } from './core.js';
import { getLeader } from './election.js';
import type { Master } from './instance.js';
import { F, FAILOVER_STATE_ORDER, has } from './instance.js';
import type { Address } from './io.js';
import { sendSlaveOf } from './links.js';
import { resetMasterAndChangeAddress } from './reset.js';
import { selectReplica } from './select.js';
import { limit } from './timing.js';

export const SIMFAILURE_CRASH_AFTER_ELECTION = 1;
export const SIMFAILURE_CRASH_AFTER_PROMOTION = 2;

export function runFailoverStateMachine(core: Core, m: Master, nowMs: number): void {
  if (!has(m, F.FAILOVER_IN_PROGRESS)) return;
  const state = m.failoverState;
  switch (state) {
    case 'wait_start':
      return waitStart(core, m, nowMs);
    case 'select_slave':
      return selectSlave(core, m, nowMs);
    case 'send_slaveof_noone':
      return sendSlaveOfNoOne(core, m, nowMs);
    case 'wait_promotion':
      return waitPromotion(core, m, nowMs);
    case 'reconf_slaves':
      return reconfSlaves(core, m, nowMs);
    case 'none':
    case 'update_config':
      return;
    default:
      assertNever(state, 'failover state');
  }
}

/** §8.6: allowed up to WAIT_PROMOTION; the back-off start time is kept. */
export function abortFailover(core: Core, m: Master, nowMs: number): void {
  assert(has(m, F.FAILOVER_IN_PROGRESS), 'abort needs a failover in progress');
  assert(
    FAILOVER_STATE_ORDER[m.failoverState] <= FAILOVER_STATE_ORDER.wait_promotion,
    'abort only up to wait_promotion',
  );
  m.flags &= ~(F.FAILOVER_IN_PROGRESS | F.FORCE_FAILOVER);
  m.failoverState = 'none';
  m.failoverStateChangeMs = nowMs;
  if (m.promoted !== null) {
    m.promoted.flags &= ~F.PROMOTED;
    m.promoted = null;
  }
}

function setState(m: Master, state: Master['failoverState'], nowMs: number): void {
  m.failoverState = state;
  m.failoverStateChangeMs = nowMs;
}

/** SENTINEL SIMULATE-FAILURE: persist what is pending, then exit 99. */
export function simulatedCrash(core: Core): void {
  core.mark('simulate-failure: crash');
  core.exited = true;
}

function waitStart(core: Core, m: Master, nowMs: number): void {
  const leader = getLeader(core, m, m.failoverEpoch, nowMs);
  const isLeader = leader !== null && leader.toLowerCase() === core.myid.toLowerCase();
  if (!isLeader && !has(m, F.FORCE_FAILOVER)) {
    // [quirk] votes are counted at once; the random start offset only shifts this deadline (§7.5).
    if (nowMs - m.failoverStartMs > limit.electionTimeoutMs(core.timing, m.failoverTimeoutMs)) {
      core.event('warning', '-failover-abort-not-elected', m);
      abortFailover(core, m, nowMs);
    }
    return;
  }
  core.event('warning', '+elected-leader', m);
  if ((core.simFailureFlags & SIMFAILURE_CRASH_AFTER_ELECTION) !== 0) return simulatedCrash(core);
  setState(m, 'select_slave', nowMs);
  core.event('warning', '+failover-state-select-slave', m);
}

function selectSlave(core: Core, m: Master, nowMs: number): void {
  const r = selectReplica(core, m, nowMs);
  if (r === null) {
    core.event('warning', '-failover-abort-no-good-slave', m);
    abortFailover(core, m, nowMs);
    return;
  }
  core.event('warning', '+selected-slave', r);
  r.flags |= F.PROMOTED;
  m.promoted = r;
  setState(m, 'send_slaveof_noone', nowMs);
  core.event('notice', '+failover-state-send-slaveof-noone', r);
}

function sendSlaveOfNoOne(core: Core, m: Master, nowMs: number): void {
  const r = m.promoted;
  assert(r !== null, 'a promoted replica exists in send_slaveof_noone');
  if (r.link.disconnected) {
    if (nowMs - m.failoverStateChangeMs > m.failoverTimeoutMs) {
      core.event('warning', '-failover-abort-slave-timeout', m);
      abortFailover(core, m, nowMs);
    }
    return;
  }
  if (sendSlaveOf(core, r, null)) {
    core.event('notice', '+failover-state-wait-promotion', r);
    setState(m, 'wait_promotion', nowMs);
  }
}

function waitPromotion(core: Core, m: Master, nowMs: number): void {
  if (nowMs - m.failoverStateChangeMs > m.failoverTimeoutMs) {
    core.event('warning', '-failover-abort-slave-timeout', m);
    abortFailover(core, m, nowMs);
  }
}

/** §8.7: send SLAVEOF to the other replicas, at most parallel-syncs at a time. */
function reconfSlaves(core: Core, m: Master, nowMs: number): void {
  const promoted = m.promoted;
  assert(promoted !== null, 'a promoted replica exists in reconf_slaves');
  let inProgress = 0;
  for (const r of m.slaves.values()) if (has(r, F.RECONF_SENT | F.RECONF_INPROG)) inProgress++;
  if (inProgress >= m.parallelSyncs) core.mark('reconf: loop skipped, parallel-syncs budget used');
  for (const r of m.slaves.values()) {
    // [quirk] the reconf-sent timeout below is only examined while this loop runs (§8.7).
    if (inProgress >= m.parallelSyncs) break;
    if (has(r, F.PROMOTED | F.RECONF_DONE)) continue;
    if (has(r, F.RECONF_SENT) && nowMs - r.slaveReconfSentMs > limit.slaveReconfTimeoutMs(core.timing)) {
      core.event('notice', '-slave-reconf-sent-timeout', r);
      r.flags &= ~F.RECONF_SENT;
      r.flags |= F.RECONF_DONE;
    }
    if (has(r, F.RECONF_SENT | F.RECONF_INPROG)) continue;
    if (r.link.disconnected) continue;
    if (sendSlaveOf(core, r, promoted.addr)) {
      r.flags |= F.RECONF_SENT;
      r.slaveReconfSentMs = nowMs;
      core.event('notice', '+slave-reconf-sent', r);
      inProgress++;
    }
  }
  detectEnd(core, m, nowMs);
}

function detectEnd(core: Core, m: Master, nowMs: number): void {
  const promoted = m.promoted;
  // [quirk] no timeout at all while the promoted replica is SDOWN.
  if (promoted === null || has(promoted, F.S_DOWN)) return;
  let notDone = 0;
  for (const r of m.slaves.values()) {
    if (!has(r, F.PROMOTED | F.RECONF_DONE) && !has(r, F.S_DOWN)) notDone++;
  }
  let timedOut = false;
  if (nowMs - m.failoverStateChangeMs > m.failoverTimeoutMs) {
    notDone = 0;
    timedOut = true;
    core.event('warning', '+failover-end-for-timeout', m);
  }
  if (notDone === 0) {
    core.event('warning', '+failover-end', m);
    setState(m, 'update_config', nowMs);
  }
  if (!timedOut) return;
  for (const r of m.slaves.values()) {
    if (has(r, F.PROMOTED | F.RECONF_DONE | F.RECONF_SENT)) continue;
    if (r.link.disconnected) continue;
    if (sendSlaveOf(core, r, promoted.addr)) {
      core.event('notice', '+slave-reconf-sent-be', r);
      r.flags |= F.RECONF_SENT;
    }
  }
}

/** §8.8: the leader's switch at UPDATE_CONFIG. */
export function switchToPromoted(core: Core, m: Master, nowMs: number): void {
  const promoted = m.promoted;
  assert(promoted !== null, 'a promoted replica exists at update_config');
  const from: Address = m.addr;
  const to: Address = promoted.addr;
  core.eventPlain(
    'warning',
    '+switch-master',
    m,
    `${m.name} ${core.announced(from)} ${from.port} ${core.announced(to)} ${to.port}`,
  );
  resetMasterAndChangeAddress(core, m, to, nowMs);
}

/** client-reconfig-script arguments (§13.3). */
export function callClientReconfScript(
  core: Core,
  m: Master,
  role: 'leader' | 'observer',
  from: Address,
  to: Address,
): void {
  if (m.clientReconfigScript === null) return;
  core.scripts.enqueue(m.clientReconfigScript, [
    m.name,
    role,
    'start',
    core.announced(from),
    String(from.port),
    core.announced(to),
    String(to.port),
  ]);
}
