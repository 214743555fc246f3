// Applies a cell's parameters to a base scenario, and adds the run's random background faults.
// Quorum above the Sentinel count is kept on purpose: it is a real misconfiguration worth measuring
// (no failover can ever be authorised). Values no run can use fail early, naming the flag.
import seedrandom from 'seedrandom';
import type { LatencySpec, Scenario, TimedFault } from '../scenarios/types.js';
import { SweepError } from './errors.js';
import { AXES, type SweepParams } from './grid.js';

/** The mean one-way latency of a latency spec (ms), used as the scenario's own `latencyMs`. */
export function meanLatencyMs(spec: LatencySpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.ms;
    case 'uniform':
      return (spec.minMs + spec.maxMs) / 2;
    case 'exponential':
      return spec.meanMs;
    case 'long-tail':
      return spec.baseMs;
    default: {
      const never: never = spec;
      throw new Error(`unknown latency kind ${JSON.stringify(never)}`);
    }
  }
}

const round3 = (v: number): number => Number(v.toFixed(3));

/** The base scenario's own values of every axis, with the given fault rate (not part of a scenario). */
export function scenarioParams(base: Scenario, faultRatePerMin: number): SweepParams {
  return {
    sentinels: base.topology.sentinels,
    quorum: base.sentinel.quorum,
    downAfterMs: base.sentinel.downAfterMs,
    failoverTimeoutMs: base.sentinel.failoverTimeoutMs,
    parallelSyncs: base.sentinel.parallelSyncs,
    minReplicasToWrite: base.redis.minReplicasToWrite,
    latencyMs: round3(meanLatencyMs(base.latency)),
    faultRatePerMin,
  };
}

/** Rejects values no run can use (e.g. quorum < 1), naming the flag. */
export function validateParams(p: SweepParams): void {
  for (const [axis, { flag, min }] of Object.entries(AXES)) {
    const v = p[axis as keyof SweepParams];
    if (!(v >= min)) throw new SweepError('SWEEP_INVALID', `${flag}: ${v} is below the minimum ${min}`);
  }
}

function latencyOf(base: Scenario, latencyMs: number): LatencySpec {
  if (latencyMs === round3(meanLatencyMs(base.latency))) return base.latency;
  // ±50 % around the mean: jitter large enough to matter, mean as asked.
  return { kind: 'uniform', minMs: latencyMs * 0.5, maxMs: latencyMs * 1.5 };
}

/**
 * Random background faults at `ratePerMin` over the fault phase: each simulated second has a
 * ratePerMin/60 chance of starting one — a pause of 0.5–3 s of a Sentinel or a replica, or a 1–5 s
 * latency spike (up to twice down-after) between one of them and the initial master.
 */
function backgroundFaults(s: Scenario, ratePerMin: number, seed: number): TimedFault[] {
  const targets = [
    ...Array.from({ length: s.topology.sentinels }, (_, i) => `sentinel-${i + 1}`),
    ...Array.from({ length: s.topology.replicas }, (_, i) => `redis-${i + 2}`),
  ];
  if (ratePerMin === 0 || targets.length === 0) return [];
  const random = seedrandom.alea(`sweep-faults:${seed}`);
  const pick = (n: number): number => Math.min(n - 1, Math.floor(random() * n));
  const faults: TimedFault[] = [];
  const p = Math.min(1, ratePerMin / 60);
  for (let second = 1; second * 1000 < s.faultPhaseEndMs; second++) {
    if (random() >= p) continue;
    const target = targets[pick(targets.length)]!;
    const atMs = second * 1000 + Math.floor(random() * 1000);
    if (random() < 0.5) {
      faults.push({ atMs, durationMs: 500 + Math.floor(random() * 2500), op: { kind: 'pause', target } });
    } else {
      const ms = Math.max(1, Math.floor(random() * 2 * s.sentinel.downAfterMs));
      const latency = { kind: 'constant', ms } as const;
      const op = { kind: 'link', from: target, to: 'redis-1', symmetric: true, latency } as const;
      faults.push({ atMs, durationMs: 1000 + Math.floor(random() * 4000), op });
    }
  }
  return faults;
}

/** The scenario one run of a cell executes. */
export function applyParams(base: Scenario, p: SweepParams, runSeedValue: number): Scenario {
  validateParams(p);
  const s: Scenario = {
    ...base,
    topology: { ...base.topology, sentinels: p.sentinels },
    sentinel: {
      ...base.sentinel,
      quorum: p.quorum,
      downAfterMs: p.downAfterMs,
      failoverTimeoutMs: p.failoverTimeoutMs,
      parallelSyncs: p.parallelSyncs,
    },
    redis: { ...base.redis, minReplicasToWrite: p.minReplicasToWrite },
    latency: latencyOf(base, p.latencyMs),
  };
  const extra = backgroundFaults(s, p.faultRatePerMin, runSeedValue);
  // Array.prototype.sort is stable: equal times keep base-then-background order.
  const faults = [...pruneToSentinels(base.faults, p.sentinels), ...extra].sort((a, b) => a.atMs - b.atMs);
  return { ...s, faults };
}

const SENTINEL_NODE = /^sentinel-(\d+)$/;

/** Whether `node` names a Sentinel beyond the cell's count (so the cell does not have it). */
function missingSentinel(node: string, sentinels: number): boolean {
  const m = SENTINEL_NODE.exec(node);
  return m !== null && Number(m[1]) > sentinels;
}

/**
 * A base scenario may name more Sentinels than a cell has (a partition written for up to 9 Sentinels):
 * partition pairs with a missing Sentinel are dropped, and so are faults that target one.
 */
function pruneToSentinels(faults: readonly TimedFault[], sentinels: number): TimedFault[] {
  const out: TimedFault[] = [];
  for (const f of faults) {
    const op = f.op;
    if (op.kind === 'partition') {
      const blocks = op.blocks.filter(
        ([a, b]) => !missingSentinel(a, sentinels) && !missingSentinel(b, sentinels),
      );
      if (blocks.length > 0) out.push({ ...f, op: { ...op, blocks } });
    } else if (op.kind === 'link') {
      if (!missingSentinel(op.from, sentinels) && !missingSentinel(op.to, sentinels)) out.push(f);
    } else if (!missingSentinel(op.target, sentinels)) out.push(f);
  }
  return out;
}

/**
 * The scenario without its Sentinels, for worlds that have no Sentinel implementation: clients use a
 * fixed address and faults that name a Sentinel are dropped. Failover metrics are then empty; write loss
 * and the rest of the machinery still run.
 */
export function withoutSentinels(s: Scenario): Scenario {
  const namesSentinel = (f: TimedFault): boolean => JSON.stringify(f.op).includes('"sentinel-');
  return {
    ...s,
    topology: { ...s.topology, sentinels: 0 },
    workload: { ...s.workload, discovery: 'fixed' },
    faults: s.faults.filter((f) => !namesSentinel(f)),
  };
}
