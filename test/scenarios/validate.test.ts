import { describe, expect, it } from 'vitest';
import { scenario, SAFETY_HOLDS } from '../../src/scenarios/catalog/common.js';
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
      'no sentinels',
      { ...ok, topology: { ...ok.topology, sentinels: 0 } },
      'invalid-value',
      'topology.sentinels',
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
