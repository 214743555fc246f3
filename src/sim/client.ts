// A workload client (Jepsen's Redis set test, done the ioredis way): it adds unique integers to one set
// at `writesPerSec`, pipelined on one connection to whatever its discovery strategy says is the master,
// and records every operation through `ctx.record` with true time:
//   invoke → ok (the server replied with an integer: acknowledged),
//          → fail (an error reply, e.g. -READONLY or -NOREPLICAS, or no connection: not applied),
//          → info (no reply within `opTimeoutMs`, or the connection died with it in flight: unknown).
// The client rediscovers the master when its connection closes (Sentinel's CLIENT KILL after a failover)
// or on -READONLY (ioredis users' usual `reconnectOnError`), backing off 100 ms, 200 ms … 2 s.
import type { Address, ProcessContext, SimProcess, SimSocket, TimerId } from './api.js';
import type { Reply } from '../engine/io.js';
import type { DiscoveryStrategy } from './discovery.js';
import { asRedisMessage, cmd } from './redis/protocol.js';

export interface ClientOptions {
  /** 1-based; values and op ids are `index · 1 000 000 + n`, unique across clients. */
  readonly index: number;
  readonly key: string;
  readonly writesPerSec: number;
  readonly opTimeoutMs: number;
  /** Consecutive timeouts after which the connection is dropped and the master looked up again; null: never. */
  readonly rediscoverAfterTimeouts: number | null;
  /** The client stops invoking operations after this much of its host's time. */
  readonly activeForMs: number;
  readonly connectTimeoutMs: number;
  readonly discovery: DiscoveryStrategy;
  readonly nodeAt: (addr: Address) => string | null;
}

interface WriteEntry {
  readonly kind: 'write';
  readonly value: number;
  timer: TimerId | null;
  /** For the timeout handler, which gets only the entry (no closure per write). */
  readonly client: WorkloadClient;
  readonly conn: Connection;
}

type Pending = { readonly kind: 'verify' } | WriteEntry;

interface Connection {
  readonly sock: SimSocket;
  readonly node: string | null;
  ready: boolean;
  /** Replies arrive in command order: one entry per command sent. */
  readonly pending: Pending[];
  /** Writes that timed out since the last reply on this connection. */
  timeouts: number;
}

export const OPS_PER_CLIENT = 1_000_000;

export class WorkloadClient implements SimProcess {
  private ctx!: ProcessContext;
  private conn: Connection | null = null;
  private discovering = false;
  private attempts = 0;
  private seq = 0;
  private startedLocalMs = 0;

  constructor(private readonly opts: ClientOptions) {}

  start(ctx: ProcessContext): void {
    this.ctx = ctx;
    this.startedLocalMs = ctx.localNowMs();
    // Continue the numbering after a restart so values stay unique.
    this.seq = (ctx.durable.get('client.seq') as number | undefined) ?? 0;
    this.rediscover(0);
    const periodMs = 1000 / this.opts.writesPerSec;
    const tick = (): void => {
      if (this.ctx.localNowMs() - this.startedLocalMs >= this.opts.activeForMs) return;
      this.invokeWrite();
      ctx.setTimer(periodMs, tick);
    };
    ctx.setTimer(periodMs, tick);
  }

  private invokeWrite(): void {
    this.seq++;
    this.ctx.durable.set('client.seq', this.seq);
    const value = this.opts.index * OPS_PER_CLIENT + this.seq;
    const conn = this.conn;
    const target = conn?.node ?? null;
    const key = this.opts.key;
    // Records are built as literals (no spreads): two of them per write, on the hot path.
    this.ctx.record({ kind: 'op', opId: value, op: 'write', key, value, target, phase: 'invoke' });
    if (conn === null || !conn.ready) {
      this.ctx.record({
        kind: 'op',
        opId: value,
        op: 'write',
        key,
        value,
        target,
        phase: 'fail',
        error: 'NOCONN no connection to a master',
      });
      return;
    }
    const entry: WriteEntry = { kind: 'write', value, timer: null, client: this, conn };
    entry.timer = this.ctx.setTimerWith(this.opts.opTimeoutMs, WorkloadClient.onWriteTimeout, entry);
    conn.pending.push(entry);
    conn.sock.send({ t: 'cmd', argv: ['SADD', key, String(value)] });
  }

  private static onWriteTimeout(entry: WriteEntry): void {
    entry.timer = null;
    entry.client.complete(entry.conn, entry.value, 'info', 'TIMEOUT no reply within opTimeoutMs');
    entry.client.onTimeout(entry.conn);
  }

  /** With `rediscoverAfterTimeouts`, enough silence in a row means the master is gone: ask again. */
  private onTimeout(conn: Connection): void {
    conn.timeouts++;
    const limit = this.opts.rediscoverAfterTimeouts;
    if (limit !== null && conn.timeouts >= limit && this.conn === conn) this.closeAndRediscover(conn);
  }

  private complete(conn: Connection, value: number, phase: 'ok' | 'fail' | 'info', error?: string): void {
    const key = this.opts.key;
    const target = conn.node;
    this.ctx.record(
      error === undefined
        ? { kind: 'op', opId: value, op: 'write', key, value, target, phase }
        : { kind: 'op', opId: value, op: 'write', key, value, target, phase, error },
    );
  }

  private rediscover(delayMs: number): void {
    if (this.discovering) return;
    this.discovering = true;
    this.ctx.setTimer(delayMs, () => {
      this.opts.discovery.discover(this.ctx, (addr) => {
        this.discovering = false;
        if (addr === null) this.rediscover(this.backoffMs());
        else this.open(addr);
      });
    });
  }

  private backoffMs(): number {
    this.attempts++;
    return Math.min(100 * 2 ** (this.attempts - 1), 2000);
  }

  private open(addr: Address): void {
    const sock = this.ctx.connect(
      addr,
      {
        onMessage: (s, message) => {
          const msg = asRedisMessage(message);
          if (msg?.t === 'reply' && this.conn?.sock.id === s.id) this.onReply(this.conn, msg.reply);
        },
        onClose: (s) => {
          if (this.conn?.sock.id === s.id) this.drop(this.conn);
        },
      },
      { connectTimeoutMs: this.opts.connectTimeoutMs },
    );
    const conn: Connection = { sock, node: this.opts.nodeAt(addr), ready: false, pending: [], timeouts: 0 };
    this.conn = conn;
    if (this.opts.discovery.verifyRole) {
      conn.pending.push({ kind: 'verify' });
      sock.send(cmd('INFO', 'replication'));
    } else {
      conn.ready = true;
    }
  }

  private onReply(conn: Connection, reply: Reply): void {
    const entry = conn.pending.shift();
    if (entry === undefined) return;
    if (entry.kind === 'verify') {
      if (reply.kind === 'info' && reply.info.role === 'master') {
        conn.ready = true;
        this.attempts = 0;
      } else {
        this.closeAndRediscover(conn);
      }
      return;
    }
    conn.timeouts = 0;
    if (entry.timer === null) return; // already recorded as unknown (timed out)
    this.ctx.clearTimer(entry.timer);
    entry.timer = null;
    if (reply.kind === 'int') {
      this.complete(conn, entry.value, 'ok');
      this.attempts = 0;
    } else if (reply.kind === 'error') {
      this.complete(conn, entry.value, 'fail', reply.text);
      if (reply.text.startsWith('READONLY')) this.closeAndRediscover(conn);
    } else {
      this.complete(conn, entry.value, 'info', `unexpected reply ${reply.kind}`);
    }
  }

  private closeAndRediscover(conn: Connection): void {
    conn.sock.close();
    this.drop(conn);
  }

  /** The connection is gone: in-flight writes have an unknown outcome. */
  private drop(conn: Connection): void {
    if (this.conn !== conn) return;
    this.conn = null;
    for (const entry of conn.pending) {
      if (entry.kind !== 'write' || entry.timer === null) continue;
      this.ctx.clearTimer(entry.timer);
      entry.timer = null;
      this.complete(conn, entry.value, 'info', 'CONNLOST connection closed with the request in flight');
    }
    conn.pending.length = 0;
    this.rediscover(this.backoffMs());
  }
}
