// The one history format both tiers produce and every checker reads (ARCHITECTURE.md, "One history").
//
// A history is an ordered list of records. Each record carries the true time (virtual time in the
// simulator, wall time since the run started in the real tier), the local clock of the host that
// produced it (null when it has none, e.g. the nemesis), the node it concerns, and a typed payload.
// Nodes are logical names ("redis-1", "sentinel-2", "client-1", "nemesis"); the `topology` record that
// opens every history maps them to addresses, so checkers can translate the addresses found in
// Sentinel event messages.

export interface HistoryRecord {
  /** True time in milliseconds since the start of the run. */
  readonly trueMs: number;
  /** The host's own clock in milliseconds, possibly skewed; null when not applicable. */
  readonly localMs: number | null;
  /** Logical node name. */
  readonly node: string;
  readonly payload: HistoryPayload;
}

export type NodeKind = 'redis' | 'sentinel' | 'client' | 'nemesis';

export interface TopologyNode {
  readonly name: string;
  readonly kind: NodeKind;
  /** The host (box) it runs on; nodes sharing a host fail together on host faults. */
  readonly host: string;
  readonly ip: string;
  readonly port: number;
  /**
   * Sentinels only, optional: the 40-hex run id (`myid`) when the producer knows it. Checkers that
   * need run id → node also learn it from `+sentinel` events and self-votes (src/check/runids.ts).
   */
  readonly runId?: string;
}

export type HistoryPayload =
  /** First record of every history: who exists, and the monitored master name(s) with their quorum. */
  | {
      readonly kind: 'topology';
      readonly nodes: readonly TopologyNode[];
      readonly masters: readonly {
        readonly name: string;
        readonly quorum: number;
        readonly initial: string;
      }[];
      readonly downAfterMs: number;
      readonly failoverTimeoutMs: number;
    }
  /**
   * A fault was applied or healed (nemesis). `op` is the schedule's operation, as data: either the
   * FaultOp `kind` ('crash', 'partition', …) or the whole FaultOp as JSON (checkers accept both).
   * `targets` names every node or host the fault touches (for a partition: every endpoint of a blocked
   * pair). A heal record repeats the `op` and `targets` of the apply it ends.
   */
  | {
      readonly kind: 'fault';
      readonly phase: 'apply' | 'heal';
      readonly op: string;
      readonly targets: readonly string[];
      readonly detail?: string;
      /** Partitions, optional: the blocked directed pairs `[from, to]` (node or host names). */
      readonly blocks?: readonly (readonly [string, string])[];
    }
  /** A process came up, crashed, paused or resumed. */
  | { readonly kind: 'process'; readonly state: 'up' | 'crashed' | 'paused' | 'resumed' | 'restarted' }
  /** A redis-server's replication role changed (master, or replica of `masterNode`). */
  | {
      readonly kind: 'role';
      readonly role: 'master' | 'replica';
      readonly masterNode: string | null;
    }
  /** A Sentinel event (spec §13.2), exactly as published. */
  | {
      readonly kind: 'sentinel-event';
      readonly type: string;
      readonly level: string;
      readonly message: string;
    }
  /** A Sentinel's GET-MASTER-ADDR-BY-NAME answer changed; `masterNode` is the node at that address. */
  | {
      readonly kind: 'sentinel-view';
      readonly master: string;
      readonly addr: string | null;
      readonly masterNode: string | null;
    }
  /** A Sentinel persisted its config (epochs as written). */
  | {
      readonly kind: 'config';
      readonly currentEpoch: number;
      readonly masters: readonly {
        readonly name: string;
        readonly configEpoch: number;
        readonly leaderEpoch: number;
      }[];
    }
  /**
   * A client operation. `invoke` then exactly one of `ok`, `fail` (definitely not applied) or `info`
   * (unknown outcome, e.g. a timeout). Writes add the unique integer `value` to the set `key`.
   */
  | {
      readonly kind: 'op';
      readonly phase: 'invoke' | 'ok' | 'fail' | 'info';
      readonly opId: number;
      readonly op: 'write' | 'read';
      readonly key: string;
      readonly value?: number;
      /** The node the client sent it to (its current idea of the master). */
      readonly target?: string | null;
      readonly error?: string;
      /** For a completed read: the values read. */
      readonly values?: readonly number[];
    }
  /**
   * Optional message trace (additive; a history without it is complete). One record when a message is
   * sent (`node` = `from`) and one when it is delivered (`node` = `to`), paired by `msgId`, unique per run.
   * A `send` with no matching `receive` was lost (partition, crash). `summary` is one short line such as
   * "PING", "INFO", "is-master-down-by-addr 10.0.0.1 6379 7 *", "hello e7" or "+PONG"; replies are
   * messages too. Producers may record only a subset (e.g. sentinel↔sentinel and sentinel→redis
   * commands); the report draws whatever is present as a space-time (Lamport) diagram.
   */
  | {
      readonly kind: 'message';
      readonly phase: 'send' | 'receive';
      readonly msgId: number;
      readonly from: string;
      readonly to: string;
      readonly summary: string;
    }
  /** Marks the start of the final healed phase (all faults healed; liveness is judged after this). */
  | { readonly kind: 'healed' }
  /** Final state collected at the end of a run, after the settle time. */
  | {
      readonly kind: 'final';
      readonly redis: readonly {
        readonly node: string;
        readonly up: boolean;
        readonly role: 'master' | 'replica' | null;
        readonly masterNode: string | null;
        /** Members of each key's set. */
        readonly sets: Readonly<Record<string, readonly number[]>>;
      }[];
      readonly sentinels: readonly {
        readonly node: string;
        readonly up: boolean;
        readonly views: Readonly<Record<string, string | null>>;
      }[];
    };

export type History = readonly HistoryRecord[];
