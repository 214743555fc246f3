// Property: whatever the generated topology, settings and fault schedule, the engine's Sentinels never
// elect two leaders in one epoch and never move an epoch backwards (spec §7.6).
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkHistory } from '../../src/check/index.js';
import { scenarioArb } from '../../src/scenarios/arbitraries.js';
import { createKernelPort } from '../../src/sim/kernel-port.js';
import { simulate } from '../../src/sim/run.js';
import { engineSentinelFactory } from '../../src/sim/sentinel-process.js';

describe('engine safety in the simulated world', () => {
  // The generated default latency is replaced by a fixed valid one and `link` faults are left out:
  // latencyArb can produce an exponential latency with meanMs < minMs, which the kernel rejects; and
  // scenarioArb may draw 0 writes/s, which validateScenario rejects (both reported; not engine matters).
  const kinds = ['crash', 'pause', 'partition', 'clock-jump', 'clock-drift', 'config-loss'] as const;
  const scenarios = scenarioArb({ faultPhaseEndMs: 30_000, maxFaults: 4, kinds }).map((s) => ({
    ...s,
    latency: { kind: 'uniform' as const, minMs: 0.1, maxMs: 2 },
    workload: { ...s.workload, writesPerSec: Math.max(1, s.workload.writesPerSec) },
  }));
  test.prop([scenarios, fc.integer({ min: 1, max: 1_000_000 })], {
    numRuns: 8,
    endOnFailure: true,
  })('election safety and epoch monotonicity hold under generated faults', (scenario, seed) => {
    const run = simulate(scenario, seed, createKernelPort, { sentinelFactory: engineSentinelFactory });
    const verdicts = checkHistory(run.history, {
      'election-safety': 'hold',
      'epoch-monotonicity': 'hold',
    });
    for (const v of verdicts) expect(v.ok, `${v.invariant}: ${v.detail}`).toBe(true);
  });
});
