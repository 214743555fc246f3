// What a simulated process sees of the simulated world: its host's clock, timers, TCP-like sockets,
// its own random stream and the history. The kernel (scheduler.ts, rng.ts, clock.ts, host.ts,
// network.ts) implements it; the simulated redis-server, the workload clients and the engine adapter
// are written against it and nothing else.
//
// Everything here is synchronous and runs on the scheduler. Callbacks are never re-entrant: a `send`
// or `connect` made from inside a callback takes effect in a later scheduler event.

import type { Address } from '../engine/io.js';
import type { HistoryPayload } from '../check/history.js';

export type { Address };

/** Opaque message carried by a simulated TCP connection; each protocol defines its own shapes. */
export type SimMessage = unknown;

export type CloseReason =
  /** The peer closed the connection (FIN), e.g. on CLIENT KILL or process exit. */
  | 'closed'
  /** The connection was reset (RST), e.g. the peer process died while its OS stayed up. */
  | 'reset'
  /** Connect failed at once: nothing listens on that port or the host's OS refused. */
  | 'refused'
  /** Connect never completed (SYN black-holed) and the connect timeout expired. */
  | 'timeout'
  /** This side closed it itself. */
  | 'local';

export interface SocketHandler {
  /** Client side only: the connection is established. Messages sent before this were buffered. */
  onOpen?(sock: SimSocket): void;
  onMessage(sock: SimSocket, message: SimMessage): void;
  /** Called once, whatever the reason. Not called after the owner's own `close()`. */
  onClose(sock: SimSocket, reason: CloseReason): void;
}

export interface SimSocket {
  readonly id: number;
  readonly local: Address;
  readonly remote: Address;
  readonly state: 'connecting' | 'open' | 'closed';
  /** Queue a message; delivered in order, subject to latency and partitions. No-op when closed. */
  send(message: SimMessage): void;
  /** Graceful close: the peer sees `onClose('closed')` after the in-flight messages. */
  close(): void;
  /** Abortive close: the peer sees `onClose('reset')`; in-flight messages are discarded. */
  reset(): void;
  /** Replaces the handler (an accepted socket starts with the listener's). */
  setHandler(handler: SocketHandler): void;
}

export type TimerId = number;

export interface RandomStream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A new independent stream, deterministically derived from this one's seed and `name`. */
  fork(name: string): RandomStream;
}

/** Given to a process each time it starts (first boot and every restart). */
export interface ProcessContext {
  /** Logical node name ("redis-2"). */
  readonly node: string;
  readonly host: string;
  readonly ip: string;
  /** The host's wall clock (offset, drift, jumps), in ms. This is what the process believes. */
  localNowMs(): number;
  /** True virtual time: only for history records and measurements, never for behaviour. */
  trueNowMs(): number;
  /** Open a TCP connection from this host. Buffered sends go out once the connect completes. */
  connect(to: Address, handler: SocketHandler, opts?: { readonly connectTimeoutMs?: number }): SimSocket;
  /** Accept connections on a port of this host; `onAccept` returns the handler of the new socket. */
  listen(port: number, onAccept: (sock: SimSocket) => SocketHandler): void;
  /** Run `fn` after `delayMs` of this host's (monotonic) time; delayed further while the host is paused. */
  setTimer(delayMs: number, fn: () => void): TimerId;
  /** `setTimer` calling `fn(arg)`: a hot path passes a module-level function and its state, no closure. */
  setTimerWith<A>(delayMs: number, fn: (arg: A) => void, arg: A): TimerId;
  clearTimer(id: TimerId): void;
  /** This process's own random stream (forked from the root seed by node name; stable across restarts). */
  readonly random: RandomStream;
  /** Append a record to the run's history, stamped with true and local time and this node. */
  record(payload: HistoryPayload): void;
  /** State that survives a crash of this process (e.g. sentinel.conf, an RDB snapshot). */
  readonly durable: Map<string, unknown>;
}

/**
 * A simulated process. The host calls `start` at boot and after each restart (with the same durable
 * map). On crash the host closes the process's sockets (reset or silence, per the crash mode),
 * cancels its timers and drops the object's volatile state by calling `start` on a fresh instance.
 */
export interface SimProcess {
  start(ctx: ProcessContext): void;
}
