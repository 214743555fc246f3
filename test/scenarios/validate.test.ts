import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../src/check/index.js';
import { resolveScenario as catalogScenario } from '../../src/cli/scenarios.js';
import { scenario, SAFETY_HOLDS } from '../../src/scenarios/catalog/common.js';
import { INVARIANT_NAMES, needsSentinels } from '../../src/scenarios/invariants.js';
import { createKernelPort } from '../../src/sim/kernel-port.js';
import { simulate } from '../../src/sim/run.js';
import { ScenarioError, validateScenario } from '../../src/scenarios/validate.js';
import type { FaultOp, Scenario } from '../../src/scenarios/types.js';

const EXPECT = {
  ...SAFETY_HOLDS,
  'bounded-failover': 'hold',
  'no-needless-failover': 'hold',
  'acked-write-loss': 'measure',
} as const;

const ok = scenario({ name: 'ok', description: 'valid', faults: [], expect: EXPECT });

function withFault(op: FaultOp, atMs = 1000, durationMs: number | null = 1000): Scenario {
  return { ...ok, faults: [{ atMs, durationMs, op }] };
}

function errorOf(s: Scenario): ScenarioError {
  try {
    validateScenario(s);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('validateScenario rejects bad data naming the field', () => {
  const cases: readonly (readonly [string, Scenario, string, string])[] = [
    [
      'unknown node in a crash target',
      withFault({ kind: 'crash', target: 'redis-9' }),
      'unknown-target',
      'faults[0].op.target',
    ],
    [
      'unknown host in a partition',
      withFault({ kind: 'partition', blocks: [['redis-1', 'nowhere']] }),
      'unknown-target',
      'faults[0].op.blocks[0][1]',
    ],
    [
      'a partition naming no node',
      withFault({ kind: 'partition', blocks: [] }),
      'empty-partition',
      'faults[0].op.blocks',
    ],
    [
      'a node blocked from itself',
      withFault({ kind: 'partition', blocks: [['redis-1', 'redis-1']] }),
      'empty-partition',
      'faults[0].op.blocks[0]',
    ],
    [
      'negative latency',
      withFault({ kind: 'link', from: 'redis-1', to: 'redis-2', latency: { kind: 'constant', ms: -1 } }),
      'invalid-value',
      'faults[0].op.latency.ms',
    ],
    [
      'uniform latency with max < min',
      withFault({
        kind: 'link',
        from: 'redis-1',
        to: 'redis-2',
        latency: { kind: 'uniform', minMs: 5, maxMs: 1 },
      }),
      'invalid-value',
      'faults[0].op.latency.maxMs',
    ],
    [
      'loss rate above 1',
      withFault({ kind: 'link', from: 'redis-1', to: 'redis-2', lossRate: 1.5 }),
      'invalid-value',
      'faults[0].op.lossRate',
    ],
    [
      'config loss on a redis node',
      withFault({ kind: 'config-loss', target: 'redis-1' }),
      'unknown-target',
      'faults[0].op.target',
    ],
    [
      'negative start time',
      withFault({ kind: 'pause', target: 'redis-1' }, -5),
      'invalid-value',
      'faults[0].atMs',
    ],
    [
      'a fault after the fault phase',
      withFault({ kind: 'pause', target: 'redis-1' }, ok.faultPhaseEndMs),
      'invalid-value',
      'faults[0].atMs',
    ],
    [
      'zero duration',
      withFault({ kind: 'pause', target: 'redis-1' }, 1000, 0),
      'invalid-value',
      'faults[0].durationMs',
    ],
    [
      'NaN clock jump',
      withFault({ kind: 'clock-jump', target: 'sentinel-1', deltaMs: Number.NaN }),
      'invalid-value',
      'faults[0].op.deltaMs',
    ],
    ['quorum 0', { ...ok, sentinel: { ...ok.sentinel, quorum: 0 } }, 'invalid-value', 'sentinel.quorum'],
    [
      'down-after 0',
      { ...ok, sentinel: { ...ok.sentinel, downAfterMs: 0 } },
      'invalid-value',
      'sentinel.downAfterMs',
    ],
    [
      'negative sentinels',
      { ...ok, topology: { ...ok.topology, sentinels: -1 } },
      'invalid-value',
      'topology.sentinels',
    ],
    [
      'no sentinels, clients finding the master through Sentinel',
      { ...ok, topology: { ...ok.topology, sentinels: 0 }, expect: { 'acked-write-loss': 'hold' } },
      'invalid-value',
      'workload.discovery',
    ],
    [
      'no sentinels, a Sentinel invariant expected',
      {
        ...ok,
        topology: { ...ok.topology, sentinels: 0 },
        workload: { ...ok.workload, discovery: 'fixed' },
        expect: { 'acked-write-loss': 'hold', 'no-needless-failover': 'hold' },
      },
      'not-applicable',
      'expect.no-needless-failover',
    ],
    [
      'placement of an unknown node',
      { ...ok, topology: { ...ok.topology, placement: { 'redis-7': 'box' } } },
      'unknown-target',
      'topology.placement.redis-7',
    ],
    [
      'a host named after another node',
      { ...ok, topology: { ...ok.topology, placement: { 'redis-1': 'redis-2' } } },
      'invalid-value',
      'topology.placement.redis-1',
    ],
    [
      'tail probability above 1',
      { ...ok, latency: { kind: 'long-tail', baseMs: 1, tailProbability: 2, alpha: 1, maxMs: 10 } },
      'invalid-value',
      'latency.tailProbability',
    ],
    [
      'fault phase longer than the run',
      { ...ok, faultPhaseEndMs: ok.durationMs + 1 },
      'invalid-value',
      'faultPhaseEndMs',
    ],
    [
      'unknown invariant',
      { ...ok, expect: { ...EXPECT, 'no-such-thing': 'hold' } },
      'unknown-invariant',
      'expect.no-such-thing',
    ],
    ['bad name', { ...ok, name: 'Has Spaces' }, 'invalid-value', 'name'],
  ];

  it.each(cases)('%s', (_label, s, code, field) => {
    const err = errorOf(s);
    expect(err.code).toBe(code);
    expect(err.field).toBe(field);
    expect(err.message).toContain(field);
    expect(err.message).toContain(`scenario '${s.name}'`);
  });

  it('accepts a host name wherever a target is expected', () => {
    const s: Scenario = {
      ...ok,
      topology: { ...ok.topology, placement: { 'redis-1': 'box-1', 'sentinel-1': 'box-1' } },
      faults: [{ atMs: 0, durationMs: null, op: { kind: 'crash', target: 'box-1', mode: 'host' } }],
    };
    expect(validateScenario(s)).toBe(s);
  });
});

describe('a world without Sentinels (topology.sentinels 0)', () => {
  const replicationOnly: Scenario = {
    ...ok,
    name: 'replication-only',
    topology: { ...ok.topology, sentinels: 0 },
    workload: { ...ok.workload, discovery: 'fixed' },
    faults: [{ atMs: 1000, durationMs: 1000, op: { kind: 'crash', target: 'redis-2' } }],
    expect: { 'acked-write-loss': 'hold', 'split-brain-window': 'measure', 'failover-count': 'measure' },
  };

  it('is valid with write expectations, and the simulator runs it', () => {
    expect(validateScenario(replicationOnly)).toBe(replicationOnly);
    expect(validateScenario(catalogScenario('replication-smoke'))).toBeDefined();
    const run = simulate(replicationOnly, 1, createKernelPort, {});
    expect(checkHistory(run.history, replicationOnly.expect).every((v) => v.ok)).toBe(true);
  });

  it.each(INVARIANT_NAMES.filter(needsSentinels))(
    'rejects an expectation for %s as not applicable',
    (name) => {
      const err = errorOf({ ...replicationOnly, expect: { ...replicationOnly.expect, [name]: 'measure' } });
      expect(err.code).toBe('not-applicable');
      expect(err.field).toBe(`expect.${name}`);
    },
  );

  it('agrees with the simulator: a scenario one accepts the other accepts, and Sentinel discovery is refused by both', () => {
    const discovering: Scenario = { ...replicationOnly, workload: { ...ok.workload, discovery: 'sentinel' } };
    expect(errorOf(discovering).field).toBe('workload.discovery');
    expect(() => simulate(discovering, 1, createKernelPort, {})).toThrow(/workload\.discovery/);
  });
});
