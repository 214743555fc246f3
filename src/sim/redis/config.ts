// Options of a simulated redis-server and the part of its configuration that commands can change.
import type { Address } from '../api.js';
import type { RedisSettings } from '../../scenarios/types.js';

/** The settings CONFIG SET/GET and REPLICAOF change and CONFIG REWRITE persists (the "redis.conf"). */
export interface RedisConfig {
  /** null: a master. */
  readonly replicaOf: Address | null;
  readonly minReplicasToWrite: number;
  readonly minReplicasMaxLagS: number;
  readonly replDisklessSyncDelayS: number;
  readonly replBacklogBytes: number;
  readonly replicaPriority: number;
}

export interface RedisOptions {
  readonly port: number;
  /** The initial configuration file; a CONFIG REWRITE replaces it (kept in `ctx.durable`). */
  readonly config: RedisConfig;
  readonly persistence: RedisSettings['persistence'];
  /** Maps an address to the node name the history uses for it (null when unknown). */
  readonly nodeAt: (addr: Address) => string | null;
  /** How often a dirty dataset is snapshotted (persistence 'snapshot'), in host time. */
  readonly snapshotEveryMs: number;
  /** Fixed cost of a full sync transfer once it has started. */
  readonly fullSyncBaseMs: number;
  /** Transfer rate of a full sync. */
  readonly fullSyncBytesPerMs: number;
  /** repl-timeout: a replication link silent this long is dropped (both sides). */
  readonly replTimeoutMs: number;
  /** repl-ping-replica-period: a master adds a PING to the stream this often. */
  readonly replPingPeriodMs: number;
  /**
   * Connect timeout of the replica's link. Redis bounds the connect by repl-timeout, but the OS keeps
   * retransmitting the SYN meanwhile, so a connect across a partition completes soon after it heals.
   * Retrying every few seconds reproduces that whatever the network does with a lost SYN or SYN-ACK.
   */
  readonly replConnectTimeoutMs: number;
}

export const redisOptionDefaults = {
  snapshotEveryMs: 5000,
  fullSyncBaseMs: 100,
  fullSyncBytesPerMs: 50_000,
  replTimeoutMs: 60_000,
  replPingPeriodMs: 10_000,
  replConnectTimeoutMs: 5000,
} as const;

/** The configuration of a node built from a scenario's settings. */
export function configFromSettings(settings: RedisSettings, replicaOf: Address | null): RedisConfig {
  return {
    replicaOf,
    minReplicasToWrite: settings.minReplicasToWrite,
    minReplicasMaxLagS: settings.minReplicasMaxLagS,
    replDisklessSyncDelayS: settings.replDisklessSyncDelayS,
    replBacklogBytes: settings.replBacklogBytes,
    replicaPriority: 100,
  };
}

/** Durable keys (survive a crash of the process). */
export const DURABLE_CONFIG = 'redis.config';
export const DURABLE_SNAPSHOT = 'redis.snapshot';
/** How many times the process started (seeds a fresh random stream per start). */
export const DURABLE_STARTS = 'redis.starts';

export interface Snapshot {
  readonly replid: string;
  readonly offset: number;
  readonly sets: readonly (readonly [string, readonly string[]])[];
}
