// The world on the real kernel (src/sim/kernel.ts through kernel-port.ts), without Sentinels.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replicationSmoke } from '../../src/scenarios/catalog/replication-smoke.js';
import type { FaultOp, Scenario, TimedFault } from '../../src/scenarios/types.js';
import { createKernelPort } from '../../src/sim/kernel-port.js';
import { simulate } from '../../src/sim/run.js';

const nodes = ['redis-1', 'redis-2', 'redis-3', 'client-1'] as const;

const faultOp: fc.Arbitrary<FaultOp> = fc.oneof(
  fc.record({
    kind: fc.constant('crash' as const),
    target: fc.constantFrom('redis-1', 'redis-2', 'redis-3'),
    mode: fc.constantFrom('process' as const, 'host' as const),
  }),
  fc.record({ kind: fc.constant('pause' as const), target: fc.constantFrom(...nodes) }),
  fc.record({
    kind: fc.constant('partition' as const),
    blocks: fc.uniqueArray(
      fc.tuple(fc.constantFrom(...nodes), fc.constantFrom(...nodes)).filter(([a, b]) => a !== b),
      { minLength: 1, maxLength: 4, selector: ([a, b]) => `${a}>${b}` },
    ),
    mode: fc.constantFrom('hold' as const, 'blackhole' as const, 'reset' as const),
  }),
  fc.record({
    kind: fc.constant('clock-jump' as const),
    target: fc.constantFrom(...nodes),
    deltaMs: fc.integer({ min: -5000, max: 5000 }),
  }),
);

const timedFault: fc.Arbitrary<TimedFault> = fc.record({
  atMs: fc.integer({ min: 0, max: 25_000 }),
  durationMs: fc.option(fc.integer({ min: 100, max: 20_000 }), { nil: null }),
  op: faultOp,
});

describe('world on the real kernel', () => {
  it('same seed, same trace hash; another seed, another hash', () => {
    const a = simulate(replicationSmoke, 5, createKernelPort);
    const b = simulate(replicationSmoke, 5, createKernelPort);
    const c = simulate(replicationSmoke, 6, createKernelPort);
    expect(b.traceHash).toBe(a.traceHash);
    expect(c.traceHash).not.toBe(a.traceHash);
  });

  // Settle time: a 'blackhole' partition in the kernel drops segments of open connections for good,
  // so a replica can miss its FULLRESYNC reply or part of the stream; it recovers like Redis does,
  // after repl-timeout (60 s) without traffic or at the next frame whose offset shows the gap.
  it('after any fault schedule heals, every up replica converges to the master’s set and role', () => {
    fc.assert(
      fc.property(
        fc.array(timedFault, { maxLength: 5 }),
        fc.constantFrom('none' as const, 'snapshot' as const),
        fc.integer({ min: 0, max: 1000 }),
        (faults, persistence, seed) => {
          const scenario: Scenario = {
            ...replicationSmoke,
            redis: { ...replicationSmoke.redis, persistence },
            faults,
            faultPhaseEndMs: 30_000,
            durationMs: 110_000,
          };
          const { history } = simulate(scenario, seed, createKernelPort);
          const final = history.at(-1)!.payload;
          if (final.kind !== 'final') throw new Error('no final record');
          const [master, ...replicas] = final.redis;
          expect(master).toMatchObject({ node: 'redis-1', up: true, role: 'master' });
          for (const r of replicas) {
            expect(r).toMatchObject({ up: true, role: 'replica', masterNode: 'redis-1' });
            expect(r.sets).toEqual(master!.sets);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
