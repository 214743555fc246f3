import { describe, expect, it } from 'vitest';
import { replicationSmoke } from '../../src/scenarios/catalog/replication-smoke.js';
import type { Scenario } from '../../src/scenarios/types.js';
import { summarizeWrites } from '../../src/sim/summary.js';
import { traceHash, traceJsonl } from '../../src/sim/trace.js';
import { ScenarioError } from '../../src/sim/validate.js';
import { World } from '../../src/sim/world.js';
import { FakePort } from './fake-port.js';

function run(scenario: Scenario, seed = 1): ReturnType<World['run']> {
  return new World(scenario, new FakePort(seed)).run();
}

describe('world assembly (on the fake kernel)', () => {
  it('replication-smoke: topology first, final last, no acknowledged write lost, the crashed replica catches up', () => {
    const history = run(replicationSmoke);
    expect(history[0]!.payload.kind).toBe('topology');
    const final = history.at(-1)!.payload;
    expect(final.kind).toBe('final');
    if (final.kind !== 'final') return;
    expect(final.redis.map((r) => [r.node, r.up, r.role, r.masterNode])).toEqual([
      ['redis-1', true, 'master', null],
      ['redis-2', true, 'replica', 'redis-1'],
      ['redis-3', true, 'replica', 'redis-1'],
    ]);
    // Everything the master holds reached both replicas (the client stopped writing before the end).
    expect(final.redis[1]!.sets).toEqual(final.redis[0]!.sets);
    expect(final.redis[2]!.sets).toEqual(final.redis[0]!.sets);
    const writes = summarizeWrites(history);
    expect(writes.attempted).toBeGreaterThan(300);
    expect(writes.acked).toBe(writes.attempted);
    expect(writes.lost).toBe(0);
    expect(history.some((r) => r.payload.kind === 'healed')).toBe(true);
  });

  it('Sentinels plug in through sentinelFactory: built per start, views land in the final record', () => {
    const specs: string[] = [];
    const scenario: Scenario = {
      ...replicationSmoke,
      topology: { ...replicationSmoke.topology, sentinels: 2 },
      faults: [{ atMs: 1000, durationMs: 1000, op: { kind: 'crash', target: 'sentinel-2' } }],
    };
    const history = new World(scenario, new FakePort(1), {
      sentinelFactory: (spec) => {
        specs.push(`${spec.node.name}@${spec.node.ip}:${spec.node.port}->${spec.initialMaster.host}`);
        return { start: () => {}, views: () => ({ mymaster: spec.nodeAt(spec.initialMaster) }) };
      },
    }).run();
    expect(specs).toEqual([
      'sentinel-1@10.0.0.4:26379->10.0.0.1',
      'sentinel-2@10.0.0.5:26379->10.0.0.1',
      'sentinel-2@10.0.0.5:26379->10.0.0.1',
    ]);
    const final = history.at(-1)!.payload;
    expect(final.kind === 'final' && final.sentinels).toEqual([
      { node: 'sentinel-1', up: true, views: { mymaster: 'redis-1' } },
      { node: 'sentinel-2', up: true, views: { mymaster: 'redis-1' } },
    ]);
  });

  it('same seed gives the same trace; the trace records every role change', () => {
    const a = traceJsonl(run(replicationSmoke, 7));
    const b = traceJsonl(run(replicationSmoke, 7));
    expect(traceHash(a)).toBe(traceHash(b));
    expect(a).toContain('"kind":"role"');
  });

  it('rejects a fault naming an unknown host, an empty partition and a negative latency, naming the field', () => {
    const bad = (change: Partial<Scenario>): ScenarioError => {
      try {
        new World({ ...replicationSmoke, ...change }, new FakePort(1));
      } catch (e) {
        if (e instanceof ScenarioError) return e;
        throw e;
      }
      throw new Error('no error');
    };
    expect(
      bad({ faults: [{ atMs: 0, durationMs: 1, op: { kind: 'crash', target: 'redis-9' } }] }).field,
    ).toBe('faults[0].op.target');
    expect(bad({ faults: [{ atMs: 0, durationMs: 1, op: { kind: 'partition', blocks: [] } }] }).field).toBe(
      'faults[0].op.blocks',
    );
    expect(bad({ latency: { kind: 'constant', ms: -1 } }).field).toBe('latency.ms');
    expect(bad({ topology: { ...replicationSmoke.topology, placement: { 'redis-7': 'box' } } }).field).toBe(
      'topology.placement.redis-7',
    );
    expect(bad({ topology: { ...replicationSmoke.topology, sentinels: 3 } }).field).toBe(
      'topology.sentinels',
    );
    const e = (() => {
      try {
        new World(
          {
            ...replicationSmoke,
            topology: { ...replicationSmoke.topology, placement: { 'redis-2': 'box' } },
          },
          new FakePort(1),
          { ports: { 'redis-1': 7000, 'redis-2': 7000 } },
        );
        return null;
      } catch (err) {
        return err;
      }
    })();
    // Different hosts: the same port is fine.
    expect(e).toBeNull();
    expect(
      () =>
        new World(
          {
            ...replicationSmoke,
            topology: { ...replicationSmoke.topology, placement: { 'redis-1': 'box', 'redis-2': 'box' } },
          },
          new FakePort(1),
          { ports: { 'redis-1': 7000, 'redis-2': 7000 } },
        ),
    ).toThrow(/ports\.redis-2/);
  });
});
