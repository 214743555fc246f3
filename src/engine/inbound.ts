// Routing of network input to the rules (spec §4.4, §9.3): replies to our requests, pub/sub messages,
// connection state. Malformed input is counted and ignored, never thrown.

import type { Core } from './core.js';
import { processHello } from './hello.js';
import { refreshInstanceInfo } from './info.js';
import { parseInfo } from './info-parse.js';
import type { Instance, Link } from './instance.js';
import { F, has } from './instance.js';
import type { Reply } from './io.js';
import { HELLO_CHANNEL } from './profile.js';
import { handleIsMasterDownReply } from './sdown.js';

/** Is this record still part of the state (not removed by RESET, REMOVE or an address switch)? */
function isLive(core: Core, inst: Instance): boolean {
  switch (inst.kind) {
    case 'master':
      return core.masters.get(inst.name) === inst;
    case 'slave':
      return isLive(core, inst.master) && inst.master.slaves.get(inst.name) === inst;
    case 'sentinel':
      return isLive(core, inst.master) && inst.master.sentinels.get(inst.name) === inst;
  }
}

export function onConnected(core: Core, connId: number, localIp: string | undefined): void {
  const entry = core.conns.get(connId);
  if (entry === undefined) return;
  entry.conn.connected = true;
  entry.conn.localIp = localIp ?? null;
}

export function onClosed(core: Core, connId: number, reason: string): void {
  const entry = core.conns.get(connId);
  if (entry === undefined) return; // closed by us already
  const inst = liveOwner(core, entry.link);
  core.forgetConn(entry.link, entry.conn);
  // Debug-level, so never published (§13.2).
  const type = entry.conn.purpose === 'cmd' ? '-cmd-link-reconnection' : '-pubsub-link-reconnection';
  if (inst !== null) core.event('debug', type, inst, `#${reason}`);
}

/** A live record using this link (peer links are shared; any holder names it in the log). */
function liveOwner(core: Core, link: Link): Instance | null {
  for (const m of core.masters.values()) {
    if (m.link === link) return m;
    for (const r of m.slaves.values()) if (r.link === link) return r;
    for (const p of m.sentinels.values()) if (p.link === link) return p;
  }
  return null;
}

export function onReply(core: Core, connId: number, reqId: number, reply: Reply, nowMs: number): void {
  const req = core.requests.get(reqId);
  if (req === undefined || req.connId !== connId) {
    core.count('reply: unknown request');
    return;
  }
  core.requests.delete(reqId);
  if (req.kind !== 'subscribe' && req.link.pendingCommands > 0) req.link.pendingCommands--;
  const inst = req.inst;
  if (!isLive(core, inst)) {
    core.mark('reply: record released before its reply');
    return;
  }
  switch (req.kind) {
    case 'ping':
      return onPingReply(core, inst, reply, nowMs);
    case 'info':
      if (reply.kind === 'info') return refreshInstanceInfo(core, inst, reply.info, nowMs);
      if (reply.kind === 'bulk') return refreshInstanceInfo(core, inst, parseInfo(reply.value), nowMs);
      core.count('info: unexpected reply type');
      return;
    case 'publish':
      if (reply.kind !== 'error') inst.lastPubTimeMs = nowMs;
      return;
    case 'is-master-down':
      if (inst.kind === 'sentinel') handleIsMasterDownReply(core, inst, reply, nowMs);
      return;
    case 'subscribe':
      onSubscribeReply(core, inst, reply, nowMs);
      return;
    case 'other':
      return;
  }
}

/** §4.4 PING reply: PONG / LOADING / MASTERDOWN are valid; BUSY on an SDOWN instance gets SCRIPT KILL. */
function onPingReply(core: Core, inst: Instance, reply: Reply, nowMs: number): void {
  const link = inst.link;
  if (reply.kind === 'status' || reply.kind === 'error') {
    const text = reply.text;
    if (text.startsWith('PONG') || text.startsWith('LOADING') || text.startsWith('MASTERDOWN')) {
      link.lastAvailTimeMs = nowMs;
      link.actPingTimeMs = 0;
      if (text.startsWith('PONG')) inst.flags &= ~F.MASTER_REBOOT;
    } else if (text.startsWith('BUSY') && has(inst, F.S_DOWN) && !has(inst, F.SCRIPT_KILL_SENT)) {
      if (core.send(inst, 'cc', ['SCRIPT', 'KILL'], 'other')) {
        core.mark('ping: BUSY instance sent SCRIPT KILL');
        inst.flags |= F.SCRIPT_KILL_SENT;
      }
    }
  }
  link.lastPongTimeMs = nowMs;
}

/** A refused SUBSCRIBE tears the pub/sub connection down, as hiredis does (§4.1). */
function onSubscribeReply(core: Core, inst: Instance, reply: Reply, nowMs: number): void {
  if (reply.kind === 'error') {
    core.mark('pubsub: SUBSCRIBE refused, connection closed');
    core.closeConn(inst.link, 'pc');
    return;
  }
  inst.link.pcLastActivityMs = nowMs;
}

/** §9.3: a message on a pub/sub connection. Self-hellos (containing our id) are dropped. */
export function onMessage(core: Core, connId: number, channel: string, payload: string, nowMs: number): void {
  const entry = core.conns.get(connId);
  if (entry === undefined || entry.conn.purpose !== 'pubsub') {
    core.count('message: not on a pub/sub connection');
    return;
  }
  entry.link.pcLastActivityMs = nowMs;
  if (channel !== HELLO_CHANNEL) {
    core.count('message: unexpected channel');
    return;
  }
  if (payload.includes(core.myid)) return;
  processHello(core, payload, nowMs);
}
