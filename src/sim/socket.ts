// One end of a simulated TCP connection, with the queue of what it has sent and not yet delivered.
//
// Each direction of a connection is the sending socket's out-queue: messages and control segments
// (SYN-ACK, FIN, RST) with their arrival times, delivered strictly in order. Only the head of a queue
// has a scheduled delivery event; the network schedules the next one when the head is delivered.

import type { Address, CloseReason, SimMessage, SimSocket, SocketHandler } from './api.js';
import type { Listener, SimNode } from './host.js';
import type { LinkState } from './link.js';
import type { EventId } from './scheduler.js';
import type { Network } from './network.js';

/** Control segments travel in the same queue as data so that they keep their place in the stream. */
export const SYN_ACK: unique symbol = Symbol('SYN-ACK');
export const FIN: unique symbol = Symbol('FIN');
export const RST: unique symbol = Symbol('RST');

/** Queue states: nothing scheduled, a delivery event pending, or parked (partition hold / paused receiver). */
export const Q_IDLE = 0;
export const Q_SCHEDULED = 1;
export const Q_PARKED = 2;

export class SimSocketImpl implements SimSocket {
  state: 'connecting' | 'open' | 'closed' = 'connecting';
  handler: SocketHandler | null;
  peer: SimSocketImpl | null = null;
  /** Host indices of this end and of the remote end (-1 when the remote address resolves to no host). */
  readonly fromIndex: number;
  toIndex: number;
  /** The link this end sends on (its parameters change under link faults; the object stays). */
  link: LinkState | null = null;

  // The out-queue (this end → peer): entries qHead..qTail-1 of two parallel arrays. The arrays are
  // never shrunk when the queue empties (head and tail go back to 0), so a busy connection does not
  // reallocate their backing stores on every message.
  qItems: unknown[] = [];
  qTimes: number[] = [];
  qHead = 0;
  qTail = 0;
  qState = Q_IDLE;
  lastArrivalMs = 0;

  /** Client side: messages sent before the connection opened. */
  pending: SimMessage[] | null = null;
  connectTimeoutEvent: EventId | null = null;
  synRetryMs = 0;
  /** Server side: the listener that accepts it. */
  listener: Listener | null = null;
  /** Why this end closed, once closed (for diagnostics). */
  closeReason: CloseReason | null = null;

  constructor(
    readonly id: number,
    readonly local: Address,
    readonly remote: Address,
    readonly node: SimNode,
    readonly incarnation: number,
    handler: SocketHandler | null,
    fromIndex: number,
    toIndex: number,
    readonly net: Network,
  ) {
    this.handler = handler;
    this.fromIndex = fromIndex;
    this.toIndex = toIndex;
  }

  send(message: SimMessage): void {
    this.net.send(this, message);
  }

  close(): void {
    this.net.close(this);
  }

  reset(): void {
    this.net.reset(this);
  }

  setHandler(handler: SocketHandler): void {
    this.handler = handler;
  }

  /** Messages queued and not yet delivered (or dropped). */
  get queuedCount(): number {
    return this.qTail - this.qHead;
  }

  /** Appends to the out-queue (the network schedules its delivery). */
  enqueue(item: unknown, arrivalMs: number): void {
    const t = this.qTail;
    if (t === this.qItems.length) {
      this.qItems.push(item);
      this.qTimes.push(arrivalMs);
    } else {
      this.qItems[t] = item;
      this.qTimes[t] = arrivalMs;
    }
    this.qTail = t + 1;
    this.lastArrivalMs = arrivalMs;
  }

  /** Removes and returns the head of the out-queue. */
  dequeue(): unknown {
    const h = this.qHead;
    const item = this.qItems[h];
    this.qItems[h] = undefined;
    if (h + 1 === this.qTail) {
      this.qHead = 0;
      this.qTail = 0;
    } else {
      this.qHead = h + 1;
      if (h > 4096 && h * 2 > this.qTail) this.compact();
    }
    return item;
  }

  /** Discards everything still queued (an RST aborts the stream). */
  clearQueue(): void {
    this.qItems.fill(undefined, this.qHead, this.qTail);
    this.qHead = 0;
    this.qTail = 0;
  }

  private compact(): void {
    const n = this.qTail - this.qHead;
    this.qItems.copyWithin(0, this.qHead, this.qTail);
    this.qTimes.copyWithin(0, this.qHead, this.qTail);
    this.qItems.fill(undefined, n, this.qTail);
    this.qHead = 0;
    this.qTail = n;
  }
}
