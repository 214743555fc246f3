// Every catalogue scenario meets its own expectations in simulation (seed 1): the 'hold' invariants
// hold, the 'break' ones (the weaknesses and misconfigurations being demonstrated) break, and nothing a
// scenario measures comes out 'unknown'. The chaos main job runs the same check with a random seed.
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../src/check/index.js';
import { CATALOG } from '../../src/scenarios/catalog/index.js';
import { createKernelPort } from '../../src/sim/kernel-port.js';
import { simulate } from '../../src/sim/run.js';
import { engineSentinelFactory } from '../../src/sim/sentinel-process.js';

describe('the scenario catalogue', () => {
  for (const scenario of CATALOG.values()) {
    it(`${scenario.name} meets its expectations (seed 1)`, () => {
      const world = scenario.topology.sentinels > 0 ? { sentinelFactory: engineSentinelFactory } : {};
      const run = simulate(scenario, 1, createKernelPort, world);
      const unmet = checkHistory(run.history, scenario.expect)
        .filter((v) => !v.ok)
        .map((v) => `${v.invariant}: expected ${v.expected}, got ${String(v.valid)}: ${v.detail}`);
      expect(unmet).toEqual([]);
    });
  }
});
