// INFO processing (spec §5): parsing into the record, role bookkeeping, and the acting rules.

import type { Core } from './core.js';
import { callClientReconfScript, SIMFAILURE_CRASH_AFTER_PROMOTION, simulatedCrash } from './failover.js';
import type { Instance, Master, Replica } from './instance.js';
import { F, has, hostPort, newReplica } from './instance.js';
import type { Address, InfoReply } from './io.js';
import { forceHelloUpdate, sendSlaveOf } from './links.js';
import { isValidAddress } from './addr.js';
import { limit } from './timing.js';

/** §5.1 + §5.2 + §5.3 for one INFO reply. */
export function refreshInstanceInfo(core: Core, inst: Instance, info: InfoReply, nowMs: number): void {
  parseInfo(core, inst, info, nowMs);
  bookkeepRole(core, inst, info.role, nowMs);
  if (core.tilt) {
    core.mark('info: acting rules skipped in TILT');
    return;
  }
  if (inst.kind === 'slave') actOnReplicaInfo(core, inst, info.role, nowMs);
}

function parseInfo(core: Core, inst: Instance, info: InfoReply, nowMs: number): void {
  inst.info = info;
  if (inst.kind === 'slave') inst.masterLinkDownTimeMs = 0;
  if (info.runId !== null && info.runId.length >= 40) {
    const runId = info.runId.slice(0, 40);
    if (inst.runId === null) inst.runId = runId;
    else if (inst.runId !== runId) {
      core.event('notice', '+reboot', inst);
      if (inst.kind === 'master' && inst.masterRebootDownAfterMs !== 0) {
        inst.flags |= F.MASTER_REBOOT;
        inst.masterRebootSinceMs = nowMs;
      }
      inst.runId = runId;
    }
  }
  if (inst.kind === 'master') discoverReplicas(core, inst, info.slaves, nowMs);
  if (inst.kind === 'slave') parseReplicaFields(inst, info, nowMs);
  inst.infoRefreshMs = nowMs;
}

function discoverReplicas(core: Core, m: Master, slaves: readonly Address[], nowMs: number): void {
  for (const addr of slaves) {
    if (!isValidAddress(core, addr)) {
      core.count('info: invalid replica address');
      continue;
    }
    if (m.slaves.has(hostPort(addr))) continue;
    const r = newReplica(nowMs, m, addr);
    m.slaves.set(r.name, r);
    core.event('notice', '+slave', r);
    core.persistSoon();
  }
}

function parseReplicaFields(r: Replica, info: InfoReply, nowMs: number): void {
  if (info.masterLinkDownSinceSeconds !== null)
    r.masterLinkDownTimeMs = info.masterLinkDownSinceSeconds * 1000;
  if (info.role !== 'slave') return;
  if (info.masterHost !== null && (r.slaveMasterHost ?? '').toLowerCase() !== info.masterHost.toLowerCase()) {
    r.slaveMasterHost = info.masterHost;
    r.slaveConfChangeTimeMs = nowMs;
  }
  if (info.masterPort !== null && r.slaveMasterPort !== info.masterPort) {
    r.slaveMasterPort = info.masterPort;
    r.slaveConfChangeTimeMs = nowMs;
  }
  if (info.masterLinkStatus !== null) r.slaveMasterLinkUp = info.masterLinkStatus === 'up';
  if (info.slavePriority !== null) r.slavePriority = info.slavePriority;
  if (info.slaveReplOffset !== null) r.slaveReplOffset = info.slaveReplOffset;
  if (info.replicaAnnounced !== null) r.replicaAnnounced = info.replicaAnnounced;
}

function bookkeepRole(core: Core, inst: Instance, role: 'master' | 'slave' | null, nowMs: number): void {
  if (role === inst.roleReported) return;
  inst.roleReportedTimeMs = nowMs;
  inst.roleReported = role;
  if (role === 'slave') inst.slaveConfChangeTimeMs = nowMs;
  const coherent =
    (role === 'master' && inst.kind === 'master') || (role === 'slave' && inst.kind === 'slave');
  core.event(
    'verbose',
    coherent ? '+role-change' : '-role-change',
    inst,
    `new reported role is ${role === 'master' ? 'master' : 'slave'}`,
  );
}

/** §5.3 definitions. */
export function masterLooksSane(core: Core, m: Master, nowMs: number): boolean {
  return (
    has(m, F.MASTER) &&
    m.roleReported === 'master' &&
    !has(m, F.S_DOWN | F.O_DOWN) &&
    m.infoRefreshMs !== 0 && // never refreshed: not sane (Redis gets this from a huge wall clock)
    nowMs - m.infoRefreshMs < limit.masterSaneInfoMs(core.timing)
  );
}

/** [quirk] "did not enter a down state within the last X ms" (entry times are never cleared). */
export function noDownFor(inst: Instance, ms: number, nowMs: number): boolean {
  const t = Math.max(inst.sDownSinceMs, inst.oDownSinceMs);
  return t === 0 || nowMs - t > ms;
}

/** Compare a host reported in INFO (or a hello) with an address (§5.3 host match, no DNS). */
export function hostMatches(addr: Address, host: string | null): boolean {
  return host !== null && addr.host.toLowerCase() === host.toLowerCase();
}

function actOnReplicaInfo(core: Core, r: Replica, role: 'master' | 'slave' | null, nowMs: number): void {
  const m = r.master;
  if (role === 'master') {
    if (has(r, F.PROMOTED) && has(m, F.FAILOVER_IN_PROGRESS) && m.failoverState === 'wait_promotion') {
      promotionAcknowledged(core, m, r, nowMs);
      return;
    }
    const waitMs = limit.convertToSlaveWaitMs(core.timing);
    if (
      !has(r, F.PROMOTED) &&
      masterLooksSane(core, m, nowMs) &&
      noDownFor(r, waitMs, nowMs) &&
      nowMs - r.roleReportedTimeMs > waitMs
    ) {
      if (sendSlaveOf(core, r, m.addr)) core.event('notice', '+convert-to-slave', r);
    }
  }
  if (role === 'slave' && (r.slaveMasterPort !== m.addr.port || !hostMatches(m.addr, r.slaveMasterHost))) {
    const waitMs = m.failoverTimeoutMs;
    if (
      masterLooksSane(core, m, nowMs) &&
      noDownFor(r, waitMs, nowMs) &&
      nowMs - r.slaveConfChangeTimeMs > waitMs
    ) {
      if (sendSlaveOf(core, r, m.addr)) core.event('notice', '+fix-slave-config', r);
    }
  }
  if (role === 'slave' && has(r, F.RECONF_SENT | F.RECONF_INPROG)) trackReconf(core, r);
}

/** §5.3 rule 1: the promoted replica reports role:master. */
function promotionAcknowledged(core: Core, m: Master, r: Replica, nowMs: number): void {
  m.configEpoch = m.failoverEpoch;
  m.failoverState = 'reconf_slaves';
  m.failoverStateChangeMs = nowMs;
  core.persistSoon();
  core.event('warning', '+promoted-slave', r);
  if ((core.simFailureFlags & SIMFAILURE_CRASH_AFTER_PROMOTION) !== 0) return simulatedCrash(core);
  core.event('warning', '+failover-state-reconf-slaves', m);
  callClientReconfScript(core, m, 'leader', m.addr, r.addr);
  forceHelloUpdate(core, m);
}

/** §5.3 rule 4: RECONF_SENT → RECONF_INPROG → RECONF_DONE. */
function trackReconf(core: Core, r: Replica): void {
  const promoted = r.master.promoted;
  if (
    has(r, F.RECONF_SENT) &&
    promoted !== null &&
    hostMatches(promoted.addr, r.slaveMasterHost) &&
    r.slaveMasterPort === promoted.addr.port
  ) {
    r.flags &= ~F.RECONF_SENT;
    r.flags |= F.RECONF_INPROG;
    core.event('notice', '+slave-reconf-inprog', r);
  }
  if (has(r, F.RECONF_INPROG) && r.slaveMasterLinkUp) {
    r.flags &= ~F.RECONF_INPROG;
    r.flags |= F.RECONF_DONE;
    core.event('notice', '+slave-reconf-done', r);
  }
}
