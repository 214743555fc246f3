// The simulated network: hosts by address, directed links, partitions, and TCP-like connections.
//
// Semantics (TCP as an application sees it):
// - Each direction of a connection is FIFO: a message never overtakes an earlier one, whatever the
//   latencies sampled (arrival = max(sampled arrival, previous arrival)). Loss is a retransmission
//   delay (head-of-line blocking), duplication is invisible, bandwidth is a serialisation delay.
// - Partitions are sets of blocked directed host pairs, each with a mode for what happens to segments
//   on a blocked path when they are due: 'hold' (the default) parks them until the path heals, as TCP
//   retransmission would; 'blackhole' drops them; 'reset' refuses new connects and resets existing
//   connections when applied. A connection dies only when an endpoint decides so (close, reset,
//   timeouts) or its process or host dies — never because a partition merely exists.
// - A segment for a closed socket on a host that is up is answered with RST (so a peer of a process
//   that died, or of a host that rebooted, learns it when it next sends); on a host that is down it
//   vanishes.
//
// Hot path: one scheduled event per direction-queue head (not per message), module-level handlers with
// the socket as argument, no closure per message.

import type { Address, SimMessage, SocketHandler } from './api.js';
import type { SimHost, SimNode } from './host.js';
import { sampleLatencyMs, type LinkEnv, type LinkOverride, type LinkState, type LinkStats } from './link.js';
import type { SeededStream } from './rng.js';
import { SimError, assert } from './errors.js';
import { roundToMicros, type Scheduler } from './scheduler.js';
import { FIN, Q_IDLE, Q_PARKED, Q_SCHEDULED, RST, SYN_ACK, type SimSocketImpl } from './socket.js';
import {
  PartitionTable,
  MODE_BLACKHOLE,
  MODE_HOLD,
  MODE_NONE,
  MODE_RESET,
  type PartitionId,
  type PartitionMode,
} from './partition-table.js';
import { Connector } from './connector.js';
import { Cuts } from './cuts.js';
import { LinkTable, type NetworkLinkOptions } from './link-table.js';

export interface NetworkStats extends LinkStats {
  /** Data messages handed to a receiving process. */
  delivered: number;
  /** Segments dropped: blackholed, sent to a host that is down, or to a closed socket. */
  dropped: number;
  connectsAccepted: number;
  connectsRefused: number;
  connectsTimedOut: number;
  /** RSTs delivered to an open socket. */
  resets: number;
}

export interface NetworkOptions extends NetworkLinkOptions {
  /** Default connect timeout (true ms at the connecting host's rate). Default 2000. */
  readonly connectTimeoutMs?: number;
  /** Initial retransmission timeout for lost segments; doubles per loss. Default 200 (Linux's minimum). */
  readonly rtoMs?: number;
  /** Initial SYN retransmission interval on a blocked path or to a down host; doubles. Default 1000. */
  readonly synRtoMs?: number;
  /** Size of a message in bytes, used only on bandwidth-limited links. Default: 64 bytes for all. */
  readonly messageSizeBytes?: (message: SimMessage) => number;
}

/**
 * An observer of data messages (message capture for reports, src/sim/message-capture.ts). It must only
 * observe: no random draws, no scheduling, so a run with a tap is the run without it.
 */
export interface MessageTap {
  /** `message` entered `sock`'s stream (at send, or when a connect completes for buffered sends). */
  sent(sock: SimSocketImpl, message: SimMessage): void;
  /** `message` is about to be handed to `recv`'s process. */
  received(recv: SimSocketImpl, message: SimMessage): void;
}

const defaultSize = (): number => 64;
/** Size of a SYN-ACK, FIN or RST on a bandwidth-limited link (an IP + TCP header). */
const CONTROL_SEGMENT_BYTES = 40;

export class Network implements LinkEnv {
  readonly stats: NetworkStats = {
    delivered: 0,
    dropped: 0,
    retransmissions: 0,
    duplicates: 0,
    connectsAccepted: 0,
    connectsRefused: 0,
    connectsTimedOut: 0,
    resets: 0,
  };
  readonly rtoMs: number;
  readonly synRtoMs: number;
  readonly connectTimeoutMs: number;
  readonly messageSizeBytes: (message: SimMessage) => number;
  readonly hosts: SimHost[] = [];
  readonly links: LinkTable;
  readonly partitions: PartitionTable;
  readonly connector: Connector;
  /** Off (null) unless a report asks for the message trace. */
  tap: MessageTap | null = null;
  private readonly cuts: Cuts;
  private readonly byAddress = new Map<string, SimHost>();

  constructor(
    readonly scheduler: Scheduler,
    readonly rng: SeededStream,
    opts: NetworkOptions = {},
  ) {
    this.rtoMs = opts.rtoMs ?? 200;
    this.synRtoMs = opts.synRtoMs ?? 1000;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 2000;
    const sizeOf = opts.messageSizeBytes ?? defaultSize;
    // Control segments (SYN-ACK, FIN, RST) are symbols the caller's size function has never seen.
    this.messageSizeBytes = (m) => (typeof m === 'symbol' ? CONTROL_SEGMENT_BYTES : sizeOf(m));
    this.links = new LinkTable(opts);
    this.partitions = new PartitionTable();
    this.connector = new Connector(this);
    this.cuts = new Cuts(this);
  }

  addHost(host: SimHost): void {
    this.hosts.push(host);
    this.byAddress.set(host.ip, host);
    this.byAddress.set(host.name, host);
    this.links.resize(this.hosts.length);
    this.partitions.resize(this.hosts.length);
  }

  /** The host an address's host part (an IP or a host name) designates, if any. */
  resolve(hostOrIp: string): SimHost | undefined {
    return this.byAddress.get(hostOrIp);
  }

  /** The mode blocking segments from host index `from` to `to` (MODE_NONE when open). */
  blockMode(from: number, to: number): number {
    return this.partitions.mode(from, to);
  }

  /** One-way latency sample on a path (used for control segments such as SYN and refusals). */
  sampleOneWayMs(from: number, to: number): number {
    if (from < 0 || to < 0) return 0;
    return roundToMicros(sampleLatencyMs(this.links.get(from, to).params.latency, this.rng));
  }

  /** Opens a connection from a process (`incarnation` guards against calls from a dead one). */
  connect(
    node: SimNode,
    incarnation: number,
    to: Address,
    handler: SocketHandler,
    connectTimeoutMs?: number,
  ): SimSocketImpl {
    const timeoutMs = connectTimeoutMs ?? this.connectTimeoutMs;
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new SimError('BAD_TIME', `connectTimeoutMs must be a positive finite number, got ${timeoutMs}`);
    }
    return this.connector.connect(node, incarnation, to, handler, timeoutMs);
  }

  newSocketId(): number {
    return this.nextSocketId++;
  }
  private nextSocketId = 1;

  // --- SocketOps (called by SimSocketImpl) ---

  send(sock: SimSocketImpl, message: SimMessage): void {
    if (sock.state === 'open') this.enqueue(sock, message);
    else if (sock.state === 'connecting') (sock.pending ??= []).push(message);
  }

  /**
   * Graceful close of an open socket: a FIN follows what was sent. Closing a socket that is still
   * connecting aborts the connect instead (its buffered messages are discarded; an RST goes to the
   * server if it already accepted), as an application closing a half-open socket would.
   */
  close(sock: SimSocketImpl): void {
    if (sock.state === 'closed') return;
    const wasOpen = sock.state === 'open';
    this.closeLocally(sock, 'local');
    if (wasOpen) this.enqueue(sock, FIN);
    else if (sock.peer !== null) this.enqueue(sock, RST); // aborting a half-open connect
  }

  reset(sock: SimSocketImpl): void {
    if (sock.state === 'closed') return;
    this.closeLocally(sock, 'local');
    this.abortStream(sock);
  }

  /** Clears what `sock` still has to send and sends an RST in its place (if it has a peer). */
  abortStream(sock: SimSocketImpl): void {
    sock.clearQueue();
    if (sock.peer !== null) this.enqueue(sock, RST);
  }

  /** Marks `sock` closed on its own side (no callback) and forgets it from its node. */
  closeLocally(sock: SimSocketImpl, reason: 'local' | 'reset' | 'closed' | 'refused' | 'timeout'): void {
    sock.state = 'closed';
    sock.closeReason = reason;
    sock.pending = null;
    if (sock.connectTimeoutEvent !== null) {
      this.scheduler.cancel(sock.connectTimeoutEvent);
      sock.connectTimeoutEvent = null;
    }
    sock.node.sockets.delete(sock);
  }

  /** Queues `item` on `sock`'s out-queue with a sampled arrival time, keeping the stream FIFO. */
  enqueue(sock: SimSocketImpl, item: unknown): void {
    const now = this.scheduler.nowMs;
    const link = sock.link as LinkState;
    let t = roundToMicros(now + link.transitMs(now, item, this));
    if (t < sock.lastArrivalMs) t = sock.lastArrivalMs;
    if (this.tap !== null && typeof item !== 'symbol') this.tap.sent(sock, item);
    sock.enqueue(item, t);
    if (sock.qState === Q_IDLE) this.scheduleNext(sock);
  }

  /** Schedules the delivery of `sock`'s queue head if there is one and nothing is scheduled. */
  scheduleNext(sock: SimSocketImpl): void {
    if (sock.qState !== Q_IDLE || sock.qHead >= sock.qTail) return;
    const t = sock.qTimes[sock.qHead] as number;
    const now = this.scheduler.nowMs;
    sock.qState = Q_SCHEDULED;
    this.scheduler.schedule(t > now ? t : now, deliverHead, sock);
  }

  /**
   * Blocks directed host pairs (by host name or IP) with `mode` ('hold' by default). A 'reset'
   * partition also resets, now, every connection crossing a blocked pair (both ends see 'reset').
   */
  partition(blocks: readonly (readonly [string, string])[], mode: PartitionMode = 'hold'): PartitionId {
    const pairs = blocks.map(([a, b], i): [number, number] => [
      this.hostIndex(a, `blocks[${i}][0]`),
      this.hostIndex(b, `blocks[${i}][1]`),
    ]);
    return this.cuts.partition(pairs, mode);
  }

  /** Removes a partition; held segments on paths that are now clear are retransmitted. */
  heal(id: PartitionId): boolean {
    return this.cuts.heal(id);
  }

  /**
   * Sets the base parameters of the directed link between two hosts (by name or IP), both ways when
   * `symmetric`. Use it to build the world (per-link latency); faults layer on top and restore to it.
   */
  setLink(from: string, to: string, params: LinkOverride, opts: { readonly symmetric?: boolean } = {}): void {
    const a = this.hostIndex(from, 'setLink from');
    const b = this.hostIndex(to, 'setLink to');
    this.links.setBase(a, b, params);
    if (opts.symmetric === true) this.links.setBase(b, a, params);
  }

  private hostIndex(name: string, field: string): number {
    const h = this.byAddress.get(name);
    if (h === undefined) throw new SimError('UNKNOWN_HOST', `${field}: unknown host '${name}'`);
    return h.index;
  }

  /** Every socket of every node, in host then node then creation order. */
  *allSockets(): Generator<SimSocketImpl> {
    for (const host of this.hosts) for (const node of host.nodes) yield* node.sockets;
  }

  /** Delivers a close callback to the owner of `sock`, now or when its node resumes. */
  notifyClose(sock: SimSocketImpl, reason: 'closed' | 'reset' | 'refused' | 'timeout'): void {
    if (sock.node.paused) {
      sock.node.defer(notifyCloseNow, { sock, reason });
      return;
    }
    notifyCloseNow({ sock, reason });
  }

  /** Handles a segment due for delivery at the head of `sender`'s queue (the event handler). */
  deliver(sender: SimSocketImpl): void {
    sender.qState = Q_IDLE;
    if (sender.qHead >= sender.qTail) return;
    const now = this.scheduler.nowMs;
    const due = sender.qTimes[sender.qHead] as number;
    if (due > now) {
      this.scheduleNext(sender); // the head changed (an RST replaced the stream): wait for it
      return;
    }
    const recv = sender.peer as SimSocketImpl;
    const mode = this.partitions.any ? this.blockMode(sender.fromIndex, sender.toIndex) : MODE_NONE;
    if (mode === MODE_HOLD) {
      this.cuts.hold(sender);
      return;
    }
    if (mode === MODE_BLACKHOLE || mode === MODE_RESET) {
      sender.dequeue();
      this.stats.dropped++;
      this.scheduleNext(sender);
      return;
    }
    const node = recv.node;
    if (node.host.state === 'down') {
      sender.dequeue();
      this.stats.dropped++;
    } else if (recv.state === 'closed') {
      const item = sender.dequeue();
      this.stats.dropped++;
      if (item !== RST && recv.peer === sender) this.enqueue(recv, RST);
    } else if (node.pauseDepth > 0) {
      sender.qState = Q_PARKED;
      node.defer(unparkPaused, sender);
      return;
    } else {
      this.dispatch(recv, sender.dequeue());
    }
    this.scheduleNext(sender);
  }

  private dispatch(recv: SimSocketImpl, item: unknown): void {
    if (item === SYN_ACK) this.connector.opened(recv);
    else if (item === FIN) {
      this.closeLocally(recv, 'closed');
      notifyCloseNow({ sock: recv, reason: 'closed' });
    } else if (item === RST) {
      this.closeLocally(recv, 'reset');
      recv.clearQueue();
      this.stats.resets++;
      notifyCloseNow({ sock: recv, reason: 'reset' });
    } else {
      this.stats.delivered++;
      const handler = recv.handler;
      assert(handler !== null, `socket ${recv.id} has a handler before its first message`);
      assert(recv.state === 'open', `socket ${recv.id} is open when a message reaches it`);
      if (this.tap !== null) this.tap.received(recv, item);
      handler.onMessage(recv, item);
    }
  }
}

function deliverHead(sender: SimSocketImpl): void {
  sender.net.deliver(sender);
}

function unparkPaused(sender: SimSocketImpl): void {
  if (sender.qState !== Q_PARKED) return;
  sender.qState = Q_IDLE;
  deliverHead(sender);
}

function notifyCloseNow(x: {
  sock: SimSocketImpl;
  reason: 'closed' | 'reset' | 'refused' | 'timeout';
}): void {
  if (x.sock.incarnation !== x.sock.node.incarnation || !x.sock.node.running) return;
  x.sock.handler?.onClose(x.sock, x.reason);
}

export { MODE_BLACKHOLE, MODE_HOLD, MODE_NONE, MODE_RESET };
