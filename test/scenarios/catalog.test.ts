import { describe, expect, it } from 'vitest';
import { moreScenarios } from '../../src/scenarios/catalog/more.js';
import { INVARIANT_NAMES } from '../../src/scenarios/invariants.js';
import { expandTargets, nodeNames } from '../../src/scenarios/topology.js';
import { validateScenario } from '../../src/scenarios/validate.js';

const byName = new Map(moreScenarios.map((s) => [s.name, s]));

describe('scenario catalogue', () => {
  it.each(moreScenarios.map((s) => [s.name, s] as const))('%s validates', (_name, s) => {
    expect(validateScenario(s)).toBe(s);
  });

  it('has unique names', () => {
    expect(byName.size).toBe(moreScenarios.length);
  });

  it.each(moreScenarios.map((s) => [s.name, s] as const))(
    '%s states an expectation for every invariant',
    (_n, s) => {
      expect(Object.keys(s.expect).sort()).toEqual([...INVARIANT_NAMES].sort());
    },
  );

  it('contains every scenario the brief asks for', () => {
    for (const name of [
      'jepsen-2013-partition',
      'jepsen-2013-partition-min-replicas-1',
      'jepsen-2013-partition-min-replicas-2',
      'one-way-master-mute',
      'flapping-master-below-down-after',
      'sentinel-crash-during-failover',
      'leader-partitioned-after-election',
      'clock-jump-tilt',
      'clock-drift',
      'latency-near-down-after',
      'even-sentinels-split-vote',
      'lagging-replica-promoted',
      'sentinel-config-loss',
      'misconfig-single-sentinel',
      'misconfig-quorum-above-sentinels',
      'misconfig-two-sentinels',
      'misconfig-sentinels-on-master-box',
      'misconfig-parallel-syncs-0',
      'misconfig-huge-down-after',
    ]) {
      expect(byName.has(name), name).toBe(true);
    }
  });

  it('jepsen-2013: the partition separates {n1,n2} from {n3,n4,n5} completely, both ways', () => {
    const s = byName.get('jepsen-2013-partition')!;
    const op = s.faults[0]!.op;
    if (op.kind !== 'partition') throw new Error('expected a partition');
    const left = expandTargets(s.topology, ['n1', 'n2']);
    const right = expandTargets(s.topology, ['n3', 'n4', 'n5']);
    expect(left).toContain('redis-1');
    expect(left).toContain('client-1');
    expect(right).toContain('client-2');
    const blocked = new Set(op.blocks.map(([a, b]) => `${a}>${b}`));
    for (const a of left) {
      for (const b of right) {
        expect(blocked.has(`${a}>${b}`)).toBe(true);
        expect(blocked.has(`${b}>${a}`)).toBe(true);
      }
    }
    expect(op.blocks.length).toBe(left.length * right.length * 2);
    expect(s.expect['acked-write-loss']).toBe('break');
    expect(byName.get('jepsen-2013-partition-min-replicas-2')!.redis.minReplicasToWrite).toBe(2);
  });

  it('misconfigurations put the whole box down with the master where the scenario says so', () => {
    const s = byName.get('misconfig-sentinels-on-master-box')!;
    expect(expandTargets(s.topology, ['box-1'])).toEqual([
      'redis-1',
      'sentinel-1',
      'sentinel-2',
      'sentinel-3',
    ]);
    expect(nodeNames(s.topology)).toHaveLength(7);
  });
});
