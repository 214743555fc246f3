// The engine's contract with the outside world (sans-IO).
//
// A `Sentinel` never reads a clock, a socket or a random source. A driver (the simulator in src/sim/,
// or the real runtime in src/real/) feeds it inputs (`handle*` methods, each given the node's local
// `nowMs`), then drains the effects it produced (`drainEffects()`), and executes them. This file holds
// the data types that cross that boundary; both drivers are executors of the same `Effect` list.

/** A network endpoint as Sentinel sees it: host is an IP literal (or a hostname with resolve-hostnames). */
export interface Address {
  readonly host: string;
  readonly port: number;
}

/**
 * A parsed reply, as it reaches the engine from a Redis server or a peer Sentinel, and as the engine
 * answers its own clients. RESP encoding and decoding happen at the edge (src/real/resp*.ts).
 * `map` is a RESP3 map; under RESP2 it is sent as a flat field/value array.
 */
export type Reply =
  | { readonly kind: 'status'; readonly text: string }
  /** `text` excludes the leading '-', e.g. "LOADING Redis is loading the dataset in memory". */
  | { readonly kind: 'error'; readonly text: string }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'bulk'; readonly value: string }
  /** Null bulk / null array / RESP3 null. `array: true` asks RESP2 encoders for `*-1` instead of `$-1`. */
  | { readonly kind: 'null'; readonly array?: boolean }
  | { readonly kind: 'array'; readonly items: readonly Reply[] }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [string, Reply])[] }
  /** An INFO reply from a Redis server, already parsed at the edge. */
  | { readonly kind: 'info'; readonly info: InfoReply };

/**
 * The fields of a Redis server's INFO output that Sentinel reads (spec §5.1). `null` means the line was
 * absent (for example `master_link_down_since_seconds` is printed only while the link is down).
 * The real tier parses INFO text into this shape applying the same line rules as Sentinel; the
 * simulated redis-server builds it directly.
 */
export interface InfoReply {
  readonly runId: string | null;
  readonly role: 'master' | 'slave' | null;
  readonly masterHost: string | null;
  readonly masterPort: number | null;
  readonly masterLinkStatus: 'up' | 'down' | null;
  readonly masterLinkDownSinceSeconds: number | null;
  readonly slavePriority: number | null;
  readonly slaveReplOffset: number | null;
  readonly replicaAnnounced: number | null;
  /** The `slaveN:ip=…,port=…` lines of a master, in N order. */
  readonly slaves: readonly Address[];
  /** The raw INFO text when the edge had it (real tier); used by SENTINEL INFO-CACHE. */
  readonly text?: string;
}

export type EventLevel = 'debug' | 'verbose' | 'notice' | 'warning';

/** Which of a record's two connections (spec §2.3): command or pub/sub. */
export type ConnPurpose = 'cmd' | 'pubsub';

/**
 * What the engine asks its driver to do. Plain data; the driver executes them in order.
 *
 * Connections: the engine allocates `connId`s. After `connect`, the engine may immediately `send` on the
 * connection (like hiredis, commands are buffered until the TCP connect completes). The driver later
 * reports `handleConnected` or `handleClosed` (refused, reset, closed by peer). Every `send` gets at most
 * one `handleReply` with the same `reqId`, in order; when a connection closes, outstanding requests
 * are simply dropped (the engine forgets them on `handleClosed`).
 */
export type Effect =
  | {
      readonly kind: 'connect';
      readonly connId: number;
      readonly addr: Address;
      readonly purpose: ConnPurpose;
    }
  | { readonly kind: 'close'; readonly connId: number }
  | {
      readonly kind: 'send';
      readonly connId: number;
      readonly reqId: number;
      readonly argv: readonly string[];
    }
  /** A Sentinel event (spec §13): published on the event's channel and logged. */
  | {
      readonly kind: 'event';
      readonly level: EventLevel;
      readonly type: string;
      readonly message: string;
    }
  /**
   * Write sentinel.conf (atomically) with this full text. `summary` carries the epochs it holds so
   * history and checkers need not parse the text.
   */
  | { readonly kind: 'persist'; readonly text: string; readonly summary: PersistSummary }
  /**
   * Run a notification or client-reconfig script (spec §13.3) with these arguments. The driver reports
   * its end with `Sentinel.handleScriptExit(nowMs, jobId, …)`. (`jobId` added by the engine branch.)
   */
  | {
      readonly kind: 'script';
      readonly jobId: number;
      readonly path: string;
      readonly args: readonly string[];
    }
  /** Kill a running script (SIGKILL) that exceeded script-max-runtime; its end is still reported. */
  | { readonly kind: 'kill-script'; readonly jobId: number }
  /** The answer to GET-MASTER-ADDR-BY-NAME for `master` changed (or the master was added/removed: null). */
  | { readonly kind: 'master-addr'; readonly master: string; readonly addr: Address | null }
  /** SENTINEL SIMULATE-FAILURE fired: the process must exit now with this code (99). */
  | { readonly kind: 'exit'; readonly code: number };

export interface PersistSummary {
  readonly currentEpoch: number;
  readonly masters: readonly {
    readonly name: string;
    readonly configEpoch: number;
    readonly leaderEpoch: number;
  }[];
}

/** Who is sending a command to the engine's own command handler. */
export interface ClientContext {
  /** RESP protocol of the connection, chosen by HELLO; affects map replies only. */
  readonly protocol: 2 | 3;
}

/** Injected source of randomness, uniform in [0, 1). */
export type RandomFn = () => number;
