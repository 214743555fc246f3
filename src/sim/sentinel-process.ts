// The Sentinel process of the simulated world: a SimProcess that runs the pure engine (src/engine/).
// It is the engine's driver in virtual time: ticks through ctx.setTimer at the engine's next deadline,
// engine connections on simulated sockets (redis sim protocol, src/sim/redis/protocol.ts), the engine's
// own command port for clients and peers, sentinel.conf in ctx.durable, and history records for events,
// GET-MASTER-ADDR-BY-NAME changes and persisted configs.

import type { HistoryPayload } from '../check/history.js';
import { parseSentinelConf } from '../engine/conf.js';
import type { Address, Effect, Reply } from '../engine/io.js';
import { PROFILES, REDIS_7 } from '../engine/profile.js';
import { Sentinel } from '../engine/sentinel.js';
import type { ProcessContext, SimSocket, SocketHandler, TimerId } from './api.js';
import { asRedisMessage, cmd } from './redis/protocol.js';
import type { SentinelProcess, SentinelSpec } from './world.js';

/** Key of sentinel.conf in the node's durable storage. A `config-loss` fault deletes it. */
export const SENTINEL_CONF_KEY = 'sentinel.conf';

/** The sentinel.conf every Sentinel of a scenario starts from (sentinel.conf as an operator writes it). */
export function initialSentinelConf(spec: SentinelSpec): string {
  const s = spec.scenario.sentinel;
  const m = spec.initialMaster;
  return [
    `port ${spec.node.port}`,
    `sentinel monitor ${s.masterName} ${m.host} ${m.port} ${s.quorum}`,
    `sentinel down-after-milliseconds ${s.masterName} ${s.downAfterMs}`,
    `sentinel failover-timeout ${s.masterName} ${s.failoverTimeoutMs}`,
    `sentinel parallel-syncs ${s.masterName} ${s.parallelSyncs}`,
    '',
  ].join('\n');
}

/** What the engine is told about every client of its port: RESP2. */
const CLIENT_CONTEXT = { protocol: 2 } as const;

interface OutConn {
  readonly sock: SimSocket;
  /** Request ids in send order; each reply answers the oldest (protocol.ts). */
  readonly pending: number[];
}

export class SimSentinelProcess implements SentinelProcess {
  private ctx: ProcessContext | null = null;
  private engine: Sentinel | null = null;
  private readonly out = new Map<number, OutConn>();
  private readonly subscribers = new Map<SimSocket, Set<string>>();
  private readonly view = new Map<string, string | null>();
  private tickTimer: TimerId | null = null;
  private dead = false;

  constructor(private readonly spec: SentinelSpec) {}

  start(ctx: ProcessContext): void {
    this.ctx = ctx;
    const stored = ctx.durable.get(SENTINEL_CONF_KEY);
    const text = typeof stored === 'string' ? stored : initialSentinelConf(this.spec);
    const profileName = this.spec.scenario.sentinel.profile;
    this.engine = new Sentinel({
      conf: parseSentinelConf(text),
      confText: text,
      random: () => ctx.random.next(),
      nowMs: ctx.localNowMs(),
      profile: PROFILES.get(profileName) ?? REDIS_7,
    });
    ctx.listen(this.spec.node.port, (sock) => this.serve(sock));
    this.flush();
    this.scheduleTick();
  }

  views(): Readonly<Record<string, string | null>> {
    return Object.fromEntries(this.view);
  }

  // ---- ticks and effects ----------------------------------------------------------------------

  private scheduleTick(): void {
    const ctx = this.ctx;
    const engine = this.engine;
    if (ctx === null || engine === null || this.dead) return;
    this.tickTimer = ctx.setTimer(engine.nextTickDelayMs(), this.onTick);
  }

  private readonly onTick = (): void => {
    this.tickTimer = null;
    const engine = this.live();
    if (engine !== null) {
      engine.handleTick(this.ctx!.localNowMs());
      this.flush();
    }
    this.scheduleTick();
  };

  /** The engine while this process runs it (hot paths call it directly instead of `input`). */
  private live(): Sentinel | null {
    return this.dead || this.ctx === null ? null : this.engine;
  }

  /** Feeds one input to the engine with the host's local clock, then executes its effects. */
  private input(f: (s: Sentinel, nowMs: number) => void): void {
    if (this.dead || this.engine === null || this.ctx === null) return;
    f(this.engine, this.ctx.localNowMs());
    this.flush();
  }

  private flush(): void {
    const engine = this.engine;
    if (engine === null || engine.pendingEffectCount === 0) return;
    for (const e of engine.drainEffects()) this.execute(e);
  }

  private execute(e: Effect): void {
    const ctx = this.ctx!;
    switch (e.kind) {
      case 'connect':
        return this.connect(e.connId, e.addr);
      case 'close': {
        const c = this.out.get(e.connId);
        this.out.delete(e.connId);
        c?.sock.close();
        return;
      }
      case 'send': {
        const c = this.out.get(e.connId);
        if (c === undefined) return;
        c.pending.push(e.reqId);
        c.sock.send(cmd(...e.argv));
        return;
      }
      case 'event':
        if (e.level === 'debug') return;
        ctx.record({ kind: 'sentinel-event', type: e.type, level: e.level, message: e.message });
        this.publish(e.type, e.message);
        return;
      case 'persist':
        ctx.durable.set(SENTINEL_CONF_KEY, e.text);
        ctx.record({ kind: 'config', currentEpoch: e.summary.currentEpoch, masters: e.summary.masters });
        return;
      case 'script':
        // No scripts exist in the simulated world: each one "runs" and exits 0 at once.
        ctx.setTimer(0, () =>
          this.input((s, now) => s.handleScriptExit(now, e.jobId, { kind: 'exit', code: 0 })),
        );
        return;
      case 'kill-script':
        return;
      case 'master-addr':
        return this.recordView(e.master, e.addr);
      case 'exit':
        return this.exit();
    }
  }

  private recordView(master: string, addr: Address | null): void {
    const node = addr === null ? null : this.spec.nodeAt(addr);
    this.view.set(master, node);
    const payload: HistoryPayload = {
      kind: 'sentinel-view',
      master,
      addr: addr === null ? null : `${addr.host}:${addr.port}`,
      masterNode: node,
    };
    this.ctx!.record(payload);
  }

  /** SIMULATE-FAILURE: the process stops doing anything (the world sees a silent, dead Sentinel). */
  private exit(): void {
    this.dead = true;
    if (this.tickTimer !== null) this.ctx!.clearTimer(this.tickTimer);
    for (const c of this.out.values()) c.sock.reset();
    this.out.clear();
    for (const sock of this.subscribers.keys()) sock.reset();
    this.subscribers.clear();
  }

  // ---- outgoing connections -----------------------------------------------------------------------

  private connect(connId: number, addr: Address): void {
    const handler: SocketHandler = {
      onOpen: (sock) => this.input((s, now) => s.handleConnected(now, connId, sock.local.host)),
      onMessage: (_sock, message) => this.onOutMessage(connId, message),
      onClose: (_sock, reason) => {
        if (!this.out.delete(connId)) return;
        this.input((s, now) => s.handleClosed(now, connId, reason));
      },
    };
    const sock = this.ctx!.connect(addr, handler);
    this.out.set(connId, { sock, pending: [] });
  }

  private onOutMessage(connId: number, message: unknown): void {
    const c = this.out.get(connId);
    const msg = asRedisMessage(message);
    if (c === undefined || msg === null) return;
    if (msg.t === 'reply') {
      const reqId = c.pending.shift();
      const engine = this.live();
      if (reqId === undefined || engine === null) return;
      engine.handleReply(this.ctx!.localNowMs(), connId, reqId, msg.reply);
      this.flush();
    } else if (msg.t === 'push') {
      const engine = this.live();
      if (engine === null) return;
      engine.handleMessage(this.ctx!.localNowMs(), connId, msg.channel, msg.message);
      this.flush();
    }
  }

  // ---- the Sentinel's own port (clients and peers) --------------------------------------------------

  private serve(sock: SimSocket): SocketHandler {
    return {
      onMessage: (_s, message) => {
        const msg = asRedisMessage(message);
        if (msg?.t !== 'cmd' || this.dead) return;
        sock.send({ t: 'reply', reply: this.command(sock, msg.argv) });
      },
      onClose: () => {
        this.subscribers.delete(sock);
      },
    };
  }

  private command(sock: SimSocket, argv: readonly string[]): Reply {
    const name = (argv[0] ?? '').toLowerCase();
    if (name === 'subscribe' && argv.length >= 2) {
      const channels = this.subscribers.get(sock) ?? new Set<string>();
      for (const ch of argv.slice(1)) channels.add(ch);
      this.subscribers.set(sock, channels);
      const last = argv[argv.length - 1]!;
      return {
        kind: 'array',
        items: [
          { kind: 'bulk', value: 'subscribe' },
          { kind: 'bulk', value: last },
          { kind: 'int', value: channels.size },
        ],
      };
    }
    const engine = this.live();
    if (engine === null) return { kind: 'error', text: 'ERR sentinel is not running' };
    const reply = engine.handleCommand(this.ctx!.localNowMs(), argv, CLIENT_CONTEXT);
    this.flush();
    return reply;
  }

  private publish(channel: string, message: string): void {
    for (const [sock, channels] of this.subscribers) {
      if (channels.has(channel)) sock.send({ t: 'push', kind: 'message', channel, message });
    }
  }
}

/** The world's `sentinelFactory` running the engine. */
export function engineSentinelFactory(spec: SentinelSpec): SentinelProcess {
  return new SimSentinelProcess(spec);
}
