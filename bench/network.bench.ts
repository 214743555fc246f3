// Messages delivered per second through the simulated network: 8 hosts, a connection from every node
// to every other (56 connections), each client keeping a window of messages in flight to an echo
// server and sending a new one for each reply. Every message crosses the full path: link sampling,
// FIFO queue, delivery event, partition check, handler. Headline: uniform random latency (one RNG
// draw per message); details also give constant latency and a lossy variant.
import type { LatencySpec } from '../src/scenarios/types.js';
import type { ProcessContext, SimProcess, SimSocket, SocketHandler } from '../src/sim/api.js';
import { Kernel } from '../src/sim/kernel.js';
import { measure, type BenchModule } from './types.js';

const HOSTS = 8;
const WINDOW = 16;
const MESSAGES = 2_000_000;
const PORT = 7000;

interface Budget {
  left: number;
}

class EchoPeer implements SimProcess {
  constructor(
    private readonly peers: readonly string[],
    private readonly budget: Budget,
  ) {}
  start(ctx: ProcessContext): void {
    const server: SocketHandler = { onMessage: (sock, m) => sock.send(m), onClose: () => undefined };
    ctx.listen(PORT, () => server);
    const budget = this.budget;
    const client: SocketHandler = {
      onOpen: (sock: SimSocket) => {
        for (let i = 0; i < WINDOW && budget.left > 0; i++, budget.left--) sock.send(i);
      },
      onMessage: (sock, m) => {
        if (budget.left > 0) {
          budget.left--;
          sock.send(m);
        }
      },
      onClose: () => undefined,
    };
    for (const ip of this.peers) if (ip !== ctx.ip) ctx.connect({ host: ip, port: PORT }, client);
  }
}

interface NetRun {
  readonly perSec: number;
  readonly wallPerSec: number;
  readonly delivered: number;
  readonly simMs: number;
  readonly events: number;
}

function run(messages: number, latency: LatencySpec, lossRate: number): NetRun {
  const k = new Kernel({ seed: 1, defaultLatency: latency });
  const ips = Array.from({ length: HOSTS }, (_, i) => `10.0.0.${i + 1}`);
  // Each round trip delivers two messages (request and echo), so the client budget is half the target.
  const budget = { left: messages / 2 };
  ips.forEach((ip, i) => k.addHost({ name: `h${i}`, ip }));
  ips.forEach((_, i) =>
    k.addNode({ name: `n${i}`, host: `h${i}`, factory: () => new EchoPeer(ips, budget) }),
  );
  if (lossRate > 0)
    for (let a = 0; a < HOSTS; a++)
      for (let b = 0; b < HOSTS; b++) if (a !== b) k.network.links.setBase(a, b, { lossRate });
  k.start();
  const m = measure(() => k.scheduler.runUntilIdle(Number.MAX_SAFE_INTEGER));
  const delivered = k.network.stats.delivered;
  return {
    perSec: delivered / m.cpuSec,
    wallPerSec: delivered / m.wallSec,
    delivered,
    simMs: k.scheduler.nowMs,
    events: k.scheduler.executedCount,
  };
}

const summary = (r: NetRun): Record<string, number> => ({
  cpuPerSec: Math.round(r.perSec),
  wallPerSec: Math.round(r.wallPerSec),
  delivered: r.delivered,
  schedulerEvents: r.events,
  simulatedMs: r.simMs,
});

export const networkBench: BenchModule = {
  name: 'network',
  description: `${MESSAGES.toLocaleString('en-US')} messages over ${HOSTS * (HOSTS - 1)} connections, window ${WINDOW}`,
  run() {
    run(200_000, { kind: 'uniform', minMs: 0.5, maxMs: 5 }, 0); // warm-up
    const uniform = run(MESSAGES, { kind: 'uniform', minMs: 0.5, maxMs: 5 }, 0);
    const constant = run(MESSAGES, { kind: 'constant', ms: 1 }, 0);
    const lossy = run(MESSAGES / 2, { kind: 'uniform', minMs: 0.5, maxMs: 5 }, 0.01);
    return {
      metrics: { networkMessagesPerSec: Math.round(uniform.perSec) },
      details: {
        headline: 'uniform 0.5–5 ms latency, messages delivered per CPU-second',
        uniformLatency: summary(uniform),
        constantLatency: summary(constant),
        uniformLatencyLoss1Percent: summary(lossy),
        hosts: HOSTS,
        connections: HOSTS * (HOSTS - 1),
        window: WINDOW,
      },
      notes: [
        `uniform  ${(uniform.perSec / 1e6).toFixed(2)} M msg/CPU-s (${(uniform.wallPerSec / 1e6).toFixed(2)} M/s wall)`,
        `constant ${(constant.perSec / 1e6).toFixed(2)} M msg/CPU-s`,
        `1% loss  ${(lossy.perSec / 1e6).toFixed(2)} M msg/CPU-s`,
      ],
    };
  },
};
