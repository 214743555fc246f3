// How a workload client finds the master. A strategy is asked again whenever the client lost its
// connection or met -READONLY, like ioredis' reconnect-and-resolve cycle.
//
// - 'fixed': always the initial master's address (a client without Sentinel support).
// - 'sentinel': ioredis' SentinelConnector.resolveMaster: ask each Sentinel in turn
//   `sentinel get-master-addr-by-name <name>` on a fresh connection; the first `[ip, port]` answer wins
//   and that Sentinel moves to the front of the list. The client then verifies the role with INFO on
//   the data connection (ioredis' ready check) before using it (see client.ts).
import type { Address, ProcessContext, SimSocket } from './api.js';
import { asRedisMessage, cmd } from './redis/protocol.js';

export interface DiscoveryStrategy {
  readonly kind: 'fixed' | 'sentinel';
  /** Whether the client checks `role:master` with INFO before using an address (ioredis in sentinel mode). */
  readonly verifyRole: boolean;
  /** One discovery attempt; calls `done` exactly once, with null when nothing answered. */
  discover(ctx: ProcessContext, done: (addr: Address | null) => void): void;
}

export function fixedDiscovery(master: Address): DiscoveryStrategy {
  return {
    kind: 'fixed',
    verifyRole: false,
    discover: (_ctx, done) => done(master),
  };
}

export interface SentinelDiscoveryOptions {
  readonly sentinels: readonly Address[];
  readonly masterName: string;
  /** Per-Sentinel budget for connect + reply (ioredis sentinelCommandTimeout / connectTimeout). */
  readonly commandTimeoutMs: number;
}

export function sentinelDiscovery(opts: SentinelDiscoveryOptions): DiscoveryStrategy {
  // ioredis keeps the Sentinel that answered first in line for the next resolve.
  const order = [...opts.sentinels];
  return {
    kind: 'sentinel',
    verifyRole: true,
    discover: (ctx, done) => {
      const tryAt = (index: number): void => {
        const sentinel = order[index];
        if (sentinel === undefined) {
          done(null);
          return;
        }
        askSentinel(ctx, sentinel, opts, (addr) => {
          if (addr === null) {
            tryAt(index + 1);
            return;
          }
          order.splice(index, 1);
          order.unshift(sentinel);
          done(addr);
        });
      };
      tryAt(0);
    },
  };
}

/** Asks one Sentinel for the master's address; `done(null)` on error, nil, close or timeout. */
function askSentinel(
  ctx: ProcessContext,
  sentinel: Address,
  opts: SentinelDiscoveryOptions,
  done: (addr: Address | null) => void,
): void {
  let finished = false;
  let sock: SimSocket | null = null;
  const finish = (addr: Address | null): void => {
    if (finished) return;
    finished = true;
    ctx.clearTimer(timer);
    sock?.close();
    done(addr);
  };
  const timer = ctx.setTimer(opts.commandTimeoutMs, () => finish(null));
  sock = ctx.connect(
    sentinel,
    {
      onMessage: (_s, message) => {
        const msg = asRedisMessage(message);
        if (msg?.t !== 'reply') return;
        const reply = msg.reply;
        if (reply.kind !== 'array' || reply.items.length !== 2) return finish(null);
        const [ip, port] = reply.items;
        const host = ip?.kind === 'bulk' ? ip.value : null;
        const portNumber =
          port?.kind === 'bulk' ? Number(port.value) : port?.kind === 'int' ? port.value : NaN;
        if (host === null || !Number.isInteger(portNumber)) return finish(null);
        finish({ host, port: portNumber });
      },
      onClose: () => {
        sock = null;
        finish(null);
      },
    },
    { connectTimeoutMs: opts.commandTimeoutMs },
  );
  sock.send(cmd('sentinel', 'get-master-addr-by-name', opts.masterName));
}
