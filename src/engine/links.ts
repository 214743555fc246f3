// Connections and periodic traffic (spec §4): reconnects, the PING / INFO / hello cadence, the
// pending-commands cap and the low-activity heuristics that close idle connections.

import type { Core } from './core.js';
import type { Instance, Master } from './instance.js';
import { F, FAILOVER_STATE_ORDER, has, masterOf } from './instance.js';
import type { Address } from './io.js';
import { HELLO_CHANNEL, MAX_PENDING_COMMANDS } from './profile.js';
import { limit } from './timing.js';

/** AUTH as a client (§4.2): masters/replicas use the master's credentials, peers the sentinel ones. */
function authArgv(core: Core, inst: Instance): string[] | null {
  let user: string | null;
  let pass: string | null;
  if (inst.kind === 'sentinel') {
    if (core.global.sentinelPass !== null) {
      user = core.global.sentinelUser;
      pass = core.global.sentinelPass;
    } else {
      user = null;
      pass = core.global.requirepass;
    }
  } else {
    const m = masterOf(inst);
    user = m.authUser;
    pass = m.authPass;
  }
  if (pass === null) return null;
  return user === null ? ['AUTH', pass] : ['AUTH', user, pass];
}

/** §4.1: reconnect a disconnected link at most once per ping-period. */
export function reconnectIfNeeded(core: Core, inst: Instance, nowMs: number): void {
  const link = inst.link;
  if (!link.disconnected) return;
  if (inst.addr.port === 0) return;
  if (link.lastReconnTimeMs !== 0 && nowMs - link.lastReconnTimeMs < limit.reconnectThrottleMs(core.timing))
    return;
  link.lastReconnTimeMs = nowMs;
  const shortId = core.myid.slice(0, 8);
  if (link.cc === null) {
    link.cc = core.openConn(link, inst.addr, 'cmd');
    link.pendingCommands = 0;
    link.ccConnTimeMs = nowMs;
    const auth = authArgv(core, inst);
    if (auth !== null) core.send(inst, 'cc', auth, 'other');
    core.send(inst, 'cc', ['CLIENT', 'SETNAME', `sentinel-${shortId}-cmd`], 'other');
    sendPing(core, inst, nowMs);
  }
  if (inst.kind !== 'sentinel' && link.pc === null) {
    link.pc = core.openConn(link, inst.addr, 'pubsub');
    link.pcConnTimeMs = nowMs;
    const auth = authArgv(core, inst);
    if (auth !== null) core.send(inst, 'pc', auth, 'other');
    core.send(inst, 'pc', ['CLIENT', 'SETNAME', `sentinel-${shortId}-pubsub`], 'other');
    core.send(inst, 'pc', ['SUBSCRIBE', HELLO_CHANNEL], 'subscribe');
  }
  // Connected as soon as the connections exist, even while the TCP connects are in flight (§4.1).
  if (link.cc !== null && (inst.kind === 'sentinel' || link.pc !== null)) link.disconnected = false;
}

export function sendPing(core: Core, inst: Instance, nowMs: number): boolean {
  if (!core.send(inst, 'cc', ['PING'], 'ping')) return false;
  inst.link.lastPingTimeMs = nowMs;
  if (inst.link.actPingTimeMs === 0) inst.link.actPingTimeMs = nowMs;
  return true;
}

/** PING period: min(down-after, ping-period) (§4.3). */
export function pingPeriodMs(core: Core, inst: Instance): number {
  return limit.pingPeriodMs(core.timing, inst.downAfterMs);
}

/** INFO period (§4.3): 1 s for replicas of a master in ODOWN / failover, or with the link down. */
export function infoPeriodMs(core: Core, inst: Instance): number {
  if (inst.kind === 'slave') {
    const m = inst.master;
    const troubled = has(m, F.O_DOWN | F.FAILOVER_IN_PROGRESS) || inst.masterLinkDownTimeMs !== 0;
    return limit.infoPeriodMs(core.timing, troubled);
  }
  return limit.infoPeriodMs(core.timing, false);
}

/** §4.3: INFO, PING and hello, skipped while disconnected or at the pending-commands cap. */
export function sendPeriodicCommands(core: Core, inst: Instance, nowMs: number): void {
  const link = inst.link;
  if (link.disconnected) return;
  if (link.pendingCommands >= MAX_PENDING_COMMANDS * link.refcount) {
    core.mark('periodic: pending-commands cap reached');
    return;
  }
  // [quirk] no "INFO already pending" check: a slow instance gets one INFO per tick (§4.3).
  if (inst.kind !== 'sentinel') {
    const period = infoPeriodMs(core, inst);
    if (inst.infoRefreshMs === 0 || nowMs - inst.infoRefreshMs > period) {
      core.send(inst, 'cc', ['INFO'], 'info');
    }
  }
  const pp = pingPeriodMs(core, inst);
  if (
    nowMs - link.lastPongTimeMs > pp &&
    nowMs - link.lastPingTimeMs > limit.pingRetryMs(core.timing, inst.downAfterMs)
  ) {
    sendPing(core, inst, nowMs);
  }
  // [quirk] last_pub_time moves only on the PUBLISH reply, so the hello is re-sent every tick until then.
  if (nowMs - inst.lastPubTimeMs > limit.helloPeriodMs(core.timing)) sendHello(core, inst);
}

/** The address GET-MASTER-ADDR-BY-NAME reports: the promoted replica from RECONF_SLAVES on (§8.9). */
export function currentMasterAddr(m: Master): Address {
  if (
    has(m, F.FAILOVER_IN_PROGRESS) &&
    m.promoted !== null &&
    FAILOVER_STATE_ORDER[m.failoverState] >= FAILOVER_STATE_ORDER.reconf_slaves
  ) {
    return m.promoted.addr;
  }
  return m.addr;
}

/** §9.1/§9.2: PUBLISH a hello to one record. No hello without a known local IP. */
export function sendHello(core: Core, inst: Instance): boolean {
  const link = inst.link;
  if (link.disconnected || link.cc === null) return false;
  const ip = core.global.announceIp ?? link.cc.localIp;
  if (ip === null || ip === '') {
    core.mark('hello: local ip unknown, not sent');
    return false;
  }
  const port = core.global.announcePort !== 0 ? core.global.announcePort : core.global.port;
  const m = masterOf(inst);
  const addr = currentMasterAddr(m);
  const payload = [
    ip,
    port,
    core.myid,
    core.currentEpoch,
    m.name,
    core.announced(addr),
    addr.port,
    m.configEpoch,
  ].join(',');
  return core.send(inst, 'cc', ['PUBLISH', HELLO_CHANNEL, payload], 'publish');
}

/** §5.3 rule 1: make every hello of this master due on the next tick. */
export function forceHelloUpdate(core: Core, m: Master): void {
  const step = limit.helloPeriodMs(core.timing) + 1;
  for (const inst of [m, ...m.slaves.values(), ...m.sentinels.values()]) {
    if (inst.lastPubTimeMs >= step) inst.lastPubTimeMs -= step;
  }
}

/** §4.5: close connections that look dead (run inside the SDOWN check, so never in TILT). */
export function closeIdleConnections(core: Core, inst: Instance, nowMs: number): void {
  const link = inst.link;
  const half = limit.idlePingMs(inst.downAfterMs);
  if (
    link.cc !== null &&
    nowMs - link.ccConnTimeMs > limit.idleCmdConnMs(core.timing) &&
    link.actPingTimeMs !== 0 &&
    nowMs - link.actPingTimeMs > half &&
    nowMs - link.lastPongTimeMs > half
  ) {
    core.mark('link: idle command connection closed');
    core.closeConn(link, 'cc');
  }
  if (
    link.pc !== null &&
    nowMs - link.pcConnTimeMs > limit.idleCmdConnMs(core.timing) &&
    nowMs - link.pcLastActivityMs > limit.idlePubsubMs(core.timing)
  ) {
    core.mark('link: idle pub/sub connection closed');
    core.closeConn(link, 'pc');
  }
}

/** The SLAVEOF transaction (§10.1). `target` null means SLAVEOF NO ONE. False if not enqueued. */
export function sendSlaveOf(core: Core, inst: Instance, target: Address | null): boolean {
  const slaveof =
    target === null ? ['SLAVEOF', 'NO', 'ONE'] : ['SLAVEOF', core.announced(target), String(target.port)];
  const commands: string[][] = [
    ['MULTI'],
    slaveof,
    ['CONFIG', 'REWRITE'],
    ['CLIENT', 'KILL', 'TYPE', 'normal'],
    ['CLIENT', 'KILL', 'TYPE', 'pubsub'],
    ['EXEC'],
  ];
  for (const argv of commands) {
    if (!core.send(inst, 'cc', argv, 'other')) return false;
  }
  return true;
}
