// Applies a scenario's fault schedule in wall time: each fault at `atMs`, healed after `durationMs` (or
// at the end of the fault phase), every applied and healed fault recorded with the time it took effect.
// Process faults also record `process` states (crashed/restarted/paused/resumed) for the checkers.
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RandomFn } from '../../engine/io.js';
import type { FaultOp, TimedFault } from '../../scenarios/types.js';
import type { Cluster, NodeHandle } from './cluster.js';
import { planFault, type Action, type Plan } from './faults.js';
import { commandOnce } from './probe.js';
import type { Recorder } from './recorder.js';

export interface UnsupportedFault {
  readonly atMs: number;
  readonly op: FaultOp;
  readonly reason: string;
}

/** The names a fault operation concerns, in order of first appearance (as the simulator records them). */
export function targetsOf(op: FaultOp): string[] {
  switch (op.kind) {
    case 'partition':
      return [...new Set(op.blocks.flat())];
    case 'link':
      return [op.from, op.to];
    default:
      return [op.target];
  }
}

interface Active {
  readonly fault: TimedFault;
  readonly plan: Plan;
  readonly healAtMs: number;
  healed: boolean;
}

export class Nemesis {
  readonly unsupported: UnsupportedFault[] = [];
  private readonly active: Active[] = [];
  /** Engine sentinels' current clock drift (ppm), to restore when a drift fault heals. */
  private readonly driftPpm = new Map<string, number[]>();

  constructor(
    private readonly cluster: Cluster,
    private readonly rec: Recorder,
    private readonly random: RandomFn,
  ) {}

  /** Runs the whole fault phase: apply and heal in time order, then heal what is left and record `healed`. */
  async run(): Promise<void> {
    const endMs = this.cluster.scenario.faultPhaseEndMs;
    const faults = [...this.cluster.scenario.faults].sort((a, b) => a.atMs - b.atMs);
    let i = 0;
    for (;;) {
      const nextApply = faults[i]?.atMs ?? Infinity;
      const due = this.active.filter((a) => !a.healed).sort((a, b) => a.healAtMs - b.healAtMs)[0];
      const nextHeal = due?.healAtMs ?? Infinity;
      if (Math.min(nextApply, nextHeal) >= endMs) break;
      await sleep(Math.max(0, Math.min(nextApply, nextHeal) - this.rec.nowMs()));
      if (due !== undefined && nextHeal <= nextApply) await this.heal(due);
      else await this.apply(faults[i++]!);
    }
    await sleep(Math.max(0, endMs - this.rec.nowMs()));
    for (const a of this.active) if (!a.healed) await this.heal(a);
    this.rec.record('nemesis', { kind: 'healed' });
  }

  private async apply(fault: TimedFault): Promise<void> {
    const s = this.cluster.scenario;
    const plan = planFault(s.topology, this.cluster.sut, fault, this.random);
    for (const reason of plan.unsupported) this.unsupported.push({ atMs: fault.atMs, op: fault.op, reason });
    if (plan.actions.length === 0) return;
    const end = fault.durationMs === null ? s.faultPhaseEndMs : fault.atMs + fault.durationMs;
    this.record('apply', fault.op, plan);
    for (const action of plan.actions) await this.applyAction(action);
    this.active.push({ fault, plan, healAtMs: Math.min(end, s.faultPhaseEndMs), healed: false });
  }

  private async heal(a: Active): Promise<void> {
    a.healed = true;
    for (const action of a.plan.actions) await this.healAction(action);
    this.record('heal', a.fault.op, a.plan);
  }

  private record(phase: 'apply' | 'heal', op: FaultOp, plan: Plan): void {
    this.rec.record('nemesis', {
      kind: 'fault',
      phase,
      op: op.kind,
      targets: targetsOf(op),
      detail: plan.detail,
      ...(op.kind === 'partition' ? { blocks: op.blocks } : {}),
    });
  }

  /** `SENTINEL-LAB CLOCK <op> <value>` on the engine sentinel's real port (lab-control.ts). */
  private async clock(node: string, op: 'JUMP' | 'DRIFT', value: number): Promise<void> {
    await commandOnce(this.node(node).realAddr, ['SENTINEL-LAB', 'CLOCK', op, String(value)]);
  }

  private node(name: string): NodeHandle {
    return this.cluster.nodes.get(name)!;
  }

  private async applyAction(action: Action): Promise<void> {
    switch (action.kind) {
      case 'crash':
      case 'config-loss':
        await this.node(action.node).proc.kill();
        this.rec.record(action.node, { kind: 'process', state: 'crashed' });
        return;
      case 'pause':
        this.node(action.node).proc.pause();
        this.rec.record(action.node, { kind: 'process', state: 'paused' });
        return;
      case 'cut': {
        const link = this.cluster.toxi.link(action.link);
        await (action.mode === 'reset' ? link.partitionReset() : link.partitionSilent(action.streams));
        return;
      }
      case 'degrade': {
        const link = this.cluster.toxi.link(action.link);
        const streams = action.streams ?? 'both';
        if (action.latencyMs !== undefined) await link.latency({ latencyMs: action.latencyMs, streams });
        if (action.bandwidthKBps !== undefined) await link.bandwidth(action.bandwidthKBps, streams);
        return;
      }
      case 'clock-jump':
        await this.clock(action.node, 'JUMP', action.deltaMs);
        return;
      case 'clock-drift': {
        const stack = this.driftPpm.get(action.node) ?? [0];
        this.driftPpm.set(action.node, [...stack, action.ppm]);
        await this.clock(action.node, 'DRIFT', action.ppm);
        return;
      }
      default: {
        const never: never = action;
        return never;
      }
    }
  }

  private async healAction(action: Action): Promise<void> {
    switch (action.kind) {
      case 'crash':
      case 'config-loss': {
        const node = this.node(action.node);
        // config-loss: the sentinel comes back with the sentinel.conf it was first started with.
        if (action.kind === 'config-loss' && node.confPath !== undefined && node.initialConf !== undefined) {
          writeFileSync(node.confPath, node.initialConf);
        }
        await node.proc.start();
        this.rec.record(action.node, { kind: 'process', state: 'restarted' });
        return;
      }
      case 'pause':
        this.node(action.node).proc.resume();
        this.rec.record(action.node, { kind: 'process', state: 'resumed' });
        return;
      case 'cut':
      case 'degrade':
        await this.cluster.toxi.link(action.link).heal();
        return;
      case 'clock-jump':
        // A step is instantaneous: the clock stays where it jumped to, as on a real host.
        return;
      case 'clock-drift': {
        const stack = (this.driftPpm.get(action.node) ?? [0, action.ppm]).slice(0, -1);
        this.driftPpm.set(action.node, stack);
        await this.clock(action.node, 'DRIFT', stack.at(-1) ?? 0);
        return;
      }
      default: {
        const never: never = action;
        return never;
      }
    }
  }
}
