// The engine's mutable state and the primitives every rule module uses: effect emission, events,
// connections and requests, persistence marking, counters and coverage marks. `Sentinel` (sentinel.ts)
// is the public facade; the rule modules (sdown.ts, election.ts, failover.ts, …) are functions of a Core.

import { assert } from './assert.js';
import type { Address, Effect, EventLevel, RandomFn } from './io.js';
import type { Conn, Instance, Link, Master } from './instance.js';
import { masterOf } from './instance.js';
import type { Profile, Timing } from './profile.js';
import { MAX_DESYNC_MS } from './profile.js';
import type { ScriptQueue } from './scripts.js';

/** What a reply to one of our requests is for (routing in replies.ts). */
export type RequestKind = 'ping' | 'info' | 'publish' | 'is-master-down' | 'subscribe' | 'other';

export interface PendingRequest {
  readonly kind: RequestKind;
  readonly inst: Instance;
  readonly link: Link;
  readonly connId: number;
}

export interface EngineOptions {
  /** Count peer votes against the failover epoch instead of the current epoch (fixes §7.3, issue #11571). */
  readonly fixVoteCounting: boolean;
  /** Whether a script path exists and is executable (SENTINEL SET checks it, §1.3); default: yes. */
  readonly scriptExecutable: (path: string) => boolean;
}

export interface GlobalConf {
  port: number;
  announceIp: string | null;
  announcePort: number;
  denyScriptsReconfig: boolean;
  resolveHostnames: boolean;
  announceHostnames: boolean;
  sentinelUser: string | null;
  sentinelPass: string | null;
  requirepass: string | null;
  loglevel: 'debug' | 'verbose' | 'notice' | 'warning' | 'nothing';
  bind: readonly string[];
}

export class Core {
  readonly effects: Effect[] = [];
  readonly masters = new Map<string, Master>();
  readonly conns = new Map<number, { conn: Conn; link: Link }>();
  readonly requests = new Map<number, PendingRequest>();
  /** Inputs the engine ignored because they were malformed, by reason (Sentinel ignores them too). */
  readonly counters = new Map<string, number>();
  /** Coverage marks for rare paths (TigerBeetle style); tests assert a path was reached. */
  readonly marks = new Map<string, number>();
  readonly timing: Timing;
  myid = '';
  currentEpoch = 0;
  tilt = false;
  tiltStartMs = 0;
  previousTimeMs: number;
  hz: number;
  simFailureFlags = 0;
  dirty = false;
  exited = false;
  private nextConnId = 1;
  private nextReqId = 1;
  scripts!: ScriptQueue;

  constructor(
    readonly profile: Profile,
    readonly random: RandomFn,
    readonly options: EngineOptions,
    readonly global: GlobalConf,
    nowMs: number,
  ) {
    this.timing = { ...profile.timing };
    this.previousTimeMs = nowMs;
    this.hz = profile.hzBase;
  }

  mark(name: string): void {
    this.marks.set(name, (this.marks.get(name) ?? 0) + 1);
  }

  count(reason: string): void {
    this.counters.set(reason, (this.counters.get(reason) ?? 0) + 1);
  }

  /** `rand() % 1000` (§7.2, §7.4). */
  desyncMs(): number {
    const r = Math.floor(this.random() * MAX_DESYNC_MS);
    return Math.min(Math.max(r, 0), MAX_DESYNC_MS - 1);
  }

  randomInt(n: number): number {
    return Math.min(Math.max(Math.floor(this.random() * n), 0), n - 1);
  }

  /** The announced form of an address (§2.2); the engine keeps hostname and IP as one string. */
  announced(addr: Address): string {
    return addr.host;
  }

  details(inst: Instance): string {
    const own = `${inst.kind} ${inst.name} ${this.announced(inst.addr)} ${inst.addr.port}`;
    if (inst.kind === 'master') return own;
    const m = inst.master;
    return `${own} @ ${m.name} ${this.announced(m.addr)} ${m.addr.port}`;
  }

  /**
   * Emit an event (§13.1). With an instance the message starts with its details. WARNING events of an
   * instance whose master has a notification script queue that script.
   */
  event(level: EventLevel, type: string, inst: Instance | null, rest = ''): void {
    let message = rest;
    if (inst !== null) message = rest === '' ? this.details(inst) : `${this.details(inst)} ${rest}`;
    this.effects.push({ kind: 'event', level, type, message });
    if (level === 'warning' && inst !== null) {
      const script = masterOf(inst).notificationScript;
      if (script !== null) this.scripts.enqueue(script, [type, message]);
    }
  }

  /**
   * An event without the instance-details prefix (e.g. `+new-epoch <epoch>`, `+switch-master …`). The
   * instance only decides whether the notification script runs, as in Sentinel.
   */
  eventPlain(level: EventLevel, type: string, inst: Instance | null, message: string): void {
    this.effects.push({ kind: 'event', level, type, message });
    if (level === 'warning' && inst !== null) {
      const script = masterOf(inst).notificationScript;
      if (script !== null) this.scripts.enqueue(script, [type, message]);
    }
  }

  persistSoon(): void {
    this.dirty = true;
  }

  // ---- connections and requests -------------------------------------------------------------

  openConn(link: Link, addr: Address, purpose: 'cmd' | 'pubsub'): Conn {
    const conn: Conn = { id: this.nextConnId++, purpose, localIp: null, connected: false };
    this.conns.set(conn.id, { conn, link });
    this.effects.push({
      kind: 'connect',
      connId: conn.id,
      addr: { host: addr.host, port: addr.port },
      purpose,
    });
    return conn;
  }

  /** Close one connection of a link (locally initiated), dropping its outstanding requests. */
  closeConn(link: Link, which: 'cc' | 'pc'): void {
    const conn = link[which];
    if (conn === null) return;
    this.effects.push({ kind: 'close', connId: conn.id });
    this.forgetConn(link, conn);
  }

  /** Bookkeeping shared by a local close and a reported close (§2.3). */
  forgetConn(link: Link, conn: Conn): void {
    this.conns.delete(conn.id);
    for (const [reqId, req] of this.requests) if (req.connId === conn.id) this.requests.delete(reqId);
    if (link.cc === conn) {
      link.cc = null;
      link.pendingCommands = 0;
    }
    if (link.pc === conn) link.pc = null;
    link.disconnected = true;
  }

  closeLink(link: Link): void {
    this.closeConn(link, 'cc');
    this.closeConn(link, 'pc');
  }

  /**
   * Queue a command on a connection of `inst`'s link, through the master's rename table (§4.1).
   * Returns false when that connection does not exist (the caller treats it as "not enqueued").
   */
  send(inst: Instance, which: 'cc' | 'pc', argv: readonly string[], kind: RequestKind): boolean {
    const link = inst.link;
    const conn = link[which];
    if (conn === null) return false;
    assert(argv.length > 0, 'a command has a name');
    const renames = masterOf(inst).renames;
    const renamed = renames.size === 0 ? undefined : renames.get(argv[0]!.toLowerCase())?.[1];
    const finalArgv = renamed === undefined ? argv : [renamed, ...argv.slice(1)];
    const reqId = this.nextReqId++;
    this.requests.set(reqId, { kind, inst, link, connId: conn.id });
    // SUBSCRIBE replies are pub/sub traffic; every other command counts as pending (§4.3 cap).
    if (kind !== 'subscribe') link.pendingCommands++;
    this.effects.push({ kind: 'send', connId: conn.id, reqId, argv: finalArgv });
    return true;
  }
}
