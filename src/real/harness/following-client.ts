// An ioredis client in Sentinel mode that follows +switch-master without ioredis' failoverDetector.
//
// Why: with `failoverDetector: true`, ioredis 6.0.0 ends the client for good ("Connection is closed.",
// status 'end') when +switch-master arrives while it is re-resolving the master: the detector calls
// `connector.disconnect()`, which aborts the sentinel query in flight, and Redis#_connect turns that into
// 'end' without consulting retryStrategy (reproduced in test/real/ioredis-failover-race.test.ts).
// Here a small watcher subscribes to +switch-master on the same sentinel endpoints and reconnects the
// data connection itself, but only while a data stream exists ('connect' or 'ready'): a client that is
// re-resolving will ask the sentinels anyway, and if that resolve returns the old address (answered just
// before the switch), the switch is remembered and applied as soon as that stream connects.
import { Redis, type RedisOptions } from 'ioredis';
import type { Address } from '../../engine/io.js';

export interface FollowingClientOptions {
  readonly sentinels: readonly Address[];
  readonly name: string;
  readonly timeoutMs: number;
  /** Extra ioredis options for the data client (retry strategies, offline queue…). */
  readonly extra?: Partial<RedisOptions>;
}

/** The new master of a `+switch-master` payload `<name> <old-ip> <old-port> <new-ip> <new-port>`. */
export function switchTarget(payload: string, name: string): Address | null {
  const parts = payload.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] !== name) return null;
  const port = Number(parts[4]);
  return Number.isInteger(port) && port > 0 ? { host: parts[3]!, port } : null;
}

export class FollowingClient {
  readonly redis: Redis;
  /** How often a +switch-master made this client drop its data connection. */
  switches = 0;
  private readonly watchers: Redis[] = [];
  private pending: Address | null = null;

  constructor(private readonly options: FollowingClientOptions) {
    this.redis = new Redis({
      sentinels: options.sentinels.map((a) => ({ host: a.host, port: a.port })),
      name: options.name,
      failoverDetector: false,
      connectTimeout: options.timeoutMs,
      sentinelCommandTimeout: options.timeoutMs,
      sentinelRetryStrategy: () => 100,
      retryStrategy: () => 100,
      ...options.extra,
    });
    this.redis.on('error', () => {
      // Connection errors are expected under faults; callers see failed commands.
    });
    this.redis.on('connect', () => this.applyPending());
    for (const s of options.sentinels) this.watchers.push(this.watch(s));
  }

  private watch(sentinel: Address): Redis {
    const sub = new Redis({
      host: sentinel.host,
      port: sentinel.port,
      protocol: 2,
      connectTimeout: this.options.timeoutMs,
      enableReadyCheck: false,
      retryStrategy: () => 200,
      lazyConnect: false,
    });
    sub.on('error', () => {
      // A sentinel that is down or cut: the others still report the switch.
    });
    sub.on('message', (_channel: string, payload: string) => {
      const target = switchTarget(String(payload), this.options.name);
      if (target !== null) this.onSwitch(target);
    });
    sub.subscribe('+switch-master').catch(() => {
      // autoResubscribe re-subscribes after a reconnect.
    });
    return sub;
  }

  /** The remote address of the data connection, when there is one. */
  private connectedTo(): Address | null {
    const stream = (this.redis as unknown as { stream?: { remoteAddress?: string; remotePort?: number } })
      .stream;
    if (stream?.remotePort === undefined) return null;
    return { host: stream.remoteAddress ?? '', port: stream.remotePort };
  }

  private onSwitch(target: Address): void {
    this.pending = target;
    const status = this.redis.status;
    if (status === 'ready' || status === 'connect') this.applyPending();
  }

  /** Drops the data connection if it is not on the announced new master (never mid-resolve). */
  private applyPending(): void {
    const target = this.pending;
    if (target === null) return;
    const at = this.connectedTo();
    if (at === null) return;
    this.pending = null;
    if (at.port === target.port) return;
    this.switches++;
    this.redis.disconnect(true);
  }

  close(): void {
    for (const w of this.watchers) w.disconnect();
    this.redis.disconnect();
  }
}
