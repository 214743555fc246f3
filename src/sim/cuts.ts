// Partitions applied to live connections: parking segments on 'hold' cuts and releasing them when a
// cut heals (retransmitted from the heal, one fresh latency later), and resetting the connections a
// 'reset' cut crosses. The table of blocked pairs itself is partition-table.ts.

import type { Network } from './network.js';
import { MODE_HOLD, MODE_RESET, type PartitionId, type PartitionMode } from './partition-table.js';
import { roundToMicros } from './scheduler.js';
import { Q_IDLE, Q_PARKED, type SimSocketImpl } from './socket.js';

export class Cuts {
  /** Queues parked by a 'hold' partition, in the order they were parked. */
  private held: SimSocketImpl[] = [];

  constructor(private readonly net: Network) {}

  partition(pairs: readonly (readonly [number, number])[], mode: PartitionMode): PartitionId {
    const id = this.net.partitions.add(pairs, mode);
    if (mode === 'reset') this.resetCrossing();
    return id;
  }

  heal(id: PartitionId): boolean {
    const removed = this.net.partitions.remove(id);
    this.releaseHeld();
    return removed;
  }

  /** Parks a queue on a 'hold' partition until the path heals. */
  hold(sock: SimSocketImpl): void {
    sock.qState = Q_PARKED;
    this.held.push(sock);
  }

  /** After a partition change: re-kick held queues whose path is clear (retransmitted from now). */
  private releaseHeld(): void {
    const net = this.net;
    const still: SimSocketImpl[] = [];
    for (const sock of this.held) {
      if (sock.qState !== Q_PARKED) continue;
      const peer = sock.peer;
      if (peer === null || net.blockMode(sock.fromIndex, sock.toIndex) === MODE_HOLD) {
        if (peer !== null) still.push(sock);
        continue;
      }
      sock.qState = Q_IDLE;
      if (sock.qHead < sock.qTail) {
        const retry = roundToMicros(net.scheduler.nowMs + net.sampleOneWayMs(sock.fromIndex, sock.toIndex));
        if ((sock.qTimes[sock.qHead] as number) < retry) sock.qTimes[sock.qHead] = retry;
      }
      net.scheduleNext(sock);
    }
    this.held = still;
  }

  /** Resets both ends of every live connection that crosses a 'reset' cut, in either direction. */
  private resetCrossing(): void {
    const net = this.net;
    const victims: SimSocketImpl[] = [];
    for (const sock of net.allSockets()) {
      if (sock.state === 'closed') continue;
      const forward = net.blockMode(sock.fromIndex, sock.toIndex);
      const backward = net.blockMode(sock.toIndex, sock.fromIndex);
      if (forward === MODE_RESET || backward === MODE_RESET) victims.push(sock);
    }
    for (const sock of victims) {
      net.closeLocally(sock, 'reset');
      sock.clearQueue();
      net.stats.resets++;
      net.scheduler.schedule(net.scheduler.nowMs, notifyResetLater, sock);
    }
  }
}

function notifyResetLater(sock: SimSocketImpl): void {
  sock.net.notifyClose(sock, 'reset');
}
