// The ProcessContext a node's process receives at each start. It is bound to one incarnation: once
// that process has crashed, every call through its context is inert (no timers, no sockets, no
// records), so a stale reference held by a dead process can never touch the world.

import type { Address, ProcessContext, SimSocket, SocketHandler, TimerId } from './api.js';
import type { HistoryPayload } from '../check/history.js';
import type { SimNode, TimerRec } from './host.js';
import type { Kernel } from './kernel.js';
import type { SimSocketImpl } from './socket.js';
import type { SeededStream } from './rng.js';
import { SimError } from './errors.js';
import { afterMicros } from './scheduler.js';

export class NodeContext implements ProcessContext {
  constructor(
    private readonly kernel: Kernel,
    private readonly n: SimNode,
    private readonly incarnation: number,
  ) {}

  get node(): string {
    return this.n.name;
  }
  get host(): string {
    return this.n.host.name;
  }
  get ip(): string {
    return this.n.host.ip;
  }
  get random(): SeededStream {
    return this.n.random;
  }
  get durable(): Map<string, unknown> {
    return this.n.durable;
  }

  /** True while this context's process incarnation is the one running. */
  get alive(): boolean {
    return this.n.running && this.n.incarnation === this.incarnation;
  }

  localNowMs(): number {
    return this.n.host.clock.localAt(this.kernel.scheduler.nowMs);
  }

  trueNowMs(): number {
    return this.kernel.scheduler.nowMs;
  }

  connect(to: Address, handler: SocketHandler, opts?: { readonly connectTimeoutMs?: number }): SimSocket {
    return this.kernel.network.connect(this.n, this.incarnation, to, handler, opts?.connectTimeoutMs);
  }

  listen(port: number, onAccept: (sock: SimSocket) => SocketHandler): void {
    if (!(Number.isInteger(port) && port > 0 && port < 65536)) {
      throw new SimError('BAD_LINK', `listen: port must be an integer in 1..65535, got ${port}`);
    }
    if (!this.alive) return;
    const host = this.n.host;
    const existing = host.listeners.get(port);
    if (
      existing !== undefined &&
      existing.node.running &&
      existing.incarnation === existing.node.incarnation
    ) {
      throw new SimError(
        'PORT_IN_USE',
        `listen: port ${port} on host ${host.name} is already in use by ${existing.node.name}`,
      );
    }
    host.listeners.set(port, {
      node: this.n,
      incarnation: this.incarnation,
      port,
      onAccept: onAccept as (sock: SimSocketImpl) => SocketHandler,
    });
  }

  setTimer(delayMs: number, fn: () => void): TimerId {
    return this.addTimer(delayMs, fn, undefined);
  }

  setTimerWith<A>(delayMs: number, fn: (arg: A) => void, arg: A): TimerId {
    return this.addTimer(delayMs, fn as (arg: unknown) => void, arg);
  }

  private addTimer(delayMs: number, fn: (arg: unknown) => void, arg: unknown): TimerId {
    if (!(Number.isFinite(delayMs) && delayMs >= 0)) {
      throw new SimError('BAD_TIME', `setTimer: delayMs must be a finite number ≥ 0, got ${delayMs}`);
    }
    if (!this.alive) return INERT_TIMER;
    const n = this.n;
    const sched = this.kernel.scheduler;
    const rec: TimerRec = {
      id: INERT_TIMER,
      node: n,
      incarnation: this.incarnation,
      fn,
      arg,
      cancelled: false,
    };
    rec.id = sched.schedule(afterMicros(sched.nowMs, n.host.clock.trueDelayMs(delayMs)), fireTimer, rec);
    return rec.id;
  }

  clearTimer(id: TimerId): void {
    if (id === INERT_TIMER || !this.alive) return;
    // Pending: cancel its event. Otherwise it already ran, or it is held while the node is paused.
    if (this.kernel.scheduler.cancel(id)) return;
    const held = this.n.heldTimers.get(id);
    if (held === undefined || held.incarnation !== this.incarnation) return;
    held.cancelled = true;
    this.n.heldTimers.delete(id);
  }

  record(payload: HistoryPayload): void {
    if (!this.alive) return;
    this.kernel.record(this.n.name, this.localNowMs(), payload);
  }
}

/** Runs a timer's function, or holds it until the node resumes (a paused process's timers fire late). */
export function fireTimer(rec: TimerRec): void {
  const n = rec.node;
  if (rec.cancelled || rec.incarnation !== n.incarnation || !n.running) return;
  if (n.paused) {
    n.heldTimers.set(rec.id, rec);
    n.defer(fireTimer, rec);
    return;
  }
  if (n.heldTimers.size > 0) n.heldTimers.delete(rec.id);
  rec.fn(rec.arg);
}

/** The id `setTimer` returns when the process is no longer alive (its timer never fires). */
const INERT_TIMER = -1;
