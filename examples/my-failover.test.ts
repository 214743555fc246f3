// An example suite to copy into your own project: your deployment as a scenario, checked with vitest.
// In your project, import from 'sentinel-lab' instead of '../src/index.js'.
import { describe, expect, it } from 'vitest';
import { checkNoNeedlessFailover, defineScenario, runScenario, sweep } from '../src/index.js';

// Three Sentinels (quorum 2), a master and two replicas; the master's process crashes at 10 s.
const myDeployment = defineScenario({
  name: 'my-master-crash',
  description: 'our production layout: the master crashes at 10 s',
  topology: { sentinels: 3, replicas: 2, clients: 1 },
  sentinel: {
    masterName: 'mymaster',
    quorum: 2,
    downAfterMs: 3000,
    failoverTimeoutMs: 60_000,
    parallelSyncs: 1,
    profile: 'redis-7',
  },
  redis: {
    minReplicasToWrite: 0,
    minReplicasMaxLagS: 10,
    replDisklessSyncDelayS: 5,
    replBacklogBytes: 1 << 20,
    persistence: 'none',
  },
  latency: { kind: 'uniform', minMs: 0.2, maxMs: 2 },
  workload: { writesPerSec: 10, opTimeoutMs: 1000, discovery: 'sentinel' },
  faults: [{ atMs: 10_000, durationMs: null, op: { kind: 'crash', target: 'redis-1', mode: 'process' } }],
  faultPhaseEndMs: 30_000,
  durationMs: 45_000,
  expect: { 'election-safety': 'hold', 'no-lasting-split-brain': 'hold', 'bounded-failover': 'hold' },
});

describe('our Sentinel deployment', () => {
  it('fails the crashed master over within 10 s and never elects two leaders (seed 1)', () => {
    const run = runScenario(myDeployment, 1);
    expect(run.verdicts.filter((v) => !v.ok)).toEqual([]);
    expect(run.failover.durationsMs).toHaveLength(1);
    expect(run.failover.durationsMs[0]).toBeLessThan(10_000);
  });

  it('a custom check over the history: no failover while the master is healthy', () => {
    const healthy = defineScenario({ ...myDeployment, name: 'my-healthy', faults: [] });
    const run = runScenario(healthy, 2);
    expect(checkNoNeedlessFailover(run.history).valid).toBe(true);
    expect(run.failover.count).toBe(0);
  });

  it('a smaller down-after fails over sooner (a 2-cell sweep, 3 runs each)', async () => {
    const result = await sweep({
      scenario: myDeployment,
      grid: { downAfterMs: [3000, 1000] },
      runsPerCell: 3,
    });
    const [slow, fast] = result.cells;
    expect(fast!.metrics.failoverP50Ms!).toBeLessThan(slow!.metrics.failoverP50Ms!);
  });
});
