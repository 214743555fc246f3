// Lifecycle chaos: random interleavings of crashes (both modes), restarts, pauses, resumes and
// partitions over chattering processes. Whatever the order, the kernel never throws, never delivers to
// a dead incarnation, and once every fault is healed every node runs again and traffic flows.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { ProcessContext, SimProcess, SimSocket } from '../../src/sim/api.js';
import { Kernel } from '../../src/sim/kernel.js';
import type { NodeContext } from '../../src/sim/context.js';

const NODES = ['n1', 'n2', 'n3'] as const;
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.0.3'];

interface Stats {
  received: Map<string, number>;
  staleCallbacks: number;
}

/** Keeps a connection to every peer, reconnecting when one closes, and sends on a timer. */
class Chatter implements SimProcess {
  constructor(private readonly stats: Stats) {}
  start(ctx: ProcessContext): void {
    const stats = this.stats;
    // A callback reaching a crashed instance (its context no longer alive) would be a kernel bug.
    const guard = (): boolean => {
      if (!(ctx as NodeContext).alive) {
        stats.staleCallbacks++;
        return false;
      }
      return true;
    };
    const onMessage = (): void => {
      if (guard()) stats.received.set(ctx.node, (stats.received.get(ctx.node) ?? 0) + 1);
    };
    ctx.listen(7000, () => ({ onMessage, onClose: () => void guard() }));
    const socks = new Map<string, SimSocket>();
    const tick = (): void => {
      if (!guard()) return;
      for (const ip of IPS) {
        if (ip === ctx.ip) continue;
        let s = socks.get(ip);
        if (s === undefined || s.state === 'closed') {
          s = ctx.connect(
            { host: ip, port: 7000 },
            { onMessage, onClose: () => void guard() },
            { connectTimeoutMs: 300 },
          );
          socks.set(ip, s);
        }
        s.send(ctx.node);
      }
      ctx.setTimer(20, tick);
    };
    ctx.setTimer(1, tick);
  }
}

const opArb = fc.record({
  atMs: fc.integer({ min: 0, max: 3000 }),
  node: fc.constantFrom(...NODES),
  kind: fc.constantFrom('crash', 'crash-host', 'restart', 'restart-host', 'pause', 'resume', 'cut', 'heal'),
});

describe('lifecycle chaos', () => {
  test.prop([fc.integer(), fc.array(opArb, { maxLength: 25 })], { numRuns: 60 })(
    'no interleaving of crashes, pauses and cuts breaks the kernel; after healing, every node runs and hears traffic',
    (seed, ops) => {
      const stats: Stats = { received: new Map(), staleCallbacks: 0 };
      const k = new Kernel({ seed, defaultLatency: { kind: 'uniform', minMs: 0.5, maxMs: 10 } });
      IPS.forEach((ip, i) => k.addHost({ name: `h${i + 1}`, ip }));
      NODES.forEach((n, i) => k.addNode({ name: n, host: `h${i + 1}`, factory: () => new Chatter(stats) }));
      k.start();
      const cuts: number[] = [];
      for (const op of ops) {
        k.scheduler.at(op.atMs, () => {
          const node = k.node(op.node);
          if (op.kind === 'crash') k.crashProcess(node);
          else if (op.kind === 'crash-host') k.crashHost(node.host);
          else if (op.kind === 'restart') k.restartProcess(node);
          else if (op.kind === 'restart-host') k.restartHost(node.host);
          else if (op.kind === 'pause') k.pauseNode(node);
          else if (op.kind === 'resume') k.resumeNode(node);
          else if (op.kind === 'cut') cuts.push(k.network.partition([[node.host.name, 'h1']], 'hold'));
          else for (const id of cuts.splice(0)) k.network.heal(id);
        });
      }
      k.scheduler.at(4000, () => {
        for (const id of cuts.splice(0)) k.network.heal(id);
        for (const n of NODES) {
          const node = k.node(n);
          while (node.paused) k.resumeNode(node);
          k.restartHost(node.host);
          k.restartProcess(node);
        }
      });
      k.scheduler.runUntil(4000);
      const before = new Map(stats.received);
      k.scheduler.runUntil(8000);
      expect(stats.staleCallbacks).toBe(0);
      for (const n of NODES) {
        expect(k.node(n).running).toBe(true);
        expect(stats.received.get(n) ?? 0).toBeGreaterThan(before.get(n) ?? 0);
      }
    },
  );
});
