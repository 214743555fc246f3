// Early validation of a scenario before a world is built: every problem is a ScenarioError naming the
// offending field (`faults[2].op.target`, `latency.minMs`), so the CLI can print one line.
import type { FaultOp, LatencySpec, Scenario } from '../scenarios/types.js';

export class ScenarioError extends Error {
  readonly code = 'SCENARIO_INVALID';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

function nonNegative(field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0)
    throw new ScenarioError(field, `must be a finite number ≥ 0, got ${value}`);
}

function count(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0)
    throw new ScenarioError(field, `must be an integer ≥ 0, got ${value}`);
}

function probability(field: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!(value >= 0 && value <= 1))
    throw new ScenarioError(field, `must be a probability in [0, 1], got ${value}`);
}

export function validateLatency(field: string, spec: LatencySpec): void {
  switch (spec.kind) {
    case 'constant':
      return nonNegative(`${field}.ms`, spec.ms);
    case 'uniform':
      nonNegative(`${field}.minMs`, spec.minMs);
      nonNegative(`${field}.maxMs`, spec.maxMs);
      if (spec.maxMs < spec.minMs) throw new ScenarioError(`${field}.maxMs`, 'must be ≥ minMs');
      return;
    case 'exponential':
      nonNegative(`${field}.minMs`, spec.minMs);
      nonNegative(`${field}.meanMs`, spec.meanMs);
      return;
    case 'long-tail':
      nonNegative(`${field}.baseMs`, spec.baseMs);
      probability(`${field}.tailProbability`, spec.tailProbability);
      if (!(spec.alpha > 0)) throw new ScenarioError(`${field}.alpha`, `must be > 0, got ${spec.alpha}`);
      if (!(spec.maxMs >= spec.baseMs)) throw new ScenarioError(`${field}.maxMs`, 'must be ≥ baseMs');
      return;
    default: {
      const never: never = spec;
      throw new ScenarioError(field, `unknown latency kind ${JSON.stringify(never)}`);
    }
  }
}

/** Checks a scenario against the names of its nodes and hosts (from the layout). */
export function validateScenario(s: Scenario, known: ReadonlySet<string>): void {
  if (s.name.length === 0) throw new ScenarioError('name', 'must not be empty');
  count('topology.sentinels', s.topology.sentinels);
  count('topology.replicas', s.topology.replicas);
  count('topology.clients', s.topology.clients);
  validateLatency('latency', s.latency);
  if (!(s.workload.writesPerSec > 0)) throw new ScenarioError('workload.writesPerSec', 'must be > 0');
  if (!(s.workload.opTimeoutMs > 0)) throw new ScenarioError('workload.opTimeoutMs', 'must be > 0');
  const giveUp = s.workload.rediscoverAfterTimeouts;
  if (giveUp !== undefined && !(Number.isInteger(giveUp) && giveUp >= 1)) {
    throw new ScenarioError('workload.rediscoverAfterTimeouts', 'must be an integer ≥ 1 when given');
  }
  if (s.workload.discovery === 'sentinel' && s.topology.sentinels === 0 && s.topology.clients > 0) {
    throw new ScenarioError('workload.discovery', "'sentinel' discovery needs at least one sentinel");
  }
  count('redis.minReplicasToWrite', s.redis.minReplicasToWrite);
  count('redis.minReplicasMaxLagS', s.redis.minReplicasMaxLagS);
  count('redis.replDisklessSyncDelayS', s.redis.replDisklessSyncDelayS);
  if (!(Number.isInteger(s.redis.replBacklogBytes) && s.redis.replBacklogBytes > 0)) {
    throw new ScenarioError('redis.replBacklogBytes', 'must be a positive integer');
  }
  if (!(s.durationMs > 0)) throw new ScenarioError('durationMs', 'must be > 0');
  nonNegative('faultPhaseEndMs', s.faultPhaseEndMs);
  if (s.faultPhaseEndMs > s.durationMs) throw new ScenarioError('faultPhaseEndMs', 'must be ≤ durationMs');
  s.faults.forEach((f, i) => {
    nonNegative(`faults[${i}].atMs`, f.atMs);
    if (f.durationMs !== null) nonNegative(`faults[${i}].durationMs`, f.durationMs);
    validateFault(`faults[${i}].op`, f.op, known);
  });
}

function target(field: string, name: string, known: ReadonlySet<string>): void {
  if (!known.has(name)) throw new ScenarioError(field, `unknown node or host '${name}'`);
}

function validateFault(field: string, op: FaultOp, known: ReadonlySet<string>): void {
  switch (op.kind) {
    case 'crash':
    case 'pause':
    case 'clock-drift':
    case 'config-loss':
      return target(`${field}.target`, op.target, known);
    case 'clock-jump':
      target(`${field}.target`, op.target, known);
      if (!Number.isFinite(op.deltaMs)) throw new ScenarioError(`${field}.deltaMs`, 'must be finite');
      return;
    case 'partition':
      if (op.blocks.length === 0)
        throw new ScenarioError(`${field}.blocks`, 'a partition must block at least one pair');
      op.blocks.forEach(([a, b], j) => {
        target(`${field}.blocks[${j}][0]`, a, known);
        target(`${field}.blocks[${j}][1]`, b, known);
      });
      return;
    case 'link':
      target(`${field}.from`, op.from, known);
      target(`${field}.to`, op.to, known);
      if (op.latency !== undefined) validateLatency(`${field}.latency`, op.latency);
      probability(`${field}.lossRate`, op.lossRate);
      probability(`${field}.duplicateRate`, op.duplicateRate);
      if (op.bandwidthKBps !== undefined && !(op.bandwidthKBps > 0)) {
        throw new ScenarioError(`${field}.bandwidthKBps`, 'must be > 0');
      }
      return;
    default: {
      const never: never = op;
      throw new ScenarioError(`${field}.kind`, `unknown fault kind ${JSON.stringify(never)}`);
    }
  }
}
