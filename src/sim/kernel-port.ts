// The world's KernelPort on the real simulation kernel (kernel.ts, nemesis.ts).
import type { Scenario } from '../scenarios/types.js';
import { Kernel } from './kernel.js';
import { MessageCapture } from './message-capture.js';
import { Nemesis } from './nemesis.js';
import type { KernelPort } from './world.js';

/** A kernel for one run: root seed `seed`, every link at the scenario's default latency. */
export function createKernelPort(seed: number, scenario: Scenario): KernelPort {
  const kernel = new Kernel({ seed, defaultLatency: scenario.latency });
  return {
    addHost: (name, ip) => void kernel.addHost({ name, ip }),
    addProcess: (node, host, factory) => void kernel.addNode({ name: node, host, factory }),
    start: (faults, faultPhaseEndMs) => {
      kernel.start();
      new Nemesis(kernel, { faults, faultPhaseEndMs }).install();
    },
    record: (node, payload) => kernel.record(node, null, payload),
    runUntil: (atMs) => kernel.scheduler.runUntil(atMs),
    isUp: (node) => kernel.node(node).running,
    history: kernel.history,
    eventsProcessed: () => kernel.scheduler.executedCount,
    captureMessages: () => {
      kernel.network.tap = new MessageCapture((node, localMs, payload) =>
        kernel.record(node, localMs, payload),
      );
    },
  };
}
