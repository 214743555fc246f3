// A tiny hand-rolled stand-in for the simulation kernel, for unit tests of the simulated processes:
// a (time, seq) ordered event queue, one host per node with its own IP, constant latency, blackhole
// partitions between nodes, and crash/restart that drops volatile state but keeps `durable`.
import type {
  Address,
  CloseReason,
  ProcessContext,
  RandomStream,
  SimMessage,
  SimProcess,
  SimSocket,
  SocketHandler,
} from '../../src/sim/api.js';
import type { HistoryPayload, HistoryRecord } from '../../src/check/history.js';

interface Event {
  readonly atMs: number;
  readonly seq: number;
  readonly fn: () => void;
}

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fakeRandom(seed: number): RandomStream {
  const next = mulberry(seed);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    fork: (name) => {
      let h = seed;
      for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
      return fakeRandom(h);
    },
  };
}

interface Proc {
  readonly node: string;
  readonly ip: string;
  readonly factory: () => SimProcess;
  readonly durable: Map<string, unknown>;
  instance: SimProcess | null;
  incarnation: number;
  listeners: Map<number, (s: SimSocket) => SocketHandler>;
  sockets: Set<FakeSocket>;
  timers: Set<number>;
}

class FakeSocket implements SimSocket {
  state: 'connecting' | 'open' | 'closed' = 'connecting';
  peer: FakeSocket | null = null;
  handler: SocketHandler | null = null;
  buffered: SimMessage[] = [];
  constructor(
    readonly k: FakeKernel,
    readonly id: number,
    readonly owner: Proc,
    readonly local: Address,
    readonly remote: Address,
  ) {}
  send(message: SimMessage): void {
    if (this.state === 'closed') return;
    if (this.state === 'connecting') {
      this.buffered.push(message);
      return;
    }
    this.k.deliver(this, message);
  }
  close(): void {
    this.shut('closed');
  }
  reset(): void {
    this.shut('reset');
  }
  setHandler(handler: SocketHandler): void {
    this.handler = handler;
  }
  shut(reason: CloseReason): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.owner.sockets.delete(this);
    const peer = this.peer;
    if (peer !== null && !this.k.blocked.has(`${this.owner.node}>${peer.owner.node}`)) {
      this.k.at(this.k.latencyMs, () => this.k.closePeer(peer, reason));
    }
  }
}

export class FakeKernel {
  nowMs = 0;
  latencyMs = 1;
  readonly history: HistoryRecord[] = [];
  readonly procs = new Map<string, Proc>();
  /** Blocked directed pairs "a>b": a's packets to b are dropped. */
  readonly blocked = new Set<string>();
  private queue: Event[] = [];
  private seq = 0;
  private nextId = 1;
  private readonly root: RandomStream;

  constructor(seed = 42) {
    this.root = fakeRandom(seed);
  }

  at(delayMs: number, fn: () => void): number {
    const ev = { atMs: this.nowMs + delayMs, seq: this.seq++, fn };
    let i = this.queue.length;
    while (
      i > 0 &&
      (this.queue[i - 1]!.atMs > ev.atMs ||
        (this.queue[i - 1]!.atMs === ev.atMs && this.queue[i - 1]!.seq > ev.seq))
    )
      i--;
    this.queue.splice(i, 0, ev);
    return ev.seq;
  }

  events = 0;

  runUntil(endMs: number): void {
    while (this.queue.length > 0 && this.queue[0]!.atMs <= endMs) {
      const ev = this.queue.shift()!;
      this.nowMs = ev.atMs;
      this.events++;
      ev.fn();
    }
    this.nowMs = endMs;
  }

  add(node: string, factory: () => SimProcess, ip = `10.0.0.${this.procs.size + 1}`): Proc {
    const proc: Proc = {
      node,
      ip,
      factory,
      durable: new Map(),
      instance: null,
      incarnation: 0,
      listeners: new Map(),
      sockets: new Set(),
      timers: new Set(),
    };
    this.procs.set(node, proc);
    this.boot(proc);
    return proc;
  }

  instance<T extends SimProcess>(node: string): T {
    return this.procs.get(node)!.instance as T;
  }

  addrOf(node: string, port: number): Address {
    return { host: this.procs.get(node)!.ip, port };
  }

  nodeAt = (addr: Address): string | null => {
    for (const p of this.procs.values()) if (p.ip === addr.host) return p.node;
    return null;
  };

  crash(node: string): void {
    const p = this.procs.get(node)!;
    p.instance = null;
    p.incarnation++;
    p.listeners.clear();
    p.timers.clear();
    for (const s of [...p.sockets]) s.reset();
  }

  restart(node: string): void {
    this.boot(this.procs.get(node)!);
  }

  partition(a: string, b: string): void {
    this.blocked.add(`${a}>${b}`).add(`${b}>${a}`);
  }

  heal(): void {
    this.blocked.clear();
  }

  private boot(p: Proc): void {
    p.instance = p.factory();
    p.instance.start(this.context(p, p.incarnation));
  }

  private context(p: Proc, incarnation: number): ProcessContext {
    const alive = (): boolean => p.incarnation === incarnation;
    return {
      node: p.node,
      host: p.node,
      ip: p.ip,
      localNowMs: () => this.nowMs,
      trueNowMs: () => this.nowMs,
      connect: (to, handler, opts) => this.connect(p, to, handler, opts?.connectTimeoutMs ?? 10_000),
      listen: (port, onAccept) => p.listeners.set(port, onAccept),
      setTimer: (delayMs, fn) => {
        const id = this.at(delayMs, () => {
          if (alive() && p.timers.delete(id)) fn();
        });
        p.timers.add(id);
        return id;
      },
      setTimerWith: (delayMs, fn, arg) => {
        const id = this.at(delayMs, () => {
          if (alive() && p.timers.delete(id)) fn(arg);
        });
        p.timers.add(id);
        return id;
      },
      clearTimer: (id) => p.timers.delete(id),
      random: this.root.fork(p.node),
      record: (payload: HistoryPayload) =>
        this.history.push({ trueMs: this.nowMs, localMs: this.nowMs, node: p.node, payload }),
      durable: p.durable,
    };
  }

  private procAt(addr: Address): Proc | undefined {
    for (const p of this.procs.values()) if (p.ip === addr.host) return p;
    return undefined;
  }

  private connect(from: Proc, to: Address, handler: SocketHandler, timeoutMs: number): SimSocket {
    const local = { host: from.ip, port: 40000 + this.nextId };
    const sock = new FakeSocket(this, this.nextId++, from, local, to);
    sock.handler = handler;
    from.sockets.add(sock);
    this.at(this.latencyMs, () => {
      if (sock.state !== 'connecting') return;
      const target = this.procAt(to);
      if (target === undefined || this.blocked.has(`${from.node}>${target.node}`)) {
        this.at(timeoutMs - this.latencyMs, () => this.closePeer(sock, 'timeout'));
        return;
      }
      const onAccept = target.listeners.get(to.port);
      if (onAccept === undefined || target.instance === null) {
        this.closePeer(sock, 'refused');
        return;
      }
      const server = new FakeSocket(this, this.nextId++, target, to, local);
      server.state = 'open';
      server.peer = sock;
      sock.peer = server;
      target.sockets.add(server);
      server.handler = onAccept(server);
      sock.state = 'open';
      sock.handler?.onOpen?.(sock);
      for (const m of sock.buffered.splice(0)) sock.send(m);
    });
    return sock;
  }

  deliver(from: FakeSocket, message: SimMessage): void {
    const to = from.peer;
    if (to === null || this.blocked.has(`${from.owner.node}>${to.owner.node}`)) return;
    this.at(this.latencyMs, () => {
      if (to.state === 'open') to.handler?.onMessage(to, message);
    });
  }

  closePeer(sock: FakeSocket, reason: CloseReason): void {
    if (sock.state === 'closed') return;
    sock.state = 'closed';
    sock.owner.sockets.delete(sock);
    sock.handler?.onClose(sock, reason);
  }
}
