// One outgoing connection of the engine (a `connect` effect) on an ioredis client, configured to
// behave like the hiredis async context redis-sentinel uses: no retries, no resubscription, no ready
// check, RESP2, and commands buffered until the TCP connect completes (offline queue). The engine does
// its own reconnects, AUTH and CLIENT SETNAME (spec §4.1), so ioredis must do none of that.
import { Redis, ReplyError } from 'ioredis';
import type { Address, ConnPurpose, Reply } from '../engine/io.js';
import { parseInfo } from './info.js';

/** What the link reports back; every callback is called at most once per event, never after close(). */
export interface LinkEvents {
  connected(localIp: string | undefined): void;
  closed(): void;
  reply(reqId: number, reply: Reply): void;
  message(channel: string, payload: string): void;
}

export class EngineLink {
  private readonly redis: Redis;
  private done = false;

  constructor(
    readonly connId: number,
    readonly purpose: ConnPurpose,
    endpoint: Address,
    private readonly events: LinkEvents,
  ) {
    this.redis = new Redis({
      host: endpoint.host,
      port: endpoint.port,
      lazyConnect: true,
      enableReadyCheck: false,
      enableOfflineQueue: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
      disableClientInfo: true,
      protocol: 2,
    });
    this.redis.on('error', () => {
      // Refused, reset, timed out: 'close' follows and reports it; nothing else to do here.
    });
    this.redis.on('connect', () => {
      if (!this.done) this.events.connected(this.redis.stream?.localAddress);
    });
    this.redis.on('close', () => this.finish(true));
    this.redis.on('end', () => this.finish(true));
    if (purpose === 'pubsub') {
      this.redis.on('message', (channel: string, payload: string) => {
        if (!this.done) this.events.message(String(channel), String(payload));
      });
    }
    this.redis.connect().catch(() => {
      // The 'close' event reports a failed connect.
    });
  }

  /** Sends one command; its reply (or error reply) is reported with `reqId`. */
  send(reqId: number, argv: readonly string[]): void {
    if (this.done) return;
    const [name, ...args] = argv;
    // ioredis keys its pub/sub bookkeeping by the lower-case command name; Redis ignores the case.
    const lower = (name ?? '').toLowerCase();
    this.redis.call(lower, ...args).then(
      (value: unknown) => {
        if (!this.done) this.events.reply(reqId, toReply(value, lower, args.length));
      },
      (e: unknown) => {
        // A ReplyError is Redis's answer; anything else means the connection went away ('close' reports it).
        if (!this.done && e instanceof ReplyError) this.events.reply(reqId, errorReply(e as Error));
      },
    );
  }

  /** Closes the connection at the engine's request; nothing more is reported. */
  close(): void {
    this.done = true;
    this.redis.disconnect();
  }

  private finish(report: boolean): void {
    if (this.done) return;
    this.done = true;
    this.redis.disconnect();
    if (report) this.events.closed();
  }
}

function errorReply(e: Error): Reply {
  return { kind: 'error', text: e.message };
}

/**
 * ioredis hands status and bulk replies over as the same JS string. The engine cares about the
 * difference only for PING (a `+PONG` status), so a string is a status for PING without argument and a
 * bulk otherwise; INFO text is parsed here, at the edge (design: "parsing at the edge").
 */
export function toReply(value: unknown, command: string, argc: number): Reply {
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    const text = String(value);
    if (command === 'info') return { kind: 'info', info: parseInfo(text) };
    if (command === 'ping' && argc === 0) return { kind: 'status', text };
    return { kind: 'bulk', value: text };
  }
  return valueToReply(value);
}

function valueToReply(value: unknown): Reply {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'number') return { kind: 'int', value };
  if (typeof value === 'bigint') return { kind: 'int', value: Number(value) };
  if (typeof value === 'string') return { kind: 'bulk', value };
  if (Buffer.isBuffer(value)) return { kind: 'bulk', value: value.toString('utf8') };
  if (value instanceof Error) return errorReply(value);
  if (Array.isArray(value)) return { kind: 'array', items: value.map(valueToReply) };
  return { kind: 'bulk', value: String(value) };
}
