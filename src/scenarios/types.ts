// Scenarios, fault schedules and workloads are plain data (ARCHITECTURE.md, "Fault schedules").
// The simulator (src/sim/) and the real tier (src/real/) are two executors of the same data.
//
// Node names are fixed by the topology: `redis-1` is the initial master, `redis-2…` its replicas,
// `sentinel-1…` the Sentinels, `client-1…` the workload clients. By default every node runs on a host of
// its own with the same name; `placement` can put several nodes on one host (a box that fails as a unit).

/** A probability, validated to lie in [0, 1]. */
export type Probability = number;

/** Latency distribution of one directed link, in milliseconds. */
export type LatencySpec =
  | { readonly kind: 'constant'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly kind: 'exponential'; readonly minMs: number; readonly meanMs: number }
  /** Mostly `baseMs`-ish, with a Pareto tail: `tailProbability` of messages take `baseMs·(1 + Pareto(alpha))`. */
  | {
      readonly kind: 'long-tail';
      readonly baseMs: number;
      readonly tailProbability: Probability;
      readonly alpha: number;
      readonly maxMs: number;
    };

/**
 * One fault operation. `target`s name nodes (`redis-1`, `sentinel-2`) or hosts; a host-level fault hits
 * every node on that host. Partitions block **directed** pairs: `[a, b]` means a's packets to b are lost.
 */
export type FaultOp =
  /** Kill the process (or every process on the host). It restarts when the fault's duration ends. */
  | {
      readonly kind: 'crash';
      readonly target: string;
      /** 'process': the OS resets connections at once; 'host': the box vanishes silently. */
      readonly mode?: 'process' | 'host';
    }
  /** SIGSTOP-like: nothing runs on the target until the duration ends; connections stay open. */
  | { readonly kind: 'pause'; readonly target: string }
  /**
   * Block directed pairs. `mode` says what happens to packets on a blocked path: 'hold' (the default)
   * delays them until the partition heals, as TCP retransmission does (connections stay open until an
   * endpoint times out); 'blackhole' drops them silently; 'reset' refuses new connections and resets
   * existing ones that cross a blocked pair. New connects across a 'hold' or 'blackhole' cut time out.
   */
  | {
      readonly kind: 'partition';
      readonly blocks: readonly (readonly [string, string])[];
      readonly mode?: 'blackhole' | 'hold' | 'reset';
    }
  /** Degrade a directed link (both directions when `symmetric`). */
  | {
      readonly kind: 'link';
      readonly from: string;
      readonly to: string;
      readonly symmetric?: boolean;
      readonly latency?: LatencySpec;
      /** Fraction of segments lost; modelled as a TCP retransmission delay (the stream stays ordered). */
      readonly lossRate?: Probability;
      /** Fraction of segments retransmitted spuriously (no visible effect on a TCP stream but cost). */
      readonly duplicateRate?: Probability;
      readonly bandwidthKBps?: number;
    }
  /** Step the host's wall clock by `deltaMs` (negative = backwards). Instantaneous. */
  | { readonly kind: 'clock-jump'; readonly target: string; readonly deltaMs: number }
  /** Set the host's clock drift for the duration (parts per million; positive = fast). */
  | { readonly kind: 'clock-drift'; readonly target: string; readonly ppm: number }
  /** Crash a Sentinel and restart it (after the duration) with its sentinel.conf reset to the initial one. */
  | { readonly kind: 'config-loss'; readonly target: string };

/** A fault at an absolute time. `durationMs: null` lasts until the fault phase ends (then healed). */
export interface TimedFault {
  readonly atMs: number;
  readonly durationMs: number | null;
  readonly op: FaultOp;
}

export type FaultSchedule = readonly TimedFault[];

export interface TopologySpec {
  readonly sentinels: number;
  /** Replicas of the initial master (redis-2 …). */
  readonly replicas: number;
  readonly clients: number;
  /** node name → host name, for nodes sharing a box. Unlisted nodes get a host of their own. */
  readonly placement?: Readonly<Record<string, string>>;
}

export interface SentinelSettings {
  readonly masterName: string;
  readonly quorum: number;
  readonly downAfterMs: number;
  readonly failoverTimeoutMs: number;
  readonly parallelSyncs: number;
  /** Timing profile name; 'redis-7' reproduces Redis Sentinel 7. */
  readonly profile: string;
}

export interface RedisSettings {
  readonly minReplicasToWrite: number;
  readonly minReplicasMaxLagS: number;
  readonly replDisklessSyncDelayS: number;
  readonly replBacklogBytes: number;
  /** What a restarted redis-server comes back with. */
  readonly persistence: 'none' | 'snapshot';
}

export interface WorkloadSpec {
  /** Writes per second per client. */
  readonly writesPerSec: number;
  /** Per-operation timeout after which the outcome is recorded as unknown (`info`). */
  readonly opTimeoutMs: number;
  /** How clients find the master: through Sentinels (like ioredis), or a fixed address. */
  readonly discovery: 'sentinel' | 'fixed';
  /**
   * After this many consecutive timed-out writes a client drops its connection and asks again where the
   * master is (ioredis with `commandTimeout` and a reconnect on that error, redis-py's `socket_timeout`).
   * Absent: it never gives up on a silent connection (ioredis's default, no TCP keepalive detection), so
   * it keeps writing into a master that vanished without a reset until that master answers again.
   */
  readonly rediscoverAfterTimeouts?: number;
}

export type Expectation = 'hold' | 'break' | 'measure';

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly topology: TopologySpec;
  readonly sentinel: SentinelSettings;
  readonly redis: RedisSettings;
  /** Default latency of every link. */
  readonly latency: LatencySpec;
  readonly workload: WorkloadSpec;
  readonly faults: FaultSchedule;
  /** End of the fault phase: every fault still active is healed here. */
  readonly faultPhaseEndMs: number;
  /** Total simulated run length (the healed phase is `durationMs - faultPhaseEndMs`). */
  readonly durationMs: number;
  /** invariant name → what the scenario expects of it. */
  readonly expect: Readonly<Record<string, Expectation>>;
}
