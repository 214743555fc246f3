// How the real tier maps scenario faults onto what a redis-sentinel SUT can express (faults.ts): only
// per-node faults, because a real redis-sentinel sees one address per node.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { drawLatencyMs, isolatedNodes, planFault } from '../../src/real/harness/faults.js';
import { configOf } from '../../src/real/harness/observers.js';
import { bisect, isolate, oneWay } from '../../src/scenarios/partitions.js';
import { nodeNames } from '../../src/scenarios/topology.js';
import type { FaultOp, TopologySpec } from '../../src/scenarios/types.js';

const T: TopologySpec = { sentinels: 3, replicas: 2, clients: 1 };
const others = (n: string): string[] => nodeNames(T).filter((x) => x !== n);
const plan = (op: FaultOp) =>
  planFault(T, 'redis-sentinel', { atMs: 0, durationMs: 1000, op }, seedrandom('1'));

describe('real-tier fault planning for redis-sentinel', () => {
  it('isolating a redis node from every other node is one cut of its inbound proxy', () => {
    const p = plan({ kind: 'partition', blocks: isolate('redis-1', others('redis-1')), mode: 'blackhole' });
    expect(p.unsupported).toEqual([]);
    expect(p.actions).toEqual([{ kind: 'cut', link: '*->redis-1', mode: 'silent' }]);
  });

  it('a reset partition disables the proxy instead of blackholing it', () => {
    const p = plan({ kind: 'partition', blocks: isolate('redis-2', others('redis-2')), mode: 'reset' });
    expect(p.actions).toEqual([{ kind: 'cut', link: '*->redis-2', mode: 'reset' }]);
  });

  it('one-way, partial and sentinel partitions are reported unsupported, never applied', () => {
    const shapes = [
      oneWay(['redis-1'], others('redis-1')),
      isolate('redis-1', ['sentinel-1', 'sentinel-2']),
      isolate('sentinel-1', others('sentinel-1')),
      bisect(['redis-1', 'sentinel-1'], ['redis-2', 'redis-3', 'sentinel-2', 'sentinel-3', 'client-1']),
    ];
    for (const blocks of shapes) {
      const p = plan({ kind: 'partition', blocks });
      expect(p.actions).toEqual([]);
      expect(p.unsupported).toHaveLength(1);
    }
  });

  it('isolatedNodes finds every fully isolated node and rejects extra pairs', () => {
    const two = [...isolate('redis-1', others('redis-1')), ...isolate('redis-2', others('redis-2'))];
    expect(isolatedNodes(T, two)).toEqual(['redis-1', 'redis-2']);
    expect(isolatedNodes(T, [...two, ['sentinel-1', 'sentinel-2']])).toBeNull();
  });

  it('clock faults are unsupported for redis-sentinel, with the reason', () => {
    const p = plan({ kind: 'clock-jump', target: 'sentinel-1', deltaMs: 5000 });
    expect(p.actions).toEqual([]);
    expect(p.unsupported[0]).toMatch(/libfaketime/);
  });

  it('crash, pause and config-loss act on the named node; a client is not faulted', () => {
    expect(plan({ kind: 'crash', target: 'redis-1' }).actions).toEqual([{ kind: 'crash', node: 'redis-1' }]);
    expect(plan({ kind: 'pause', target: 'sentinel-2' }).actions).toEqual([
      { kind: 'pause', node: 'sentinel-2' },
    ]);
    expect(plan({ kind: 'config-loss', target: 'sentinel-3' }).actions).toEqual([
      { kind: 'config-loss', node: 'sentinel-3' },
    ]);
    const c = plan({ kind: 'crash', target: 'client-1' });
    expect([c.actions, c.unsupported.length]).toEqual([[], 1]);
  });

  it('link latency is widened to the target node proxy, loss is unsupported, client→sentinel is exact', () => {
    const widened = plan({
      kind: 'link',
      from: 'sentinel-1',
      to: 'redis-1',
      latency: { kind: 'constant', ms: 40 },
      lossRate: 0.1,
    });
    expect(widened.actions).toEqual([{ kind: 'degrade', link: '*->redis-1', latencyMs: 40 }]);
    expect(widened.unsupported).toHaveLength(1);
    const exact = plan({ kind: 'link', from: 'client-1', to: 'sentinel-2', bandwidthKBps: 10 });
    expect(exact.actions).toEqual([{ kind: 'degrade', link: 'client-1->sentinel-2', bandwidthKBps: 10 }]);
  });

  it('latency values are drawn from the seed: same seed, same value; within the distribution', () => {
    const spec = { kind: 'uniform', minMs: 10, maxMs: 50 } as const;
    const a = drawLatencyMs(spec, seedrandom('7'));
    expect(drawLatencyMs(spec, seedrandom('7'))).toBe(a);
    expect(a).toBeGreaterThanOrEqual(10);
    expect(a).toBeLessThanOrEqual(50);
  });
});

describe('config records from a rewritten sentinel.conf', () => {
  it('reads current-epoch, config-epoch and leader-epoch as redis-sentinel writes them', () => {
    const text = [
      'port 26379',
      'sentinel monitor mymaster 127.0.0.1 13002 2',
      'sentinel down-after-milliseconds mymaster 1000',
      'sentinel config-epoch mymaster 3',
      'sentinel leader-epoch mymaster 4',
      'sentinel current-epoch 4',
      '',
    ].join('\n');
    expect(configOf(text)).toEqual({
      kind: 'config',
      currentEpoch: 4,
      masters: [{ name: 'mymaster', configEpoch: 3, leaderEpoch: 4 }],
    });
  });
});
