// The engine runtime: one `Sentinel` (src/engine/sentinel.ts) on real sockets and real timers.
//
// It is the real tier's driver of the engine's call-order contract: ticks from setTimeout with the
// engine's own `nextTickDelayMs()`, local time from an injectable clock (the harness injects offset,
// drift and jumps for clock faults), outgoing links on ioredis (engine-link.ts) through an address
// book, and the Sentinel protocol served on a RESP server (resp-server.ts) so that redis-cli, ioredis
// and peer sentinels (engine or redis-sentinel) talk to it. Nothing from the network may crash it:
// every input is wrapped, and a failure is counted in `faults` and logged.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { parseSentinelConf, rewriteSentinelConf } from '../engine/conf.js';
import type { SentinelConf } from '../engine/conf-types.js';
import type { Address, Effect, EventLevel, RandomFn, Reply } from '../engine/io.js';
import type { Profile } from '../engine/profile.js';
import { Sentinel } from '../engine/sentinel.js';
import { writeFileAtomic } from './atomic-write.js';
import { EngineLink } from './engine-link.js';
import { RespServer } from './resp-server.js';
import { formatLogLine, logEnabled } from './sentinel-log.js';

/** The node's local clock. The harness may skew it; the engine sees only this. */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** Logical address the engine uses → the endpoint this observer dials (a Toxiproxy proxy, say). */
export interface AddressBook {
  endpoint(addr: Address): Address;
}

export const identityAddressBook: AddressBook = { endpoint: (addr) => addr };

export interface RuntimeOptions {
  readonly confText: string;
  /** Where `persist` effects go (atomically). null keeps the rewritten config in memory only. */
  readonly confPath: string | null;
  /** Name used in config error messages; default the path, or "sentinel.conf". */
  readonly confFileName?: string;
  readonly clock?: Clock;
  readonly random?: RandomFn;
  readonly profile?: Profile;
  readonly addressBook?: AddressBook;
  /** Log sink, one line per call (redis-sentinel's format). Default: discard. */
  readonly log?: (line: string) => void;
  /** `exit` effect (SIMULATE-FAILURE) or SHUTDOWN. Default: stop the runtime. */
  readonly onExit?: (code: number) => void;
  /**
   * Extra commands served before the engine's (lower-case name → handler); the harness's lab controls
   * (lab-control.ts) come in here. Default none.
   */
  readonly extraCommands?: ReadonlyMap<string, (argv: readonly string[]) => Reply>;
  /** Observer of every effect after it ran (history collection, tests). */
  readonly onEffect?: (effect: Effect, nowMs: number) => void;
}

/** The conf's first bind address ("-" marks an optional one in Redis), else loopback. */
export function listenHost(conf: SentinelConf): string {
  const first = conf.bind[0];
  return first === undefined ? '127.0.0.1' : first.replace(/^-/, '');
}

const SERVED_COMMANDS = ['sentinel', 'info', 'role', 'publish', 'shutdown'];

export class SentinelRuntime {
  readonly sentinel: Sentinel;
  readonly conf: SentinelConf;
  /** Inputs or effects that threw, by place: they are bugs or hostile input, never fatal. */
  readonly faults = new Map<string, number>();
  private readonly server: RespServer;
  private readonly clock: Clock;
  private readonly book: AddressBook;
  private readonly links = new Map<number, EngineLink>();
  private readonly scripts = new Map<number, ChildProcess>();
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private stopped = false;
  private stopping: Promise<void> | null = null;

  private constructor(private readonly options: RuntimeOptions) {
    this.clock = options.clock ?? systemClock;
    this.book = options.addressBook ?? identityAddressBook;
    const fileName = options.confFileName ?? options.confPath ?? 'sentinel.conf';
    this.conf = parseSentinelConf(options.confText, { fileName });
    this.sentinel = new Sentinel({
      conf: this.conf,
      confText: options.confText,
      random: options.random ?? Math.random,
      nowMs: this.clock.nowMs(),
      ...(options.profile ? { profile: options.profile } : {}),
      rewriteConf: (text, conf) => rewriteSentinelConf(text, conf),
    });
    this.server = new RespServer({
      host: listenHost(this.conf),
      port: this.conf.port,
      ...(this.conf.requirepass === null ? {} : { requirePass: this.conf.requirepass }),
      commandNames: [...SERVED_COMMANDS, ...(options.extraCommands?.keys() ?? [])],
      dispatch: (argv, conn) => this.command(argv, conn.protocol),
    });
  }

  /** Parses the config (ConfError on bad input), listens on its port, starts ticking. */
  static async start(options: RuntimeOptions): Promise<SentinelRuntime> {
    const rt = new SentinelRuntime(options);
    await rt.server.listen();
    rt.log('notice', `Sentinel ID is ${rt.sentinel.myid}`);
    rt.flush();
    rt.scheduleTick();
    return rt;
  }

  get address(): Address {
    return this.server.address;
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Stops ticking, closes every link and the server, kills running scripts. Idempotent. */
  stop(): Promise<void> {
    if (this.stopping !== null) return this.stopping;
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.immediate !== null) clearImmediate(this.immediate);
    for (const link of this.links.values()) link.close();
    this.links.clear();
    for (const child of this.scripts.values()) child.kill('SIGKILL');
    this.scripts.clear();
    this.stopping = this.server.close();
    return this.stopping;
  }

  // ---- inputs ---------------------------------------------------------------------------------

  /**
   * The tick runs from setImmediate, after the timer: Node runs due timers BEFORE it reads sockets, and
   * redis-sentinel's event loop reads sockets before its time events. After a stall (GC, a descheduled
   * process) a reply that already arrived, e.g. the PONG to an outstanding PING, must be handled before
   * the SDOWN check (§6.1), or a healthy instance is declared down (test/real/runtime-io-order.real.test.ts).
   */
  private scheduleTick(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.immediate = setImmediate(() => {
        this.immediate = null;
        this.input('tick', (now) => this.sentinel.handleTick(now));
        this.scheduleTick();
      });
    }, this.sentinel.nextTickDelayMs());
  }

  /** Runs one engine input, then executes the effects it produced. Never throws. */
  private input(place: string, f: (nowMs: number) => void): void {
    if (this.stopped) return;
    try {
      f(this.clock.nowMs());
    } catch (e) {
      this.fault(place, e);
    }
    this.flush();
  }

  private command(argv: readonly string[], protocol: 2 | 3): Reply {
    const extra = this.options.extraCommands?.get((argv[0] ?? '').toLowerCase());
    if (extra !== undefined) return extra(argv);
    if ((argv[0] ?? '').toLowerCase() === 'shutdown') {
      setImmediate(() => this.exit(0));
      return { kind: 'status', text: 'OK' };
    }
    let reply: Reply = { kind: 'error', text: 'ERR sentinel is shutting down' };
    this.input('command', (now) => {
      reply = this.sentinel.handleCommand(now, argv, { protocol });
    });
    return reply;
  }

  private fault(place: string, e: unknown): void {
    this.faults.set(place, (this.faults.get(place) ?? 0) + 1);
    const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
    this.log('warning', `sentinel-lab runtime: ${place} failed: ${text.split('\n')[0]}`);
  }

  // ---- effects --------------------------------------------------------------------------------

  private flush(): void {
    for (const effect of this.sentinel.drainEffects()) {
      try {
        this.execute(effect);
        this.options.onEffect?.(effect, this.clock.nowMs());
      } catch (e) {
        this.fault(`effect ${effect.kind}`, e);
      }
    }
  }

  private execute(e: Effect): void {
    switch (e.kind) {
      case 'connect':
        return this.connect(e.connId, e.addr, e.purpose);
      case 'send':
        return this.links.get(e.connId)?.send(e.reqId, e.argv);
      case 'close':
        this.links.get(e.connId)?.close();
        this.links.delete(e.connId);
        return;
      case 'event':
        this.log(e.level, `${e.type} ${e.message}`);
        // Sentinel publishes every event but debug ones on the channel named after the event (§13.1).
        if (e.level !== 'debug') this.server.publish(e.type, e.message);
        return;
      case 'persist':
        return this.persist(e.text);
      case 'script':
        return this.runScript(e.jobId, e.path, e.args);
      case 'kill-script':
        this.scripts.get(e.jobId)?.kill('SIGKILL');
        return;
      case 'master-addr':
        return;
      case 'exit':
        setImmediate(() => this.exit(e.code));
        return;
      default:
        assertNever(e);
    }
  }

  private connect(connId: number, addr: Address, purpose: 'cmd' | 'pubsub'): void {
    const link = new EngineLink(connId, purpose, this.book.endpoint(addr), {
      connected: (ip) => this.input('connected', (now) => this.sentinel.handleConnected(now, connId, ip)),
      closed: () => {
        this.links.delete(connId);
        this.input('closed', (now) => this.sentinel.handleClosed(now, connId));
      },
      reply: (reqId, reply) =>
        this.input('reply', (now) => this.sentinel.handleReply(now, connId, reqId, reply)),
      message: (channel, payload) =>
        this.input('message', (now) => this.sentinel.handleMessage(now, connId, channel, payload)),
    });
    this.links.set(connId, link);
  }

  private persist(text: string): void {
    if (this.options.confPath === null) return;
    try {
      writeFileAtomic(this.options.confPath, text);
    } catch (e) {
      this.log(
        'warning',
        `WARNING: Sentinel was not able to save the new configuration on disk!!!: ${(e as Error).message}`,
      );
    }
  }

  private runScript(jobId: number, path: string, args: readonly string[]): void {
    const child = spawn(path, [...args], { stdio: 'ignore' });
    this.scripts.set(jobId, child);
    let reported = false;
    const report = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (reported) return;
      reported = true;
      this.scripts.delete(jobId);
      const how =
        signal !== null
          ? { kind: 'signal' as const, signal: osConstants.signals[signal] ?? 9 }
          : { kind: 'exit' as const, code: code ?? 0 };
      this.input('script-exit', (now) => this.sentinel.handleScriptExit(now, jobId, how));
    };
    // A script that cannot be executed counts as exit code 2 (an error not worth retrying), as in Redis.
    child.once('error', () => report(2, null));
    child.once('exit', report);
  }

  private exit(code: number): void {
    if (this.options.onExit) this.options.onExit(code);
    else void this.stop();
  }

  private log(level: EventLevel, text: string): void {
    const sink = this.options.log;
    if (sink === undefined || !logEnabled(level, this.conf.loglevel)) return;
    sink(formatLogLine(level, text, Date.now()));
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected effect ${JSON.stringify(x)}`);
}
