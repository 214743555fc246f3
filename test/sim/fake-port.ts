// The fake kernel behind the world's KernelPort, for world tests that must not wait for the real
// kernel: hosts map to IPs, crash faults crash and restart processes, partitions block node pairs
// (blackhole). Other fault kinds are recorded but have no effect here.
import type { History, HistoryPayload } from '../../src/check/history.js';
import type { FaultSchedule, LatencySpec } from '../../src/scenarios/types.js';
import type { SimProcess } from '../../src/sim/api.js';
import type { KernelPort } from '../../src/sim/world.js';
import { FakeKernel } from './fake-kernel.js';

export class FakePort implements KernelPort {
  readonly k: FakeKernel;
  private readonly ips = new Map<string, string>();
  constructor(seed: number, latency: LatencySpec = { kind: 'constant', ms: 1 }) {
    this.k = new FakeKernel(seed);
    this.k.latencyMs = latency.kind === 'constant' ? latency.ms : 1;
  }
  get history(): History {
    return this.k.history;
  }
  addHost(name: string, ip: string): void {
    this.ips.set(name, ip);
  }
  private readonly pending: (() => void)[] = [];
  addProcess(node: string, host: string, factory: () => SimProcess): void {
    this.pending.push(() => this.k.add(node, factory, this.ips.get(host)));
  }
  start(faults: FaultSchedule, faultPhaseEndMs: number): void {
    for (const boot of this.pending.splice(0)) boot();
    this.at(faultPhaseEndMs, () =>
      this.at(faultPhaseEndMs, () => this.record('nemesis', { kind: 'healed' })),
    );
    for (const f of faults) {
      const endMs =
        f.durationMs === null ? faultPhaseEndMs : Math.min(f.atMs + f.durationMs, faultPhaseEndMs);
      const op = f.op;
      const targets =
        op.kind === 'partition' ? op.blocks.flat() : op.kind === 'link' ? [op.from, op.to] : [op.target];
      this.at(f.atMs, () => {
        this.record('nemesis', { kind: 'fault', phase: 'apply', op: op.kind, targets });
        if (op.kind === 'crash') this.k.crash(op.target);
        if (op.kind === 'partition') for (const [a, b] of op.blocks) this.k.blocked.add(`${a}>${b}`);
      });
      this.at(endMs, () => {
        this.record('nemesis', { kind: 'fault', phase: 'heal', op: op.kind, targets });
        if (op.kind === 'crash') this.k.restart(op.target);
        if (op.kind === 'partition') for (const [a, b] of op.blocks) this.k.blocked.delete(`${a}>${b}`);
      });
    }
  }
  at(atMs: number, fn: () => void): void {
    this.k.at(atMs - this.k.nowMs, fn);
  }
  record(node: string, payload: HistoryPayload): void {
    this.k.history.push({ trueMs: this.k.nowMs, localMs: null, node, payload });
  }
  runUntil(atMs: number): void {
    this.k.runUntil(atMs);
  }
  isUp(node: string): boolean {
    return this.k.procs.get(node)?.instance != null;
  }
  eventsProcessed(): number {
    return this.k.events;
  }
}
