// The nemesis: applies a FaultSchedule (src/scenarios/types.ts) to the kernel.
//
// Each timed fault is applied at `atMs` and healed at `atMs + durationMs`, or at `faultPhaseEndMs` if
// that comes first or the duration is null; faults still active when the fault phase ends are healed
// then, in the order they were applied. Every apply and heal is recorded in the history as
// `{kind:'fault', phase, op, targets, detail}` under node 'nemesis' with true time, and a `healed`
// record marks the end of the fault phase.
//
// Targets name nodes or hosts. A process-level fault (crash in 'process' mode, pause, config-loss)
// hits the named node, or every node of the named host; a host-level fault (crash in 'host' mode,
// clocks, partitions, links) hits the node's host. Partition pairs between two nodes of one host are
// ignored: a box cannot be partitioned from itself.

import type { FaultOp, FaultSchedule, TimedFault } from '../scenarios/types.js';
import { SimError, assertNever } from './errors.js';
import type { SimHost, SimNode } from './host.js';
import type { Kernel } from './kernel.js';
import { validateLinkParams, type LinkOverride } from './link.js';
import { checkDrift } from './clock.js';
import { modeCode } from './partition-table.js';
import type { LinkLayerId } from './link-table.js';

export interface NemesisOptions {
  readonly faults: FaultSchedule;
  readonly faultPhaseEndMs: number;
  /**
   * What a `config-loss` fault deletes from the node's durable state before it restarts. The world
   * decides (e.g. resets sentinel.conf to the initial one). Default: clears the whole durable map.
   */
  readonly onConfigLoss?: (node: string, durable: Map<string, unknown>) => void;
  /** Record a `{kind:'healed'}` record at faultPhaseEndMs (after the heals). Default true. */
  readonly recordHealed?: boolean;
}

type Heal = () => void;

export class Nemesis {
  private readonly onConfigLoss: (node: string, durable: Map<string, unknown>) => void;

  constructor(
    private readonly kernel: Kernel,
    private readonly opts: NemesisOptions,
  ) {
    this.onConfigLoss = opts.onConfigLoss ?? ((_node, durable) => durable.clear());
  }

  /** Validates the schedule and schedules every apply and heal. Call before running. */
  install(): void {
    const end = this.opts.faultPhaseEndMs;
    if (!(Number.isFinite(end) && end >= this.kernel.scheduler.nowMs)) {
      throw new SimError('BAD_FAULT', `faultPhaseEndMs must be finite and ≥ now, got ${end}`);
    }
    this.opts.faults.forEach((f, i) => this.validate(f, `faults[${i}]`));
    for (const fault of this.opts.faults) {
      this.kernel.scheduler.at(fault.atMs, () => this.apply(fault));
    }
    if (this.opts.recordHealed ?? true) {
      // Heals due at `end` are scheduled when their faults are applied (before `end`); re-scheduling
      // from an event at `end` puts the record after all of them in (time, seq) order.
      const sched = this.kernel.scheduler;
      sched.at(end, () => sched.at(end, () => this.kernel.record('nemesis', null, { kind: 'healed' })));
    }
  }

  private apply(fault: TimedFault): void {
    const heal = this.applyOp(fault.op);
    this.recordFault('apply', fault.op);
    if (heal === null) return;
    const end = this.opts.faultPhaseEndMs;
    const healAt = fault.durationMs === null ? end : Math.min(end, fault.atMs + fault.durationMs);
    this.kernel.scheduler.at(healAt, () => {
      heal();
      this.recordFault('heal', fault.op);
    });
  }

  /** Applies one operation; returns how to heal it (null for instantaneous ones). */
  private applyOp(op: FaultOp): Heal | null {
    const k = this.kernel;
    switch (op.kind) {
      case 'crash':
        return op.mode === 'host' ? this.crashHosts(op.target) : this.crashProcesses(op.target, null);
      case 'config-loss':
        return this.crashProcesses(op.target, (n) => this.onConfigLoss(n.name, n.durable));
      case 'pause': {
        const nodes = this.nodesOf(op.target);
        for (const n of nodes) k.pauseNode(n);
        return () => nodes.forEach((n) => k.resumeNode(n));
      }
      case 'partition': {
        const blocks = op.blocks.map(([a, b]): [string, string] => [
          this.hostOf(a).name,
          this.hostOf(b).name,
        ]);
        const id = k.network.partition(blocks, op.mode ?? 'hold');
        return () => void k.network.heal(id);
      }
      case 'link':
        return this.degradeLink(op);
      case 'clock-jump':
        this.hostOf(op.target).clock.jump(op.deltaMs, k.scheduler.nowMs);
        return null;
      case 'clock-drift': {
        const clock = this.hostOf(op.target).clock;
        const before = clock.driftPpm;
        clock.setDrift(op.ppm, k.scheduler.nowMs);
        return () => clock.setDrift(before, k.scheduler.nowMs);
      }
      default:
        return assertNever(op, 'fault kind');
    }
  }

  private crashProcesses(target: string, beforeRestart: ((n: SimNode) => void) | null): Heal {
    const nodes = this.nodesOf(target);
    for (const n of nodes) this.kernel.crashProcess(n, 'reset');
    return () => {
      for (const n of nodes) {
        beforeRestart?.(n);
        this.kernel.restartProcess(n);
      }
    };
  }

  private crashHosts(target: string): Heal {
    const host = this.hostOf(target);
    this.kernel.crashHost(host);
    return () => this.kernel.restartHost(host);
  }

  private degradeLink(op: Extract<FaultOp, { kind: 'link' }>): Heal {
    const from = this.hostOf(op.from).index;
    const to = this.hostOf(op.to).index;
    const override = linkOverride(op);
    const links = this.kernel.network.links;
    const layers: LinkLayerId[] = [links.degrade(from, to, override)];
    if (op.symmetric === true) layers.push(links.degrade(to, from, override));
    return () => layers.forEach((id) => links.restore(id));
  }

  private nodesOf(target: string): SimNode[] {
    if (this.kernel.hasNode(target)) return [this.kernel.node(target)];
    return [...this.kernel.host(target).nodes];
  }

  private hostOf(target: string): SimHost {
    return this.kernel.hasNode(target) ? this.kernel.node(target).host : this.kernel.host(target);
  }

  private recordFault(phase: 'apply' | 'heal', op: FaultOp): void {
    this.kernel.record('nemesis', null, {
      kind: 'fault',
      phase,
      op: op.kind,
      targets: targetsOf(op),
      detail: JSON.stringify(op),
    });
  }

  private validate(f: TimedFault, field: string): void {
    const end = this.opts.faultPhaseEndMs;
    if (!(Number.isFinite(f.atMs) && f.atMs >= this.kernel.scheduler.nowMs && f.atMs < end)) {
      throw new SimError(
        'BAD_FAULT',
        `${field}.atMs must be finite, ≥ now and < faultPhaseEndMs (${end}), got ${f.atMs}`,
      );
    }
    if (f.durationMs !== null && !(Number.isFinite(f.durationMs) && f.durationMs >= 0)) {
      throw new SimError(
        'BAD_FAULT',
        `${field}.durationMs must be null or a finite number ≥ 0, got ${f.durationMs}`,
      );
    }
    const op = f.op;
    if (op.kind === 'partition') modeCode(op.mode ?? 'hold');
    if (op.kind === 'link') validateLinkParams(linkOverride(op), `${field}.op`);
    if (op.kind === 'clock-drift') checkDrift(op.ppm);
    for (const t of targetsOf(f.op)) {
      if (!this.kernel.hasNode(t) && !this.kernel.hasHost(t)) {
        throw new SimError('BAD_FAULT', `${field}.op: unknown node or host '${t}'`);
      }
    }
  }
}

function linkOverride(op: Extract<FaultOp, { kind: 'link' }>): LinkOverride {
  const override: { -readonly [K in keyof LinkOverride]: LinkOverride[K] } = {};
  if (op.latency !== undefined) override.latency = op.latency;
  if (op.lossRate !== undefined) override.lossRate = op.lossRate;
  if (op.duplicateRate !== undefined) override.duplicateRate = op.duplicateRate;
  if (op.bandwidthKBps !== undefined) override.bandwidthKBps = op.bandwidthKBps;
  return override;
}

/** The names a fault operation concerns, in order of first appearance. */
export function targetsOf(op: FaultOp): string[] {
  switch (op.kind) {
    case 'partition':
      return [...new Set(op.blocks.flat())];
    case 'link':
      return [op.from, op.to];
    case 'crash':
    case 'pause':
    case 'clock-jump':
    case 'clock-drift':
    case 'config-loss':
      return [op.target];
    default:
      return assertNever(op, 'fault kind');
  }
}
