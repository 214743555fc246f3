// Small processes and worlds shared by the kernel tests.
import type { CloseReason, ProcessContext, SimProcess, SimSocket, SocketHandler } from '../../src/sim/api.js';
import { Kernel, type KernelOptions } from '../../src/sim/kernel.js';

/** A process that does nothing at start; tests drive it through its context. */
export class Idle implements SimProcess {
  ctx: ProcessContext | null = null;
  start(ctx: ProcessContext): void {
    this.ctx = ctx;
  }
}

/** Records everything that happens on one socket. */
export class SocketLog implements SocketHandler {
  readonly messages: unknown[] = [];
  readonly times: number[] = [];
  opened: number | null = null;
  closed: { reason: CloseReason; atMs: number } | null = null;
  sock: SimSocket | null = null;
  constructor(
    private readonly now: () => number,
    private readonly echo = false,
  ) {}
  onOpen(sock: SimSocket): void {
    this.sock = sock;
    this.opened = this.now();
  }
  onMessage(sock: SimSocket, message: unknown): void {
    this.sock = sock;
    this.messages.push(message);
    this.times.push(this.now());
    if (this.echo) sock.send(message);
  }
  onClose(_sock: SimSocket, reason: CloseReason): void {
    this.closed = { reason, atMs: this.now() };
  }
}

export interface World {
  readonly kernel: Kernel;
  /** The current context of a node's process (throws if it never started). */
  ctx(node: string): ProcessContext;
  /** Logs of the sockets a node accepted on port 6379, in accept order. */
  accepted(node: string): SocketLog[];
  now(): number;
}

/**
 * Hosts a, b, c (10.0.0.1–3), one Idle node per host with the host's name, each listening on 6379 and
 * logging (and, with `echo`, echoing) what its accepted sockets receive. Started, at time 0.
 */
export function world(opts: Partial<KernelOptions> & { echo?: boolean } = {}): World {
  const kernel = new Kernel({ seed: 1, ...opts });
  const procs = new Map<string, Idle>();
  const accepted = new Map<string, SocketLog[]>();
  const now = (): number => kernel.scheduler.nowMs;
  ['a', 'b', 'c'].forEach((name, i) => {
    kernel.addHost({ name, ip: `10.0.0.${i + 1}` });
    accepted.set(name, []);
    kernel.addNode({
      name,
      host: name,
      factory: () => {
        const p = new Idle();
        procs.set(name, p);
        return {
          start: (ctx: ProcessContext) => {
            p.start(ctx);
            ctx.listen(6379, (sock) => {
              const log = new SocketLog(now, opts.echo ?? false);
              log.sock = sock;
              accepted.get(name)?.push(log);
              return log;
            });
          },
        };
      },
    });
  });
  kernel.start();
  kernel.scheduler.runUntil(0);
  return {
    kernel,
    now,
    ctx: (node) => {
      const c = procs.get(node)?.ctx;
      if (c === undefined || c === null) throw new Error(`${node} not started`);
      return c;
    },
    accepted: (node) => accepted.get(node) ?? [],
  };
}

export const addr = (host: 'a' | 'b' | 'c', port = 6379): { host: string; port: number } => ({
  host: `10.0.0.${host.charCodeAt(0) - 96}`,
  port,
});
