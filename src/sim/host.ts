// Hosts (boxes with an IP, a clock and ports) and the nodes (processes) that run on them.
//
// A host is 'up', 'down' (crashed as a box: silence, connects time out) or 'restarting' (its OS is
// back but its processes are still booting: connects are refused). A node is running, crashed (its
// process died; the OS stayed up), or paused (SIGSTOP: it runs nothing — timers, deliveries and
// accepts wait in its `deferred` list and happen, late and in order, when it resumes; its connections
// stay open). Each start runs a fresh `SimProcess` from the node's factory with the same `durable` map:
// that map is all that survives a crash.

import type { SimProcess, SocketHandler, TimerId } from './api.js';
import type { HostClock } from './clock.js';
import type { SeededStream } from './rng.js';
import type { SimSocketImpl } from './socket.js';

export type HostState = 'up' | 'down' | 'restarting';

export interface Listener {
  readonly node: SimNode;
  readonly incarnation: number;
  readonly port: number;
  readonly onAccept: (sock: SimSocketImpl) => SocketHandler;
}

export class SimHost {
  state: HostState = 'up';
  readonly nodes: SimNode[] = [];
  readonly listeners = new Map<number, Listener>();
  private nextEphemeralPort = 40000;

  constructor(
    readonly name: string,
    readonly ip: string,
    /** Position in the network's host table (links and partitions are indexed by it). */
    readonly index: number,
    readonly clock: HostClock,
    /** Time from a host restart until its processes start (connects are refused meanwhile). */
    readonly bootDelayMs: number,
  ) {}

  ephemeralPort(): number {
    const port = this.nextEphemeralPort;
    this.nextEphemeralPort = port >= 65535 ? 40000 : port + 1;
    return port;
  }
}

/**
 * A timer of a process. Its TimerId is the scheduler event id of its firing. Timers are not tracked
 * per node while pending (a crash does not cancel them: they fire into a dead incarnation and do
 * nothing); only a timer held while its node is paused is, so that `clearTimer` can still stop it.
 */
export interface TimerRec {
  id: TimerId;
  readonly node: SimNode;
  readonly incarnation: number;
  readonly fn: (arg: unknown) => void;
  /** Passed to `fn` (undefined for a plain `setTimer`). */
  readonly arg: unknown;
  cancelled: boolean;
}

export class SimNode {
  /** Killed by a process-level fault (stays down until restarted, even across host restarts). */
  crashed = false;
  /** An incarnation of the process is live. */
  running = false;
  /** Counts starts; callbacks of an older incarnation are dropped. */
  incarnation = 0;
  /** Nested pauses (a node pause inside a host pause); the node runs only at depth 0. */
  pauseDepth = 0;
  process: SimProcess | null = null;
  /** Timers that came due while the node was paused and wait for it to resume, by id. */
  readonly heldTimers = new Map<TimerId, TimerRec>();
  readonly sockets = new Set<SimSocketImpl>();
  /** Callbacks held while paused, replayed in order on resume (as fn(arg) pairs). */
  readonly deferredFns: ((arg: never) => void)[] = [];
  readonly deferredArgs: unknown[] = [];

  constructor(
    readonly name: string,
    readonly host: SimHost,
    readonly factory: () => SimProcess,
    readonly durable: Map<string, unknown>,
    readonly random: SeededStream,
  ) {}

  get paused(): boolean {
    return this.pauseDepth > 0;
  }

  /** Holds `fn(arg)` until the node resumes. */
  defer<A>(fn: (arg: A) => void, arg: A): void {
    this.deferredFns.push(fn as (arg: never) => void);
    this.deferredArgs.push(arg);
  }
}
