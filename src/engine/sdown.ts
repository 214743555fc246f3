// Failure detection (spec §6.1, §6.2) and asking peers (§6.3).

import type { Core } from './core.js';
import type { Instance, Master, Peer } from './instance.js';
import { F, has } from './instance.js';
import type { Reply } from './io.js';
import { closeIdleConnections } from './links.js';
import { limit } from './timing.js';

/** §6.1: SDOWN for any record type. Also runs the §4.5 idle-connection heuristics. */
export function checkSubjectivelyDown(core: Core, inst: Instance, nowMs: number): void {
  const link = inst.link;
  let elapsedMs = 0;
  if (link.actPingTimeMs !== 0) elapsedMs = nowMs - link.actPingTimeMs;
  else if (link.disconnected) elapsedMs = nowMs - link.lastAvailTimeMs;
  closeIdleConnections(core, inst, nowMs);
  const down =
    elapsedMs > inst.downAfterMs ||
    (inst.kind === 'master' &&
      inst.roleReported === 'slave' &&
      nowMs - inst.roleReportedTimeMs > limit.masterRoleSlaveDownMs(core.timing, inst.downAfterMs)) ||
    (inst.kind === 'master' &&
      has(inst, F.MASTER_REBOOT) &&
      nowMs - inst.masterRebootSinceMs > inst.masterRebootDownAfterMs);
  if (down) {
    if (!has(inst, F.S_DOWN)) {
      core.event('warning', '+sdown', inst);
      inst.sDownSinceMs = nowMs;
      inst.flags |= F.S_DOWN;
    }
  } else if (has(inst, F.S_DOWN)) {
    core.event('warning', '-sdown', inst);
    inst.flags &= ~(F.S_DOWN | F.SCRIPT_KILL_SENT);
  }
}

/** §6.2: ODOWN = SDOWN here plus enough peers whose last answer said "down". */
export function checkObjectivelyDown(core: Core, m: Master, nowMs: number): void {
  let votes = 0;
  let odown = false;
  if (has(m, F.S_DOWN)) {
    votes = 1;
    for (const p of m.sentinels.values()) if (has(p, F.MASTER_DOWN)) votes++;
    odown = votes >= m.quorum;
  }
  if (odown) {
    if (!has(m, F.O_DOWN)) {
      core.event('warning', '+odown', m, `#quorum ${votes}/${m.quorum}`);
      m.flags |= F.O_DOWN;
      m.oDownSinceMs = nowMs;
    }
  } else if (has(m, F.O_DOWN)) {
    core.event('warning', '-odown', m);
    m.flags &= ~F.O_DOWN;
  }
}

/** §6.3: expire stale answers, then ask each connected peer whether the master is down. */
export function askOthersMasterState(core: Core, m: Master, nowMs: number, forced: boolean): void {
  for (const p of m.sentinels.values()) {
    if (nowMs - p.lastMasterDownReplyTimeMs > limit.askStaleMs(core.timing)) {
      if (has(p, F.MASTER_DOWN) || p.leader !== null) core.mark('ask: stale answer expired');
      p.flags &= ~F.MASTER_DOWN;
      p.leader = null;
    }
    if (!has(m, F.S_DOWN)) continue;
    if (p.link.disconnected) continue;
    // [quirk] spacing is measured from the last reply, so a silent peer is asked every tick.
    if (!forced && nowMs - p.lastMasterDownReplyTimeMs < limit.askSpacingMs(core.timing)) continue;
    core.send(
      p,
      'cc',
      [
        'SENTINEL',
        'is-master-down-by-addr',
        core.announced(m.addr),
        String(m.addr.port),
        String(core.currentEpoch),
        m.failoverState !== 'none' ? core.myid : '*',
      ],
      'is-master-down',
    );
  }
}

/** §6.3 requester side: accept only [int, string, int]; anything else is ignored (and counted). */
export function handleIsMasterDownReply(core: Core, p: Peer, reply: Reply, nowMs: number): void {
  if (reply.kind !== 'array' || reply.items.length !== 3) {
    core.count('is-master-down: malformed reply');
    return;
  }
  const [isDown, leader, epoch] = reply.items;
  if (isDown?.kind !== 'int' || epoch?.kind !== 'int') {
    core.count('is-master-down: malformed reply');
    return;
  }
  let leaderText: string;
  if (leader?.kind === 'bulk') leaderText = leader.value;
  else if (leader?.kind === 'status') leaderText = leader.text;
  else {
    core.count('is-master-down: malformed reply');
    return;
  }
  p.lastMasterDownReplyTimeMs = nowMs;
  if (isDown.value === 1) p.flags |= F.MASTER_DOWN;
  else p.flags &= ~F.MASTER_DOWN;
  if (leaderText !== '*') {
    p.leader = leaderText;
    p.leaderEpoch = epoch.value;
  }
}
