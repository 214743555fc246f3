// Applies a scenario's fault schedule in wall time: each fault at `atMs`, healed after `durationMs` (or
// at the end of the fault phase), every applied and healed fault recorded with the time it took effect.
// Process faults also record `process` states (crashed/restarted/paused/resumed) for the checkers.
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RandomFn } from '../../engine/io.js';
import type { FaultOp, TimedFault } from '../../scenarios/types.js';
import type { Cluster, NodeHandle } from './cluster.js';
import type { Address } from '../../engine/io.js';
import { RealTierError } from '../errors.js';
import { SkewableClock } from '../lab-control.js';
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
  /**
   * The host clock of each engine sentinel that took a clock fault: every jump and drift applied so
   * far, in the same model as the process's own clock. A crash loses the process's clock (a new one
   * starts at real time); the host's clock would not, so a restart re-applies this one (as the
   * simulator's per-host clock survives a process crash).
   */
  private readonly hostClocks = new Map<string, SkewableClock>();

  constructor(
    private readonly cluster: Cluster,
    private readonly rec: Recorder,
    private readonly random: RandomFn,
    /** How a command reaches a process (tests replace it). */
    private readonly send: (addr: Address, argv: readonly string[]) => Promise<unknown> = commandOnce,
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

  /**
   * `SENTINEL-LAB CLOCK <op> <value>` on the engine sentinel's real port (lab-control.ts). A crashed or
   * paused process cannot take it: its host clock keeps the fault and syncClock hands it over when the
   * process runs again.
   */
  private async clock(node: string, op: 'JUMP' | 'DRIFT', value: number): Promise<void> {
    if (this.node(node).proc.state !== 'running') return;
    await this.send(this.node(node).realAddr, ['SENTINEL-LAB', 'CLOCK', op, String(value)]);
  }

  private hostClock(node: string): SkewableClock {
    let c = this.hostClocks.get(node);
    if (c === undefined) this.hostClocks.set(node, (c = new SkewableClock()));
    return c;
  }

  /**
   * After a restart (a new process starts at real time) or a resume (faults may have come meanwhile):
   * bring the process's clock to its host clock — rate first, then the offset difference as one jump.
   */
  private async syncClock(node: string): Promise<void> {
    const host = this.hostClocks.get(node)?.state();
    if (host === undefined) return;
    const reply = await this.send(this.node(node).realAddr, ['SENTINEL-LAB', 'CLOCK']);
    const [offsetMs, driftPpm] = Array.isArray(reply) ? reply.map(Number) : [NaN, NaN];
    if (!(Number.isFinite(offsetMs) && Number.isFinite(driftPpm))) {
      throw new RealTierError(
        'E_LAB_CONTROL',
        `${node}: SENTINEL-LAB CLOCK answered ${JSON.stringify(reply)}, not [offset, drift]`,
      );
    }
    if (driftPpm !== host.driftPpm) await this.clock(node, 'DRIFT', host.driftPpm);
    const diff = host.offsetMs - offsetMs!;
    if (Math.abs(diff) >= 1) await this.clock(node, 'JUMP', diff);
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
        this.hostClock(action.node).jump(action.deltaMs);
        await this.clock(action.node, 'JUMP', action.deltaMs);
        return;
      case 'clock-drift': {
        const stack = this.driftPpm.get(action.node) ?? [0];
        this.driftPpm.set(action.node, [...stack, action.ppm]);
        this.hostClock(action.node).setDrift(action.ppm);
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
        await this.syncClock(action.node);
        this.rec.record(action.node, { kind: 'process', state: 'restarted' });
        return;
      }
      case 'pause':
        this.node(action.node).proc.resume();
        await this.syncClock(action.node);
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
        this.hostClock(action.node).setDrift(stack.at(-1) ?? 0);
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
