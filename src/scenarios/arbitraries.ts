// fast-check arbitraries for topologies, settings, fault operations, fault schedules and whole scenarios.
//
// Shrinking is designed toward the smallest schedule that still fails (ecosystem-notes §6.4):
// * fewer faults — the schedule is an array, which fast-check shrinks by dropping items from the front;
//   every fault carries its absolute `atMs`, so dropping the head keeps the others' meaning;
// * later faults — `atMs` is generated as `faultPhaseEndMs - 1 - offset` and `offset` shrinks to 0;
// * shorter faults — a duration shrinks toward 1 ms, and "until the end of the phase" (null) cross-shrinks
//   to a finite duration;
// * simpler faults — a fault's kind cross-shrinks toward `crash`, a partition toward one blocked pair,
//   latencies, rates, jumps and drifts toward 0.
// The schedule is sorted by `atMs` after generation (a `map`, so shrinking still works on the array).
//
// Partitions come in two shapes: a few blocked pairs (a cut between two processes), and, with
// `splits`, Jepsen's nemesis shape: a set of hosts cut from all the others in both directions (the
// 2013 Redis analysis isolated {n1, n2} from {n3, n4, n5}). A handful of random pairs practically
// never isolates a master together with its box's client from a majority; a split does it often, and
// shrinks toward fewer hosts on the cut side.

import fc from 'fast-check';
import { INVARIANT_NAMES } from './invariants.js';
import { bisect } from './partitions.js';
import { expandTargets, hostNames, nodeNames, sentinelNodes } from './topology.js';
import type {
  Expectation,
  FaultOp,
  FaultSchedule,
  LatencySpec,
  RedisSettings,
  Scenario,
  SentinelSettings,
  TimedFault,
  TopologySpec,
} from './types.js';

export type FaultKind = FaultOp['kind'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'crash',
  'pause',
  'partition',
  'link',
  'clock-jump',
  'clock-drift',
  'config-loss',
];

export interface ScheduleOptions {
  /** End of the fault phase (default 60000): every fault starts before it. */
  readonly faultPhaseEndMs?: number;
  /** Most faults in one schedule (default 6). */
  readonly maxFaults?: number;
  /** Longest finite fault duration (default 30000). */
  readonly maxDurationMs?: number;
  /** Fault kinds to draw from (default: all of FAULT_KINDS). */
  readonly kinds?: readonly FaultKind[];
  /** Partitions may also be splits: some hosts cut from all others (default false). */
  readonly splits?: boolean;
  /**
   * Start times and durations are multiples of this (default 1 ms). A coarser grain makes shrinking
   * cheaper: each time shrinks by halving, so 30 one-second slots need ~5 steps where 30,000
   * milliseconds need ~15, and in a slow world every step is a whole simulation.
   */
  readonly timeQuantumMs?: number;
}

interface ResolvedScheduleOptions {
  readonly faultPhaseEndMs: number;
  readonly maxFaults: number;
  readonly maxDurationMs: number;
  readonly kinds: readonly FaultKind[];
  readonly splits: boolean;
  readonly timeQuantumMs: number;
}

function resolve(options: ScheduleOptions): ResolvedScheduleOptions {
  const resolved = {
    faultPhaseEndMs: options.faultPhaseEndMs ?? 60_000,
    maxFaults: options.maxFaults ?? 6,
    maxDurationMs: options.maxDurationMs ?? 30_000,
    kinds: options.kinds ?? FAULT_KINDS,
    splits: options.splits ?? false,
    timeQuantumMs: options.timeQuantumMs ?? 1,
  };
  if (!(Number.isInteger(resolved.faultPhaseEndMs) && resolved.faultPhaseEndMs >= 1)) {
    throw new RangeError(`faultPhaseEndMs must be an integer >= 1, got ${resolved.faultPhaseEndMs}`);
  }
  if (resolved.kinds.length === 0) throw new RangeError('kinds must name at least one fault kind');
  const q = resolved.timeQuantumMs;
  if (!(Number.isInteger(q) && q >= 1 && q <= resolved.faultPhaseEndMs && q <= resolved.maxDurationMs)) {
    throw new RangeError(
      `timeQuantumMs must be an integer in [1, min(faultPhaseEndMs, maxDurationMs)], got ${q}`,
    );
  }
  return resolved;
}

/** Sentinels 1..7, replicas 0..4, clients 0..3, and sometimes nodes sharing boxes. */
export function topologyArb(): fc.Arbitrary<TopologySpec> {
  return fc
    .record({
      sentinels: fc.integer({ min: 1, max: 7 }),
      replicas: fc.integer({ min: 0, max: 4 }),
      clients: fc.integer({ min: 0, max: 3 }),
    })
    .chain((counts) => {
      const nodes = nodeNames(counts);
      const box = fc.option(fc.constantFrom('box-1', 'box-2', 'box-3'), { nil: undefined, freq: 3 });
      return fc
        .array(box, { minLength: nodes.length, maxLength: nodes.length })
        .map((boxes): TopologySpec => {
          const placement = Object.fromEntries(
            nodes.flatMap((n, i) => (boxes[i] === undefined ? [] : [[n, boxes[i]] as const])),
          );
          return Object.keys(placement).length === 0 ? counts : { ...counts, placement };
        });
    });
}

/** Sentinel settings, quorum up to one more than the Sentinels (a misconfiguration worth generating). */
export function sentinelSettingsArb(t: TopologySpec): fc.Arbitrary<SentinelSettings> {
  return fc.record({
    masterName: fc.constant('mymaster'),
    quorum: fc.integer({ min: 1, max: t.sentinels + 1 }),
    downAfterMs: fc.integer({ min: 500, max: 60_000 }),
    failoverTimeoutMs: fc.integer({ min: 1000, max: 300_000 }),
    parallelSyncs: fc.integer({ min: 0, max: 3 }),
    profile: fc.constant('redis-7'),
  });
}

export function redisSettingsArb(t: TopologySpec): fc.Arbitrary<RedisSettings> {
  return fc.record({
    minReplicasToWrite: fc.integer({ min: 0, max: t.replicas }),
    minReplicasMaxLagS: fc.integer({ min: 1, max: 20 }),
    replDisklessSyncDelayS: fc.integer({ min: 0, max: 5 }),
    replBacklogBytes: fc.integer({ min: 16 * 1024, max: 16 * 1024 * 1024 }),
    persistence: fc.constantFrom('none' as const, 'snapshot' as const),
  });
}

/** Latencies shrink toward a constant 0 ms. */
export function latencyArb(maxMs = 10_000): fc.Arbitrary<LatencySpec> {
  const ms = fc.integer({ min: 0, max: maxMs });
  return fc.oneof(
    { withCrossShrink: true },
    ms.map((v): LatencySpec => ({ kind: 'constant', ms: v })),
    fc
      .tuple(ms, ms)
      .map(([a, b]): LatencySpec => ({ kind: 'uniform', minMs: Math.min(a, b), maxMs: Math.max(a, b) })),
    // The mean includes the minimum (the simulator rejects meanMs < minMs).
    fc
      .tuple(ms, ms)
      .map(([minMs, extraMs]): LatencySpec => ({ kind: 'exponential', minMs, meanMs: minMs + extraMs })),
    fc
      .record({
        baseMs: ms,
        extraMs: ms,
        tailProbability: fc.double({ min: 0, max: 1, noNaN: true }),
        alpha: fc.double({ min: 0.5, max: 4, noNaN: true }),
      })
      .map(({ baseMs, extraMs, tailProbability, alpha }): LatencySpec => ({
        kind: 'long-tail',
        baseMs,
        tailProbability,
        alpha,
        maxMs: baseMs + extraMs,
      })),
  );
}

const rate = fc.double({ min: 0, max: 1, noNaN: true });
/** Loss below 1: the simulator rejects a loss rate of 1 (total loss is a partition, src/sim/link.ts). */
const lossRate = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const partitionMode = fc.constantFrom('blackhole' as const, 'hold' as const, 'reset' as const);

/**
 * A split: a non-empty proper subset of the hosts cut from the rest, both directions. Blocks name the
 * nodes on those hosts (executors and checkers that only know nodes understand them). Shrinks toward
 * fewer hosts on the cut side.
 */
export function splitPartitionArb(t: TopologySpec): fc.Arbitrary<FaultOp> {
  const hosts = hostNames(t);
  return fc
    .record({
      side: fc.subarray(hosts, { minLength: 1, maxLength: hosts.length - 1 }),
      mode: partitionMode,
    })
    .map(({ side, mode }): FaultOp => {
      const rest = hosts.filter((h) => !side.includes(h));
      return { kind: 'partition', blocks: bisect(expandTargets(t, side), expandTargets(t, rest)), mode };
    });
}

function partitionArb(
  t: TopologySpec,
  pair: fc.Arbitrary<[string, string]>,
  splits: boolean,
): fc.Arbitrary<FaultOp> {
  const pairs = fc.record({
    kind: fc.constant('partition' as const),
    blocks: fc.uniqueArray(pair, { minLength: 1, maxLength: 8, selector: ([a, b]) => `${a}>${b}` }),
    mode: partitionMode,
  });
  return splits && hostNames(t).length >= 2 ? fc.oneof(pairs, splitPartitionArb(t)) : pairs;
}

function opArbs(t: TopologySpec, splits: boolean): Record<FaultKind, fc.Arbitrary<FaultOp>> {
  const nodes = nodeNames(t);
  const target = fc.constantFrom(...nodes, ...hostNames(t).filter((h) => !nodes.includes(h)));
  const pair = fc.tuple(fc.constantFrom(...nodes), fc.constantFrom(...nodes)).filter(([a, b]) => a !== b);
  return {
    crash: fc.record({ kind: fc.constant('crash'), target, mode: fc.constantFrom('process', 'host') }),
    pause: fc.record({ kind: fc.constant('pause'), target }),
    partition: partitionArb(t, pair, splits),
    link: pair.chain(([from, to]) =>
      fc.record(
        {
          kind: fc.constant('link'),
          from: fc.constant(from),
          to: fc.constant(to),
          symmetric: fc.boolean(),
          latency: latencyArb(),
          lossRate,
          duplicateRate: rate,
          bandwidthKBps: fc.integer({ min: 1, max: 100_000 }),
        },
        { requiredKeys: ['kind', 'from', 'to'] },
      ),
    ),
    'clock-jump': fc.record({
      kind: fc.constant('clock-jump'),
      target,
      deltaMs: fc.integer({ min: -60_000, max: 60_000 }),
    }),
    'clock-drift': fc.record({
      kind: fc.constant('clock-drift'),
      target,
      ppm: fc.integer({ min: -200_000, max: 200_000 }),
    }),
    // A topology without Sentinels has no config-loss target (faultOpArb leaves the kind out).
    'config-loss':
      t.sentinels === 0
        ? fc.constant({ kind: 'config-loss', target: 'sentinel-1' })
        : fc.record({ kind: fc.constant('config-loss'), target: fc.constantFrom(...sentinelNodes(t)) }),
  } as Record<FaultKind, fc.Arbitrary<FaultOp>>;
}

/** One fault operation of one of `kinds` (single-node topologies get no partition or link). */
export function faultOpArb(
  t: TopologySpec,
  kinds: readonly FaultKind[] = FAULT_KINDS,
  splits = false,
): fc.Arbitrary<FaultOp> {
  const arbs = opArbs(t, splits);
  const usable = kinds.filter(
    (k) =>
      (nodeNames(t).length >= 2 || (k !== 'partition' && k !== 'link')) &&
      (t.sentinels > 0 || k !== 'config-loss'),
  );
  if (usable.length === 0) throw new RangeError('no fault kind applies to this topology');
  return fc.oneof({ withCrossShrink: true }, ...usable.map((k) => arbs[k]));
}

export function timedFaultArb(t: TopologySpec, options: ScheduleOptions = {}): fc.Arbitrary<TimedFault> {
  const o = resolve(options);
  const q = o.timeQuantumMs;
  // With q = 1 these are the plain millisecond ranges (the same draws as before quanta existed).
  const lastSlot = Math.floor((o.faultPhaseEndMs - 1) / q);
  const finite = fc.integer({ min: 1, max: Math.floor(o.maxDurationMs / q) }).map(
    (slots) => slots * q,
    (ms) => {
      if (typeof ms !== 'number' || ms % q !== 0) throw new Error('unmappable');
      return ms / q;
    },
  );
  return fc.record({
    // Shrinks toward the end of the fault phase (later).
    atMs: fc.integer({ min: 0, max: lastSlot }).map(
      (offset) => (lastSlot - offset) * q,
      (atMs) => {
        if (typeof atMs !== 'number' || atMs % q !== 0) throw new Error('unmappable');
        return lastSlot - atMs / q;
      },
    ),
    durationMs: fc.oneof(
      { withCrossShrink: true },
      { arbitrary: finite, weight: 4 },
      { arbitrary: fc.constant(null), weight: 1 },
    ),
    op: faultOpArb(t, o.kinds, o.splits),
  });
}

/** A schedule, sorted by start time (stable), of at most `maxFaults` faults. */
export function faultScheduleArb(
  t: TopologySpec,
  options: ScheduleOptions = {},
): fc.Arbitrary<FaultSchedule> {
  const o = resolve(options);
  return fc
    .array(timedFaultArb(t, o), { maxLength: o.maxFaults })
    .map((faults) => [...faults].sort((a, b) => a.atMs - b.atMs));
}

/** What a generated scenario expects: the two core safety properties hold, everything else is measured. */
export const GENERATED_EXPECT: Readonly<Record<string, Expectation>> = Object.fromEntries(
  INVARIANT_NAMES.map((n) => [n, n === 'election-safety' || n === 'epoch-monotonicity' ? 'hold' : 'measure']),
);

/** A whole valid scenario: topology, settings, latency, workload and a fault schedule. */
export function scenarioArb(options: ScheduleOptions = {}): fc.Arbitrary<Scenario> {
  const o = resolve(options);
  return topologyArb().chain((topology) =>
    fc.record({
      name: fc.constant('generated'),
      description: fc.constant('generated by fast-check'),
      topology: fc.constant(topology),
      sentinel: sentinelSettingsArb(topology),
      redis: redisSettingsArb(topology),
      latency: latencyArb(5),
      workload: fc.record({
        writesPerSec: fc.integer({ min: 0, max: 50 }),
        opTimeoutMs: fc.integer({ min: 100, max: 5000 }),
        discovery: fc.constantFrom('sentinel' as const, 'fixed' as const),
      }),
      faults: faultScheduleArb(topology, o),
      faultPhaseEndMs: fc.constant(o.faultPhaseEndMs),
      durationMs: fc.constant(o.faultPhaseEndMs + 60_000),
      expect: fc.constant(GENERATED_EXPECT),
    }),
  );
}
