// Scenario validation: a scenario is data, possibly written by hand or generated, so every field is
// checked before a run. The first problem found throws a `ScenarioError` naming the field by its path
// (`faults[2].op.target`).

import { isInvariantName, needsSentinels } from './invariants.js';
import { hostNames, nodeNames, sentinelNodes } from './topology.js';
import type { FaultOp, LatencySpec, Scenario, TimedFault, TopologySpec } from './types.js';

export type ScenarioErrorCode =
  /** A number outside its allowed range, a bad enum value, an empty name. */
  | 'invalid-value'
  /** A fault names a node or host the topology does not have. */
  | 'unknown-target'
  /** A partition that blocks nothing, or a block from a node to itself. */
  | 'empty-partition'
  /** An expectation for an invariant no checker knows. */
  | 'unknown-invariant'
  /** An expectation the topology cannot give (a Sentinel invariant in a world without Sentinels). */
  | 'not-applicable';

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly code: ScenarioErrorCode,
    /** Path of the offending field, e.g. `sentinel.quorum` or `faults[0].op.blocks[1]`. */
    readonly field: string,
    reason: string,
    readonly scenario = '?',
  ) {
    super(`scenario '${scenario}': ${field}: ${reason}`);
  }
}

type Fail = (code: ScenarioErrorCode, field: string, reason: string) => never;

function check(fail: Fail, ok: boolean, field: string, reason: string): void {
  if (!ok) fail('invalid-value', field, reason);
}

const isInt = (x: number): boolean => Number.isInteger(x);
const isFiniteNum = (x: number): boolean => typeof x === 'number' && Number.isFinite(x);

function checkInt(fail: Fail, value: number, field: string, min: number, max = Infinity): void {
  check(
    fail,
    isInt(value) && value >= min && value <= max,
    field,
    max === Infinity
      ? `must be an integer ≥ ${min}, got ${value}`
      : `must be an integer in [${min}, ${max}], got ${value}`,
  );
}

function checkNum(fail: Fail, value: number, field: string, min: number, max = Infinity): void {
  check(
    fail,
    isFiniteNum(value) && value >= min && value <= max,
    field,
    `must be a number in [${min}, ${max}], got ${value}`,
  );
}

export function validateLatency(fail: Fail, spec: LatencySpec, field: string): void {
  switch (spec.kind) {
    case 'constant':
      return checkNum(fail, spec.ms, `${field}.ms`, 0);
    case 'uniform':
      checkNum(fail, spec.minMs, `${field}.minMs`, 0);
      return checkNum(fail, spec.maxMs, `${field}.maxMs`, spec.minMs);
    case 'exponential':
      checkNum(fail, spec.minMs, `${field}.minMs`, 0);
      return checkNum(fail, spec.meanMs, `${field}.meanMs`, 0);
    case 'long-tail':
      checkNum(fail, spec.baseMs, `${field}.baseMs`, 0);
      checkNum(fail, spec.tailProbability, `${field}.tailProbability`, 0, 1);
      check(
        fail,
        isFiniteNum(spec.alpha) && spec.alpha > 0,
        `${field}.alpha`,
        `must be > 0, got ${spec.alpha}`,
      );
      return checkNum(fail, spec.maxMs, `${field}.maxMs`, spec.baseMs);
    default:
      return fail(
        'invalid-value',
        `${field}.kind`,
        `unknown latency kind '${(spec as { kind: string }).kind}'`,
      );
  }
}

function validateTopology(fail: Fail, t: TopologySpec): void {
  // 0 Sentinels is a replication-only world (replication-smoke); validateWithoutSentinels says what
  // such a world can do.
  checkInt(fail, t.sentinels, 'topology.sentinels', 0, 64);
  checkInt(fail, t.replicas, 'topology.replicas', 0, 64);
  checkInt(fail, t.clients, 'topology.clients', 0, 64);
  const nodes = nodeNames(t);
  for (const [node, host] of Object.entries(t.placement ?? {})) {
    if (!nodes.includes(node)) fail('unknown-target', `topology.placement.${node}`, `unknown node '${node}'`);
    check(fail, host !== '', `topology.placement.${node}`, 'host name must not be empty');
    // A host may not be named like another node: a fault on that name would be ambiguous.
    if (nodes.includes(host) && host !== node) {
      fail('invalid-value', `topology.placement.${node}`, `host name '${host}' is the name of another node`);
    }
  }
}

/** The context a fault is checked against. */
interface FaultCtx {
  readonly fail: Fail;
  readonly targets: ReadonlySet<string>;
  readonly sentinels: readonly string[];
}

function checkTarget(ctx: FaultCtx, target: string, field: string): void {
  if (!ctx.targets.has(target)) ctx.fail('unknown-target', field, `unknown node or host '${target}'`);
}

function validateOp(ctx: FaultCtx, op: FaultOp, field: string): void {
  const { fail } = ctx;
  switch (op.kind) {
    case 'crash':
      checkTarget(ctx, op.target, `${field}.target`);
      check(
        fail,
        op.mode === undefined || op.mode === 'process' || op.mode === 'host',
        `${field}.mode`,
        `unknown mode '${String(op.mode)}'`,
      );
      return;
    case 'pause':
    case 'clock-jump':
    case 'clock-drift':
      checkTarget(ctx, op.target, `${field}.target`);
      if (op.kind === 'clock-jump') checkNum(fail, op.deltaMs, `${field}.deltaMs`, -86_400_000, 86_400_000);
      if (op.kind === 'clock-drift') checkNum(fail, op.ppm, `${field}.ppm`, -500_000, 500_000);
      return;
    case 'config-loss':
      if (!ctx.sentinels.includes(op.target)) {
        fail('unknown-target', `${field}.target`, `config-loss needs a sentinel node, got '${op.target}'`);
      }
      return;
    case 'partition':
      validatePartition(ctx, op, field);
      return;
    case 'link':
      validateLink(ctx, op, field);
      return;
    default:
      fail('invalid-value', `${field}.kind`, `unknown fault kind '${(op as { kind: string }).kind}'`);
  }
}

function validatePartition(ctx: FaultCtx, op: Extract<FaultOp, { kind: 'partition' }>, field: string): void {
  if (op.blocks.length === 0)
    ctx.fail('empty-partition', `${field}.blocks`, 'a partition must block at least one pair');
  op.blocks.forEach(([a, b], i) => {
    checkTarget(ctx, a, `${field}.blocks[${i}][0]`);
    checkTarget(ctx, b, `${field}.blocks[${i}][1]`);
    if (a === b) ctx.fail('empty-partition', `${field}.blocks[${i}]`, `blocks '${a}' from itself`);
  });
  const mode = op.mode;
  check(
    ctx.fail,
    mode === undefined || mode === 'blackhole' || mode === 'hold' || mode === 'reset',
    `${field}.mode`,
    `unknown mode '${String(mode)}'`,
  );
}

function validateLink(ctx: FaultCtx, op: Extract<FaultOp, { kind: 'link' }>, field: string): void {
  checkTarget(ctx, op.from, `${field}.from`);
  checkTarget(ctx, op.to, `${field}.to`);
  if (op.from === op.to) ctx.fail('invalid-value', `${field}.to`, 'a link joins two different nodes');
  if (op.latency !== undefined) validateLatency(ctx.fail, op.latency, `${field}.latency`);
  if (op.lossRate !== undefined) checkNum(ctx.fail, op.lossRate, `${field}.lossRate`, 0, 1);
  if (op.duplicateRate !== undefined) checkNum(ctx.fail, op.duplicateRate, `${field}.duplicateRate`, 0, 1);
  if (op.bandwidthKBps !== undefined) {
    check(
      ctx.fail,
      isFiniteNum(op.bandwidthKBps) && op.bandwidthKBps > 0,
      `${field}.bandwidthKBps`,
      'must be > 0',
    );
  }
}

function validateFault(ctx: FaultCtx, f: TimedFault, field: string, faultPhaseEndMs: number): void {
  // A fault starts inside the fault phase: at the phase end everything is healed.
  checkInt(ctx.fail, f.atMs, `${field}.atMs`, 0, faultPhaseEndMs - 1);
  if (f.durationMs !== null) checkInt(ctx.fail, f.durationMs, `${field}.durationMs`, 1);
  validateOp(ctx, f.op, `${field}.op`);
}

function validateSettings(fail: Fail, s: Scenario): void {
  check(
    fail,
    /^\S+$/.test(s.sentinel.masterName),
    'sentinel.masterName',
    'must be a non-empty name without spaces',
  );
  checkInt(fail, s.sentinel.quorum, 'sentinel.quorum', 1);
  checkInt(fail, s.sentinel.downAfterMs, 'sentinel.downAfterMs', 1);
  checkInt(fail, s.sentinel.failoverTimeoutMs, 'sentinel.failoverTimeoutMs', 1);
  // parallel-syncs is not validated by redis-sentinel's config loader (§1.3), but a negative count has
  // no meaning a scenario could want; 0 is allowed (a catalogued misconfiguration).
  checkInt(fail, s.sentinel.parallelSyncs, 'sentinel.parallelSyncs', 0);
  check(fail, s.sentinel.profile !== '', 'sentinel.profile', 'must not be empty');
  checkInt(fail, s.redis.minReplicasToWrite, 'redis.minReplicasToWrite', 0);
  checkInt(fail, s.redis.minReplicasMaxLagS, 'redis.minReplicasMaxLagS', 0);
  checkInt(fail, s.redis.replDisklessSyncDelayS, 'redis.replDisklessSyncDelayS', 0);
  checkInt(fail, s.redis.replBacklogBytes, 'redis.replBacklogBytes', 1);
  check(
    fail,
    s.redis.persistence === 'none' || s.redis.persistence === 'snapshot',
    'redis.persistence',
    `unknown value '${s.redis.persistence}'`,
  );
  validateLatency(fail, s.latency, 'latency');
  checkNum(fail, s.workload.writesPerSec, 'workload.writesPerSec', 0);
  checkInt(fail, s.workload.opTimeoutMs, 'workload.opTimeoutMs', 1);
  if (s.workload.rediscoverAfterTimeouts !== undefined)
    checkInt(fail, s.workload.rediscoverAfterTimeouts, 'workload.rediscoverAfterTimeouts', 1);
  check(
    fail,
    s.workload.discovery === 'sentinel' || s.workload.discovery === 'fixed',
    'workload.discovery',
    `unknown value '${s.workload.discovery}'`,
  );
}

/** A world without Sentinels: clients need a fixed address, and Sentinel invariants cannot be judged. */
function validateWithoutSentinels(fail: Fail, s: Scenario): void {
  if (s.topology.sentinels > 0) return;
  if (s.workload.discovery === 'sentinel' && s.topology.clients > 0) {
    fail(
      'invalid-value',
      'workload.discovery',
      "'sentinel' discovery needs a Sentinel (topology.sentinels is 0)",
    );
  }
  for (const name of Object.keys(s.expect)) {
    if (isInvariantName(name) && needsSentinels(name)) {
      fail('not-applicable', `expect.${name}`, 'judges Sentinels, and topology.sentinels is 0');
    }
  }
}

const isRecord = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Library users hand in plain objects: a missing section is named, not a TypeError deeper down. */
function validateShape(s: unknown): asserts s is Scenario {
  const name = isRecord(s) ? (s as { name?: unknown }).name : undefined;
  const fail: Fail = (code, field, reason) => {
    throw new ScenarioError(code, field, reason, typeof name === 'string' ? name : '?');
  };
  if (!isRecord(s)) fail('invalid-value', '(scenario)', `must be an object, got ${JSON.stringify(s)}`);
  const o = s as Record<string, unknown>;
  check(fail, typeof name === 'string', 'name', `must be a string, got ${JSON.stringify(name)}`);
  for (const section of ['topology', 'sentinel', 'redis', 'latency', 'workload', 'expect']) {
    check(fail, isRecord(o[section]), section, `must be an object, got ${JSON.stringify(o[section])}`);
  }
  check(fail, Array.isArray(o['faults']), 'faults', `must be an array, got ${JSON.stringify(o['faults'])}`);
}

export function validateScenario(s: Scenario): Scenario {
  validateShape(s);
  const fail: Fail = (code, field, reason) => {
    throw new ScenarioError(code, field, reason, s.name);
  };
  check(fail, /^[a-z0-9][a-z0-9-]*$/.test(s.name), 'name', `must be kebab-case, got '${s.name}'`);
  validateTopology(fail, s.topology);
  validateSettings(fail, s);
  checkInt(fail, s.faultPhaseEndMs, 'faultPhaseEndMs', 0, s.durationMs);
  checkInt(fail, s.durationMs, 'durationMs', 1);
  const ctx: FaultCtx = {
    fail,
    targets: new Set([...nodeNames(s.topology), ...hostNames(s.topology)]),
    sentinels: sentinelNodes(s.topology),
  };
  s.faults.forEach((f, i) => validateFault(ctx, f, `faults[${i}]`, s.faultPhaseEndMs));
  for (const [name, expectation] of Object.entries(s.expect)) {
    if (!isInvariantName(name)) fail('unknown-invariant', `expect.${name}`, `unknown invariant '${name}'`);
    check(
      fail,
      ['hold', 'break', 'measure'].includes(expectation),
      `expect.${name}`,
      `unknown expectation '${expectation}'`,
    );
  }
  validateWithoutSentinels(fail, s);
  return s;
}
