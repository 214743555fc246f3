// Connection setup: SYN, accept, SYN-ACK, refusal and connect timeout.
//
// A SYN travels one way to the destination host. There:
// - a 'reset' partition on the path, or an up host with nothing listening on the port (no process, or
//   its process is down, or the host is still booting), refuses it: the client sees 'refused' one
//   latency later;
// - a 'hold' or 'blackhole' partition, an unknown address or a host that is down swallow it; the SYN is
//   retransmitted (1 s, 2 s, 4 s …) until the client's connect timeout fires ('timeout');
// - otherwise the listener's OS accepts it: the server socket exists at once, the process's `onAccept`
//   runs (or waits while the process is paused), and a SYN-ACK goes back as the first segment of the
//   server's stream, so the client opens before it can receive anything.

import type { Address, SocketHandler } from './api.js';
import type { SimNode } from './host.js';
import type { Network } from './network.js';
import { MODE_NONE, MODE_RESET } from './partition-table.js';
import { SimSocketImpl, SYN_ACK } from './socket.js';
import { afterMicros } from './scheduler.js';

export class Connector {
  constructor(private readonly net: Network) {}

  connect(
    node: SimNode,
    incarnation: number,
    to: Address,
    handler: SocketHandler,
    connectTimeoutMs: number,
  ): SimSocketImpl {
    const net = this.net;
    const from = node.host;
    // 127.0.0.1 and localhost are the connecting host itself, as on a real box.
    const dest = to.host === '127.0.0.1' || to.host === 'localhost' ? from : net.resolve(to.host);
    const local = { host: from.ip, port: from.ephemeralPort() };
    const toIndex = dest === undefined ? -1 : dest.index;
    const sock = new SimSocketImpl(
      net.newSocketId(),
      local,
      to,
      node,
      incarnation,
      handler,
      from.index,
      toIndex,
      net,
    );
    if (!node.running || incarnation !== node.incarnation) {
      sock.state = 'closed'; // a call from a dead incarnation: inert
      return sock;
    }
    node.sockets.add(sock);
    const now = net.scheduler.nowMs;
    if (dest !== undefined) sock.link = net.links.get(from.index, dest.index);
    sock.connectTimeoutEvent = net.scheduler.schedule(
      afterMicros(now, from.clock.trueDelayMs(connectTimeoutMs)),
      timeoutConnect,
      sock,
    );
    sock.synRetryMs = net.synRtoMs;
    if (dest !== undefined)
      net.scheduler.schedule(afterMicros(now, net.sampleOneWayMs(from.index, toIndex)), synArrives, sock);
    return sock;
  }

  /** The SYN reached the destination host (or tried to). */
  syn(sock: SimSocketImpl): void {
    if (sock.state !== 'connecting' || sock.peer !== null) return;
    const net = this.net;
    const now = net.scheduler.nowMs;
    const dest = net.hosts[sock.toIndex];
    if (dest === undefined) return;
    const mode = net.blockMode(sock.fromIndex, sock.toIndex);
    if (mode === MODE_RESET) {
      this.refuseLater(sock);
      return;
    }
    if (mode !== MODE_NONE || dest.state === 'down') {
      net.scheduler.schedule(afterMicros(now, sock.synRetryMs), synArrives, sock);
      sock.synRetryMs *= 2;
      return;
    }
    const listener = dest.listeners.get(sock.remote.port);
    if (dest.state !== 'up' || listener === undefined || !listener.node.running) {
      this.refuseLater(sock);
      return;
    }
    const server = new SimSocketImpl(
      net.newSocketId(),
      { host: dest.ip, port: listener.port },
      sock.local,
      listener.node,
      listener.node.incarnation,
      null,
      dest.index,
      sock.fromIndex,
      net,
    );
    server.state = 'open';
    server.listener = listener;
    server.link = net.links.get(dest.index, sock.fromIndex);
    server.peer = sock;
    sock.peer = server;
    listener.node.sockets.add(server);
    net.stats.connectsAccepted++;
    // The SYN-ACK is queued first, so whatever the process sends from onAccept follows it.
    net.enqueue(server, SYN_ACK);
    if (listener.node.paused) listener.node.defer(acceptNow, server);
    else acceptNow(server);
  }

  /** The SYN-ACK reached the client: the connection is open; buffered sends go out. */
  opened(sock: SimSocketImpl): void {
    const net = this.net;
    if (sock.connectTimeoutEvent !== null) {
      net.scheduler.cancel(sock.connectTimeoutEvent);
      sock.connectTimeoutEvent = null;
    }
    sock.state = 'open';
    const pending = sock.pending;
    sock.pending = null;
    if (pending !== null) for (const m of pending) net.enqueue(sock, m);
    sock.handler?.onOpen?.(sock);
  }

  timeout(sock: SimSocketImpl): void {
    sock.connectTimeoutEvent = null;
    if (sock.state !== 'connecting') return;
    const net = this.net;
    net.stats.connectsTimedOut++;
    net.closeLocally(sock, 'timeout');
    if (sock.peer !== null) net.abortStream(sock); // the server accepted but its SYN-ACK never arrived
    net.notifyClose(sock, 'timeout');
  }

  refused(sock: SimSocketImpl): void {
    if (sock.state !== 'connecting') return;
    this.net.stats.connectsRefused++;
    this.net.closeLocally(sock, 'refused');
    this.net.notifyClose(sock, 'refused');
  }

  private refuseLater(sock: SimSocketImpl): void {
    const net = this.net;
    net.scheduler.schedule(
      afterMicros(net.scheduler.nowMs, net.sampleOneWayMs(sock.toIndex, sock.fromIndex)),
      refuseArrives,
      sock,
    );
  }
}

function synArrives(sock: SimSocketImpl): void {
  sock.net.connector.syn(sock);
}

function refuseArrives(sock: SimSocketImpl): void {
  sock.net.connector.refused(sock);
}

function timeoutConnect(sock: SimSocketImpl): void {
  sock.net.connector.timeout(sock);
}

function acceptNow(server: SimSocketImpl): void {
  const listener = server.listener;
  if (listener === null || server.state === 'closed') return;
  if (server.incarnation !== server.node.incarnation || !server.node.running) return;
  server.handler = listener.onAccept(server);
}
