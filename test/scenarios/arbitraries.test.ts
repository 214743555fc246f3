import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FAULT_KINDS,
  faultScheduleArb,
  scenarioArb,
  splitPartitionArb,
  topologyArb,
  type FaultKind,
} from '../../src/scenarios/arbitraries.js';
import { validateScenario } from '../../src/scenarios/validate.js';
import { bisectionSides } from '../../src/chaos/describe.js';
import { BASE } from '../../src/scenarios/catalog/common.js';
import type { FaultSchedule, Scenario } from '../../src/scenarios/types.js';

const END_MS = 60_000;

/** Size of a schedule: more, longer and earlier faults are bigger. */
function scheduleSize(s: FaultSchedule): number {
  return s.reduce((sum, f) => sum + 1 + (f.durationMs ?? END_MS) + (END_MS - f.atMs), 0);
}

describe('fault-schedule arbitraries', () => {
  it('generate only valid scenarios (validateScenario accepts every one)', () => {
    fc.assert(
      fc.property(scenarioArb({ faultPhaseEndMs: END_MS }), (s) => {
        validateScenario(s);
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('generate schedules sorted by start time, inside the fault phase', () => {
    fc.assert(
      fc.property(
        topologyArb().chain((t) => faultScheduleArb(t, { faultPhaseEndMs: END_MS })),
        (faults) => {
          for (let i = 1; i < faults.length; i++)
            expect(faults[i - 1]!.atMs).toBeLessThanOrEqual(faults[i]!.atMs);
          for (const f of faults) expect(f.atMs).toBeLessThan(END_MS);
        },
      ),
      { numRuns: 200, seed: 2 },
    );
  });

  it('cover every FaultOp kind', () => {
    const seen = new Set<FaultKind>();
    const samples = fc.sample(faultScheduleArb(BASE.topology, { faultPhaseEndMs: END_MS }), {
      numRuns: 300,
      seed: 3,
    });
    for (const faults of samples) for (const f of faults) seen.add(f.op.kind);
    expect([...seen].sort()).toEqual([...FAULT_KINDS].sort());
  });

  it('honour a restricted set of kinds', () => {
    const samples = fc.sample(faultScheduleArb(BASE.topology, { kinds: ['pause', 'clock-jump'] }), {
      numRuns: 100,
      seed: 4,
    });
    for (const faults of samples)
      for (const f of faults) expect(['pause', 'clock-jump']).toContain(f.op.kind);
  });
});

describe('shrinking', () => {
  /** Run a failing property twice from one seed: unshrunk (endOnFailure) and shrunk. */
  function originalAndShrunk(predicate: (s: Scenario) => boolean, seed: number): [Scenario, Scenario] {
    const prop = fc.property(scenarioArb({ faultPhaseEndMs: END_MS }), predicate);
    const original = fc.check(prop, { seed, endOnFailure: true, numRuns: 1000 });
    const shrunk = fc.check(prop, { seed, numRuns: 1000 });
    if (original.counterexample === null || shrunk.counterexample === null)
      throw new Error('property never failed');
    return [original.counterexample[0], shrunk.counterexample[0]];
  }

  it('shrinks toward fewer, shorter, later faults: one crash at the end of the phase lasting 1 ms', () => {
    const [original, shrunk] = originalAndShrunk((s) => s.faults.length === 0, 7);
    expect(original.faults.length).toBeGreaterThan(0);
    expect(shrunk.faults).toHaveLength(1);
    expect(shrunk.faults[0]).toMatchObject({ atMs: END_MS - 1, durationMs: 1, op: { kind: 'crash' } });
    expect(scheduleSize(shrunk.faults)).toBeLessThanOrEqual(scheduleSize(original.faults));
  });

  it('shrinks a failing partition down to a single blocked pair', () => {
    const hasPartition = (s: Scenario): boolean => s.faults.some((f) => f.op.kind === 'partition');
    const [original, shrunk] = originalAndShrunk((s) => !hasPartition(s), 11);
    expect(hasPartition(original)).toBe(true);
    expect(shrunk.faults).toHaveLength(1);
    const op = shrunk.faults[0]!.op;
    expect(op.kind === 'partition' && op.blocks.length).toBe(1);
  });

  it('reduces the size of many failing schedules', () => {
    for (const seed of [21, 22, 23, 24, 25]) {
      const [original, shrunk] = originalAndShrunk((s) => s.faults.length < 2, seed);
      expect(shrunk.faults).toHaveLength(2);
      expect(scheduleSize(shrunk.faults)).toBeLessThanOrEqual(scheduleSize(original.faults));
    }
  });
});

describe('partition splits and time quanta', () => {
  const jepsenLike = {
    sentinels: 3,
    replicas: 2,
    clients: 1,
    placement: { 'redis-1': 'n1', 'sentinel-1': 'n1', 'client-1': 'n1', 'redis-2': 'n2', 'sentinel-2': 'n2' },
  };

  it('a split cuts every node of some hosts from every node of the others, both ways', () => {
    for (const op of fc.sample(splitPartitionArb(jepsenLike), { numRuns: 100, seed: 5 })) {
      if (op.kind !== 'partition') throw new Error('not a partition');
      const sides = bisectionSides(op.blocks);
      expect(sides).not.toBeNull();
      // A box never straddles the cut: n1's three nodes are on one side together.
      const n1 = ['redis-1', 'sentinel-1', 'client-1'];
      const left = sides![0];
      expect(n1.every((n) => left.includes(n)) || n1.every((n) => !left.includes(n))).toBe(true);
    }
  });

  it('with splits on, schedules contain both pair cuts and splits', () => {
    const ops = fc
      .sample(faultScheduleArb(jepsenLike, { kinds: ['partition'], splits: true }), { numRuns: 200, seed: 6 })
      .flat()
      .map((f) => f.op);
    const shapes = new Set(
      ops.map((op) => (op.kind === 'partition' && bisectionSides(op.blocks) ? 'split' : 'pairs')),
    );
    expect([...shapes].sort()).toEqual(['pairs', 'split']);
  });

  it('a time quantum puts every start and finite duration on its grain', () => {
    const samples = fc.sample(
      faultScheduleArb(BASE.topology, { faultPhaseEndMs: 30_000, timeQuantumMs: 1000 }),
      {
        numRuns: 200,
        seed: 7,
      },
    );
    for (const f of samples.flat()) {
      expect(f.atMs % 1000).toBe(0);
      expect(f.atMs).toBeLessThan(30_000);
      if (f.durationMs !== null) expect(f.durationMs % 1000).toBe(0);
    }
  });

  it('a 1 ms quantum draws the same schedules as no quantum (old seeds keep their meaning)', () => {
    const plain = fc.sample(faultScheduleArb(BASE.topology), { numRuns: 50, seed: 8 });
    const quantum = fc.sample(faultScheduleArb(BASE.topology, { timeQuantumMs: 1 }), {
      numRuns: 50,
      seed: 8,
    });
    expect(quantum).toEqual(plain);
  });

  it('rejects a quantum off the integers or longer than the fault phase, naming it', () => {
    expect(() => faultScheduleArb(BASE.topology, { timeQuantumMs: 0.5 })).toThrow(/timeQuantumMs/);
    expect(() => faultScheduleArb(BASE.topology, { faultPhaseEndMs: 100, timeQuantumMs: 200 })).toThrow(
      /timeQuantumMs/,
    );
  });
});
