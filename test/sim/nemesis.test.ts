import { describe, expect, it } from 'vitest';
import type { FaultSchedule } from '../../src/scenarios/types.js';
import type { ProcessContext } from '../../src/sim/api.js';
import { Kernel } from '../../src/sim/kernel.js';
import { Nemesis } from '../../src/sim/nemesis.js';
import { SimError } from '../../src/sim/errors.js';
import { SocketLog, addr, world } from './helpers.js';

const faultRecords = (k: Kernel): unknown[] =>
  k.history
    .filter((r) => r.node === 'nemesis')
    .map((r) =>
      r.payload.kind === 'fault'
        ? [r.trueMs, r.payload.phase, r.payload.op, r.payload.targets]
        : [r.trueMs, r.payload.kind],
    );

describe('nemesis', () => {
  it('applies and heals each fault at its times, recording both with true time, then marks the healed phase', () => {
    const w = world();
    const faults: FaultSchedule = [
      { atMs: 100, durationMs: 200, op: { kind: 'crash', target: 'b' } },
      { atMs: 150, durationMs: null, op: { kind: 'pause', target: 'c' } },
      { atMs: 200, durationMs: 5000, op: { kind: 'partition', blocks: [['a', 'c']] } },
      { atMs: 250, durationMs: 10, op: { kind: 'clock-jump', target: 'a', deltaMs: -3000 } },
    ];
    new Nemesis(w.kernel, { faults, faultPhaseEndMs: 1000 }).install();
    w.kernel.scheduler.runUntil(2000);
    expect(faultRecords(w.kernel)).toEqual([
      [100, 'apply', 'crash', ['b']],
      [150, 'apply', 'pause', ['c']],
      [200, 'apply', 'partition', ['a', 'c']],
      [250, 'apply', 'clock-jump', ['a']],
      [300, 'heal', 'crash', ['b']],
      [1000, 'heal', 'pause', ['c']], // null duration: healed when the fault phase ends
      [1000, 'heal', 'partition', ['a', 'c']], // cut short by the end of the fault phase
      [1000, 'healed'],
    ]);
    expect(w.kernel.node('b').running).toBe(true);
    expect(w.kernel.node('c').paused).toBe(false);
    expect(w.kernel.network.partitions.activeCount).toBe(0);
    expect(w.kernel.host('a').clock.localAt(2000)).toBe(-1000);
  });

  it("a 'host' crash of a node takes down every node on its host and restarts them together", () => {
    const k = new Kernel({ seed: 1 });
    k.addHost({ name: 'box', ip: '10.0.0.1' });
    const starts: string[] = [];
    for (const name of ['redis-1', 'sentinel-1']) {
      k.addNode({
        name,
        host: 'box',
        factory: () => ({ start: (c: ProcessContext) => void starts.push(`${c.node}@${c.trueNowMs()}`) }),
      });
    }
    k.start();
    new Nemesis(k, {
      faults: [{ atMs: 10, durationMs: 50, op: { kind: 'crash', target: 'redis-1', mode: 'host' } }],
      faultPhaseEndMs: 100,
    }).install();
    k.scheduler.runUntil(30);
    expect(k.host('box').state).toBe('down');
    expect(k.node('sentinel-1').running).toBe(false);
    k.scheduler.runUntil(100);
    expect(starts).toEqual(['redis-1@0', 'sentinel-1@0', 'redis-1@60', 'sentinel-1@60']);
  });

  it('config-loss crashes the node and, before its restart, lets the world’s hook edit the durable state', () => {
    const w = world();
    w.kernel.node('b').durable.set('sentinel.conf', 'epoch 7');
    w.kernel.node('b').durable.set('other', 1);
    const seen: string[] = [];
    new Nemesis(w.kernel, {
      faults: [{ atMs: 10, durationMs: 20, op: { kind: 'config-loss', target: 'b' } }],
      faultPhaseEndMs: 100,
      onConfigLoss: (node, durable) => {
        seen.push(node);
        durable.delete('sentinel.conf');
      },
    }).install();
    w.kernel.scheduler.runUntil(20);
    expect(w.kernel.node('b').running).toBe(false);
    expect(w.kernel.node('b').durable.has('sentinel.conf')).toBe(true);
    w.kernel.scheduler.runUntil(100);
    expect(seen).toEqual(['b']);
    expect([...w.kernel.node('b').durable.keys()]).toEqual(['other']);
    expect(w.kernel.node('b').running).toBe(true);
  });

  it('a symmetric link fault degrades both directions and its heal restores them', () => {
    const w = world({ defaultLatency: { kind: 'constant', ms: 1 } });
    new Nemesis(w.kernel, {
      faults: [
        {
          atMs: 10,
          durationMs: 100,
          op: { kind: 'link', from: 'a', to: 'b', symmetric: true, latency: { kind: 'constant', ms: 40 } },
        },
      ],
      faultPhaseEndMs: 500,
    }).install();
    const client = new SocketLog(w.now);
    const sock = w.ctx('a').connect(addr('b'), client);
    w.kernel.scheduler.runUntil(20);
    sock.send('slow');
    w.kernel.scheduler.runUntil(200);
    expect(w.accepted('b')[0]?.times).toEqual([60]);
    sock.send('fast');
    w.kernel.scheduler.runUntil(300);
    expect(w.accepted('b')[0]?.times).toEqual([60, 201]);
  });

  it('clock drift changes the rate for its duration without a jump, and the heal restores the old rate', () => {
    const w = world();
    new Nemesis(w.kernel, {
      faults: [{ atMs: 1000, durationMs: 1000, op: { kind: 'clock-drift', target: 'a', ppm: 100_000 } }],
      faultPhaseEndMs: 5000,
    }).install();
    const clock = w.kernel.host('a').clock;
    w.kernel.scheduler.runUntil(1500);
    expect(clock.localAt(1500)).toBeCloseTo(1550, 9); // continuous at 1000, then 10% fast
    w.kernel.scheduler.runUntil(3000);
    expect(clock.localAt(2000)).toBeCloseTo(2100, 9);
    expect(clock.localAt(3000)).toBeCloseTo(3100, 9);
  });

  it('rejects a schedule naming an unknown target, or a fault at or after the end of the fault phase', () => {
    const w = world();
    const bad =
      (faults: FaultSchedule): (() => void) =>
      () =>
        new Nemesis(w.kernel, { faults, faultPhaseEndMs: 100 }).install();
    expect(bad([{ atMs: 1, durationMs: 1, op: { kind: 'pause', target: 'nope' } }])).toThrow(
      /faults\[0\]\.op: unknown node or host 'nope'/,
    );
    expect(bad([{ atMs: 100, durationMs: 1, op: { kind: 'pause', target: 'a' } }])).toThrow(SimError);
    expect(bad([{ atMs: 1, durationMs: 1, op: { kind: 'link', from: 'a', to: 'b', lossRate: 2 } }])).toThrow(
      /lossRate/,
    );
  });
});
