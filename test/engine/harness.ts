// A small hand-written driver for engine tests: fake redis servers and fake peer Sentinels that answer
// the engine's commands synchronously, a virtual clock, and an event log.

import type { MasterConf, SentinelConf } from '../../src/engine/conf-types.js';
import type { Address, Effect, InfoReply, Reply } from '../../src/engine/io.js';
import type { SentinelInit } from '../../src/engine/sentinel.js';
import { Sentinel } from '../../src/engine/sentinel.js';

export const MYID = 'a'.repeat(40);
export const PEER1 = 'b'.repeat(40);
export const PEER2 = 'c'.repeat(40);

export function masterConf(over: Partial<MasterConf> = {}): MasterConf {
  return {
    name: 'mymaster',
    host: '10.0.0.1',
    port: 6379,
    quorum: 2,
    downAfterMs: 5000,
    failoverTimeoutMs: 10000,
    parallelSyncs: 1,
    masterRebootDownAfterPeriodMs: 0,
    notificationScript: null,
    clientReconfigScript: null,
    authPass: null,
    authUser: null,
    renameCommands: [],
    configEpoch: 0,
    leaderEpoch: 0,
    knownReplicas: [],
    knownSentinels: [],
    ...over,
  };
}

export function sentinelConf(
  over: Partial<SentinelConf> = {},
  masters: MasterConf[] = [masterConf()],
): SentinelConf {
  return {
    port: 26379,
    bind: [],
    myid: MYID,
    currentEpoch: 0,
    announceIp: null,
    announcePort: 0,
    denyScriptsReconfig: true,
    resolveHostnames: false,
    announceHostnames: false,
    sentinelUser: null,
    sentinelPass: null,
    requirepass: null,
    loglevel: 'notice',
    masters,
    ...over,
  };
}

/** A fake node: returns the reply to a command, or null to stay silent. */
export interface FakeNode {
  up: boolean;
  /** Refuse connections (false = connections hang silently when !up). */
  refuse: boolean;
  respond(argv: readonly string[]): Reply | null;
}

export class FakeRedis implements FakeNode {
  up = true;
  refuse = true;
  pingReply: Reply | null = { kind: 'status', text: 'PONG' };
  role: 'master' | 'slave';
  runId: string;
  masterHost: string | null = null;
  masterPort: number | null = null;
  linkUp = true;
  linkDownSinceSeconds: number | null = null;
  priority = 100;
  offset = 0;
  replicaAnnounced = 1;
  slaves: Address[] = [];
  commands: string[][] = [];
  /** Apply SLAVEOF immediately (as a real server would after EXEC). */
  obeySlaveOf = true;
  infoSilent = false;

  constructor(
    readonly addr: Address,
    role: 'master' | 'slave',
    runId: string,
  ) {
    this.role = role;
    this.runId = runId;
  }

  info(): InfoReply {
    const slave = this.role === 'slave';
    return {
      runId: this.runId,
      role: this.role,
      masterHost: slave ? this.masterHost : null,
      masterPort: slave ? this.masterPort : null,
      masterLinkStatus: slave ? (this.linkUp ? 'up' : 'down') : null,
      masterLinkDownSinceSeconds: slave ? this.linkDownSinceSeconds : null,
      slavePriority: slave ? this.priority : null,
      slaveReplOffset: slave ? this.offset : null,
      replicaAnnounced: slave ? this.replicaAnnounced : null,
      slaves: this.role === 'master' ? this.slaves : [],
    };
  }

  respond(argv: readonly string[]): Reply | null {
    this.commands.push([...argv]);
    const cmd = argv[0]!.toUpperCase();
    if (cmd === 'PING') return this.pingReply;
    if (cmd === 'INFO') return this.infoSilent ? null : { kind: 'info', info: this.info() };
    if (cmd === 'PUBLISH') return { kind: 'int', value: 1 };
    if (cmd === 'SUBSCRIBE') return { kind: 'array', items: [] };
    if (cmd === 'SLAVEOF' && this.obeySlaveOf) {
      if (argv[1] === 'NO') this.role = 'master';
      else {
        this.role = 'slave';
        this.masterHost = argv[1]!;
        this.masterPort = Number(argv[2]);
      }
    }
    return { kind: 'status', text: 'OK' };
  }
}

export class FakePeer implements FakeNode {
  up = true;
  refuse = true;
  commands: string[][] = [];
  /** Answer to is-master-down-by-addr; default: "down", and grants the vote to the requester. */
  isDown = 1;
  votesFor: ((requester: string, epoch: number) => { leader: string; epoch: number } | null) | null = (
    r,
    e,
  ) => ({
    leader: r,
    epoch: e,
  });
  answer = true;

  constructor(
    readonly addr: Address,
    readonly runId: string,
  ) {}

  respond(argv: readonly string[]): Reply | null {
    this.commands.push([...argv]);
    const cmd = argv[0]!.toUpperCase();
    if (cmd === 'PING') return { kind: 'status', text: 'PONG' };
    if (cmd === 'PUBLISH') return { kind: 'int', value: 1 };
    if (cmd === 'SENTINEL' && argv[1]?.toLowerCase() === 'is-master-down-by-addr') {
      if (!this.answer) return null;
      const runid = argv[5]!;
      const vote = runid === '*' || this.votesFor === null ? null : this.votesFor(runid, Number(argv[4]));
      return {
        kind: 'array',
        items: [
          { kind: 'int', value: this.isDown },
          { kind: 'bulk', value: vote?.leader ?? '*' },
          { kind: 'int', value: vote?.epoch ?? 0 },
        ],
      };
    }
    return { kind: 'status', text: 'OK' };
  }
}

export interface LoggedEvent {
  readonly atMs: number;
  readonly type: string;
  readonly message: string;
}

interface ConnState {
  readonly addr: Address;
  readonly purpose: 'cmd' | 'pubsub';
  open: boolean;
  subscribed?: boolean;
}

/** Deterministic PRNG (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Harness {
  readonly s: Sentinel;
  nowMs: number;
  readonly events: LoggedEvent[] = [];
  readonly effects: Effect[] = [];
  readonly conns = new Map<number, ConnState>();
  readonly nodes = new Map<string, FakeNode>();
  readonly sends: { atMs: number; connId: number; addr: Address; argv: readonly string[] }[] = [];

  constructor(init: Partial<SentinelInit> & { conf?: SentinelConf } = {}, startMs = 1_000_000) {
    this.nowMs = startMs;
    this.s = new Sentinel({
      conf: init.conf ?? sentinelConf(),
      confText: init.confText ?? '',
      random: init.random ?? (() => 0),
      nowMs: startMs,
      ...(init.profile ? { profile: init.profile } : {}),
      ...(init.options ? { options: init.options } : {}),
    });
    this.pump();
  }

  add(node: FakeNode & { addr: Address }): void {
    this.nodes.set(`${node.addr.host}:${node.addr.port}`, node);
  }

  redis(host: string, port: number, role: 'master' | 'slave', runId: string): FakeRedis {
    const r = new FakeRedis({ host, port }, role, runId);
    this.add(r);
    return r;
  }

  peer(host: string, port: number, runId: string): FakePeer {
    const p = new FakePeer({ host, port }, runId);
    this.add(p);
    return p;
  }

  node(addr: Address): FakeNode | undefined {
    return this.nodes.get(`${addr.host}:${addr.port}`);
  }

  /** Execute effects until none are left; fake nodes answer synchronously. */
  pump(): void {
    for (let guard = 0; guard < 10_000; guard++) {
      const batch = this.s.drainEffects();
      if (batch.length === 0) return;
      for (const e of batch) this.execute(e);
    }
    throw new Error('effects did not settle');
  }

  private execute(e: Effect): void {
    this.effects.push(e);
    switch (e.kind) {
      case 'connect': {
        this.conns.set(e.connId, { addr: e.addr, purpose: e.purpose, open: false });
        const node = this.node(e.addr);
        if (node !== undefined && node.up) {
          this.conns.get(e.connId)!.open = true;
          this.s.handleConnected(this.nowMs, e.connId, '10.0.0.100');
        } else if (node === undefined || node.refuse) {
          this.conns.delete(e.connId);
          this.s.handleClosed(this.nowMs, e.connId);
        }
        return;
      }
      case 'close':
        this.conns.delete(e.connId);
        return;
      case 'send': {
        const c = this.conns.get(e.connId);
        if (c === undefined) return;
        this.sends.push({ atMs: this.nowMs, connId: e.connId, addr: c.addr, argv: e.argv });
        const node = this.node(c.addr);
        if (node === undefined || !node.up || !c.open) return;
        const reply = node.respond(e.argv);
        if (reply !== null) this.s.handleReply(this.nowMs, e.connId, e.reqId, reply);
        if (reply !== null && e.argv[0] === 'SUBSCRIBE' && reply.kind !== 'error') c.subscribed = true;
        // A redis server fans PUBLISH out to its subscribers, including our own pub/sub connection.
        if (reply !== null && e.argv[0] === 'PUBLISH' && node instanceof FakeRedis) {
          for (const [id, sub] of this.conns) {
            if (sub.subscribed === true && sub.addr.host === c.addr.host && sub.addr.port === c.addr.port) {
              this.s.handleMessage(this.nowMs, id, e.argv[1]!, e.argv[2]!);
            }
          }
        }
        return;
      }
      case 'event':
        this.events.push({ atMs: this.nowMs, type: e.type, message: e.message });
        return;
      default:
        return;
    }
  }

  tick(): void {
    this.nowMs += this.s.nextTickDelayMs();
    this.s.handleTick(this.nowMs);
    this.pump();
  }

  /** Tick until `ms` of local time have passed. */
  runFor(ms: number): void {
    const end = this.nowMs + ms;
    while (this.nowMs + this.s.nextTickDelayMs() <= end) this.tick();
  }

  /** Tick until the predicate holds; returns the time, or throws after `maxMs`. */
  runUntil(pred: () => boolean, maxMs: number): number {
    const end = this.nowMs + maxMs;
    while (!pred()) {
      if (this.nowMs > end) throw new Error(`condition not reached within ${maxMs} ms`);
      this.tick();
    }
    return this.nowMs;
  }

  /** Make a node die: existing connections are reset (refusing) or go silent. */
  crash(node: FakeNode & { addr: Address }, mode: 'reset' | 'silent'): void {
    node.up = false;
    node.refuse = mode === 'reset';
    if (mode === 'silent') return;
    for (const [id, c] of [...this.conns]) {
      if (c.addr.host === node.addr.host && c.addr.port === node.addr.port) {
        this.conns.delete(id);
        this.s.handleClosed(this.nowMs, id);
      }
    }
    this.pump();
  }

  command(argv: string[], protocol: 2 | 3 = 2): Reply {
    const r = this.s.handleCommand(this.nowMs, argv, { protocol });
    this.pump();
    return r;
  }

  /** Deliver a hello as if received on a pub/sub connection to the master. */
  hello(payload: string): void {
    const pc = [...this.conns.entries()].find(([, c]) => c.purpose === 'pubsub');
    if (pc === undefined) throw new Error('no pub/sub connection');
    this.s.handleMessage(this.nowMs, pc[0], '__sentinel__:hello', payload);
    this.pump();
  }

  eventTypes(): string[] {
    return this.events.map((e) => e.type);
  }

  has(type: string): boolean {
    return this.events.some((e) => e.type === type);
  }

  first(type: string): LoggedEvent | undefined {
    return this.events.find((e) => e.type === type);
  }

  sentTo(addr: Address, cmd: string): { atMs: number; argv: readonly string[] }[] {
    return this.sends.filter(
      (x) => x.addr.host === addr.host && x.addr.port === addr.port && x.argv[0]!.toUpperCase() === cmd,
    );
  }
}

/** Flat field list of a map reply. */
export function mapFields(r: Reply): string[] {
  if (r.kind !== 'map') throw new Error(`expected a map, got ${r.kind}`);
  return r.entries.map(([k]) => k);
}

export function mapGet(r: Reply, key: string): string | undefined {
  if (r.kind !== 'map') throw new Error(`expected a map, got ${r.kind}`);
  const v = r.entries.find(([k]) => k === key)?.[1];
  return v?.kind === 'bulk' ? v.value : undefined;
}

/** A standard world: master 10.0.0.1:6379 with replicas .2 and .3, peers .11 and .12 (via hello). */
export function standardWorld(
  over: Partial<SentinelConf> = {},
  m: Partial<MasterConf> = {},
  init: Partial<SentinelInit> = {},
) {
  const h = new Harness({ ...init, conf: sentinelConf(over, [masterConf(m)]) });
  const master = h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
  const r1 = h.redis('10.0.0.2', 6379, 'slave', '2'.repeat(40));
  const r2 = h.redis('10.0.0.3', 6379, 'slave', '3'.repeat(40));
  for (const r of [r1, r2]) {
    r.masterHost = '10.0.0.1';
    r.masterPort = 6379;
  }
  master.slaves = [r1.addr, r2.addr];
  const p1 = h.peer('10.0.0.11', 26379, PEER1);
  const p2 = h.peer('10.0.0.12', 26379, PEER2);
  return { h, master, r1, r2, p1, p2 };
}

export function helloFrom(
  peer: FakePeer,
  epoch: number,
  masterAddr: Address,
  configEpoch: number,
  name = 'mymaster',
) {
  return [
    peer.addr.host,
    peer.addr.port,
    peer.runId,
    epoch,
    name,
    masterAddr.host,
    masterAddr.port,
    configEpoch,
  ].join(',');
}

/** Introduce the peers through hellos so they become known Sentinels. */
export function introducePeers(h: Harness, peers: FakePeer[], epoch = 0, configEpoch = 0): void {
  for (const p of peers) h.hello(helloFrom(p, epoch, { host: '10.0.0.1', port: 6379 }, configEpoch));
}

/** The usual failover set-up: the peers are introduced, then the master crashes (connections reset). */
export function startFailover(w: ReturnType<typeof standardWorld>): void {
  w.h.runFor(1000);
  introducePeers(w.h, [w.p1, w.p2]);
  w.h.runFor(1000);
  w.h.crash(w.master, 'reset');
}

/**
 * A third replica (10.0.0.4), r1 ahead (promoted) and r2 that never obeys SLAVEOF: stuck in RECONF_SENT,
 * so the reconfiguration phase runs into its timeouts (§8.7, §8.8).
 */
export function stuckReplicaWorld(m: Partial<MasterConf> = {}): ReturnType<typeof standardWorld> {
  const w = standardWorld({}, m);
  const r3 = w.h.redis('10.0.0.4', 6379, 'slave', '4'.repeat(40));
  r3.masterHost = '10.0.0.1';
  r3.masterPort = 6379;
  w.master.slaves.push(r3.addr);
  w.r1.offset = 10;
  w.r2.obeySlaveOf = false;
  return w;
}

/** Two masters (10.0.0.1 `mymaster`, 10.0.1.1 `other`) and one peer known under both through hellos. */
export function twoMastersOnePeer(): { h: Harness; p: FakePeer } {
  const h = new Harness({
    conf: sentinelConf({}, [masterConf(), masterConf({ name: 'other', host: '10.0.1.1' })]),
  });
  h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
  h.redis('10.0.1.1', 6379, 'master', '5'.repeat(40));
  const p = h.peer('10.0.0.11', 26379, PEER1);
  h.runFor(300);
  h.command(['PUBLISH', '__sentinel__:hello', helloFrom(p, 0, { host: '10.0.0.1', port: 6379 }, 0)]);
  h.command(['PUBLISH', '__sentinel__:hello', helloFrom(p, 0, { host: '10.0.1.1', port: 6379 }, 0, 'other')]);
  h.runFor(300);
  return { h, p };
}
