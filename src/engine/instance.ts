// Instance records and links (spec §2.3–§2.5). One shape per record type (master, replica, peer
// Sentinel) over a common base; flags are a bit set because replies list them in a fixed order.

import type { Address, InfoReply } from './io.js';

export const F = {
  MASTER: 1 << 0,
  SLAVE: 1 << 1,
  SENTINEL: 1 << 2,
  S_DOWN: 1 << 3,
  O_DOWN: 1 << 4,
  MASTER_DOWN: 1 << 5,
  FAILOVER_IN_PROGRESS: 1 << 6,
  PROMOTED: 1 << 7,
  RECONF_SENT: 1 << 8,
  RECONF_INPROG: 1 << 9,
  RECONF_DONE: 1 << 10,
  FORCE_FAILOVER: 1 << 11,
  SCRIPT_KILL_SENT: 1 << 12,
  MASTER_REBOOT: 1 << 13,
} as const;

/** Reply order of the flag tokens (§2.5); `disconnected` is the link state, shown after `sentinel`. */
export const FLAG_TOKENS: readonly (readonly [number | 'disconnected', string])[] = [
  [F.S_DOWN, 's_down'],
  [F.O_DOWN, 'o_down'],
  [F.MASTER, 'master'],
  [F.SLAVE, 'slave'],
  [F.SENTINEL, 'sentinel'],
  ['disconnected', 'disconnected'],
  [F.MASTER_DOWN, 'master_down'],
  [F.FAILOVER_IN_PROGRESS, 'failover_in_progress'],
  [F.PROMOTED, 'promoted'],
  [F.RECONF_SENT, 'reconf_sent'],
  [F.RECONF_INPROG, 'reconf_inprog'],
  [F.RECONF_DONE, 'reconf_done'],
  [F.FORCE_FAILOVER, 'force_failover'],
  [F.SCRIPT_KILL_SENT, 'script_kill_sent'],
  [F.MASTER_REBOOT, 'master_reboot'],
];

export type FailoverState =
  | 'none'
  | 'wait_start'
  | 'select_slave'
  | 'send_slaveof_noone'
  | 'wait_promotion'
  | 'reconf_slaves'
  | 'update_config';

/** Numeric order of the states (§8.1); "state ≥ RECONF_SLAVES" comparisons use it. */
export const FAILOVER_STATE_ORDER: Readonly<Record<FailoverState, number>> = {
  none: 0,
  wait_start: 1,
  select_slave: 2,
  send_slaveof_noone: 3,
  wait_promotion: 4,
  reconf_slaves: 5,
  update_config: 6,
};

/** One TCP connection of a link, as the engine tracks it. */
export interface Conn {
  readonly id: number;
  readonly purpose: 'cmd' | 'pubsub';
  /** Local IP of the socket, reported by `handleConnected`; null until then. */
  localIp: string | null;
  connected: boolean;
}

/** A connection pair with its timestamps (§2.3). Peer links are shared across masters (refcount). */
export interface Link {
  refcount: number;
  disconnected: boolean;
  cc: Conn | null;
  pc: Conn | null;
  pendingCommands: number;
  ccConnTimeMs: number;
  pcConnTimeMs: number;
  pcLastActivityMs: number;
  actPingTimeMs: number;
  lastPingTimeMs: number;
  lastAvailTimeMs: number;
  lastPongTimeMs: number;
  lastReconnTimeMs: number;
}

export function newLink(nowMs: number): Link {
  return {
    refcount: 1,
    disconnected: true,
    cc: null,
    pc: null,
    pendingCommands: 0,
    ccConnTimeMs: 0,
    pcConnTimeMs: 0,
    pcLastActivityMs: 0,
    actPingTimeMs: nowMs,
    lastPingTimeMs: 0,
    lastAvailTimeMs: nowMs,
    lastPongTimeMs: nowMs,
    lastReconnTimeMs: 0,
  };
}

interface Base {
  flags: number;
  /** Master: configured name; replica: "host:port"; peer: its run id. */
  name: string;
  runId: string | null;
  addr: Address;
  link: Link;
  lastPubTimeMs: number;
  lastHelloTimeMs: number;
  lastMasterDownReplyTimeMs: number;
  sDownSinceMs: number;
  oDownSinceMs: number;
  downAfterMs: number;
  infoRefreshMs: number;
  roleReported: 'master' | 'slave' | null;
  roleReportedTimeMs: number;
  slaveConfChangeTimeMs: number;
  info: InfoReply | null;
  /** Master record: whom this Sentinel voted for. Peer record: whom that peer said it voted for. */
  leader: string | null;
  leaderEpoch: number;
}

export interface Master extends Base {
  readonly kind: 'master';
  readonly sentinels: Map<string, Peer>;
  slaves: Map<string, Replica>;
  quorum: number;
  parallelSyncs: number;
  failoverTimeoutMs: number;
  masterRebootDownAfterMs: number;
  masterRebootSinceMs: number;
  authPass: string | null;
  authUser: string | null;
  notificationScript: string | null;
  clientReconfigScript: string | null;
  /** Lower-case original command name → [original as configured, renamed name]. */
  renames: Map<string, readonly [string, string]>;
  configEpoch: number;
  failoverEpoch: number;
  failoverState: FailoverState;
  failoverStateChangeMs: number;
  failoverStartMs: number;
  failoverDelayLogged: number;
  promoted: Replica | null;
}

export interface Replica extends Base {
  readonly kind: 'slave';
  readonly master: Master;
  masterLinkDownTimeMs: number;
  slavePriority: number;
  replicaAnnounced: number;
  slaveReconfSentMs: number;
  slaveMasterHost: string | null;
  slaveMasterPort: number;
  slaveMasterLinkUp: boolean;
  slaveReplOffset: number;
}

export interface Peer extends Base {
  readonly kind: 'sentinel';
  readonly master: Master;
}

export type Instance = Master | Replica | Peer;

export function has(inst: { flags: number }, flag: number): boolean {
  return (inst.flags & flag) !== 0;
}

export function hostPort(addr: Address): string {
  return addr.host.includes(':') ? `[${addr.host}]:${addr.port}` : `${addr.host}:${addr.port}`;
}

/** §2.2: equal ports and equal hosts (case-insensitive; the engine keeps no separate resolved IP). */
export function sameAddr(a: Address, b: Address): boolean {
  return a.port === b.port && a.host.toLowerCase() === b.host.toLowerCase();
}

// All three record kinds are built by `newRecord` with the same fields in the same order (a kind's
// unused fields hold neutral values), so they share one hidden class: the per-tick code that walks
// masters, replicas and peers alike (handleInstance, reconnectIfNeeded, sendPeriodicCommands) stays
// monomorphic. The unused fields are not part of a kind's type and nothing reads them.
function newRecord(
  nowMs: number,
  kind: Instance['kind'],
  addr: Address,
  name: string,
  runId: string | null,
  downAfterMs: number,
  master: Master | null,
) {
  return {
    kind,
    flags: kind === 'master' ? F.MASTER : kind === 'slave' ? F.SLAVE : F.SENTINEL,
    name,
    runId,
    addr: { host: addr.host, port: addr.port },
    link: newLink(nowMs),
    lastPubTimeMs: nowMs,
    lastHelloTimeMs: nowMs,
    lastMasterDownReplyTimeMs: nowMs,
    sDownSinceMs: 0,
    oDownSinceMs: 0,
    downAfterMs,
    infoRefreshMs: 0,
    roleReported: kind === 'sentinel' ? null : kind,
    roleReportedTimeMs: nowMs,
    slaveConfChangeTimeMs: nowMs,
    info: null,
    leader: null,
    leaderEpoch: 0,
    // Master fields.
    sentinels: kind === 'master' ? new Map<string, Peer>() : null,
    slaves: kind === 'master' ? new Map<string, Replica>() : null,
    quorum: 0,
    parallelSyncs: 1,
    failoverTimeoutMs: 0,
    masterRebootDownAfterMs: 0,
    masterRebootSinceMs: 0,
    authPass: null,
    authUser: null,
    notificationScript: null,
    clientReconfigScript: null,
    renames: kind === 'master' ? new Map<string, readonly [string, string]>() : null,
    configEpoch: 0,
    failoverEpoch: 0,
    failoverState: 'none',
    failoverStateChangeMs: 0,
    failoverStartMs: 0,
    failoverDelayLogged: 0,
    promoted: null,
    // Replica and peer fields.
    master,
    masterLinkDownTimeMs: 0,
    slavePriority: 100,
    replicaAnnounced: 1,
    slaveReconfSentMs: 0,
    slaveMasterHost: null,
    slaveMasterPort: 0,
    slaveMasterLinkUp: false,
    slaveReplOffset: 0,
  };
}

export interface MasterInit {
  readonly name: string;
  readonly addr: Address;
  readonly quorum: number;
  readonly downAfterMs: number;
  readonly failoverTimeoutMs: number;
}

export function newMaster(nowMs: number, init: MasterInit): Master {
  const m = newRecord(nowMs, 'master', init.addr, init.name, null, init.downAfterMs, null);
  m.quorum = init.quorum;
  m.failoverTimeoutMs = init.failoverTimeoutMs;
  return m as unknown as Master;
}

export function newReplica(nowMs: number, master: Master, addr: Address): Replica {
  return newRecord(
    nowMs,
    'slave',
    addr,
    hostPort(addr),
    null,
    master.downAfterMs,
    master,
  ) as unknown as Replica;
}

export function newPeer(nowMs: number, master: Master, addr: Address, runId: string): Peer {
  return newRecord(nowMs, 'sentinel', addr, runId, runId, master.downAfterMs, master) as unknown as Peer;
}

/** The master of a record (itself for a master). */
export function masterOf(inst: Instance): Master {
  return inst.kind === 'master' ? inst : inst.master;
}
