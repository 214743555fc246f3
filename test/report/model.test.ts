// What the charts are drawn from: timeline lanes and segments, failover windows, duration statistics,
// sweep grids and the message diagram's input. Expected values come from the fixture's construction
// (test/report/fixtures.ts), which follows the §15 event sequence.
import { describe, expect, it } from 'vitest';
import type { History } from '../../src/check/history.js';
import { durationStats, quantile } from '../../src/report/distribution.js';
import { axesOf, gridOf } from '../../src/report/heatmap.js';
import { messageClass, renderLamport } from '../../src/report/lamport.js';
import { eventCategory } from '../../src/report/palette.js';
import { buildTimeline } from '../../src/report/timeline-model.js';
import { failoverWindows } from '../../src/report/windows.js';
import { masterCrashHistory, sampleSweepCells, topologyNodes } from './fixtures.js';

describe('timeline model', () => {
  const history = masterCrashHistory({ crashAtMs: 10_000, crashForMs: 12_000 });
  const model = buildTimeline(history);

  it('orders lanes sentinels, redis, clients and leaves the nemesis out', () => {
    expect(model.lanes.map((l) => l.name)).toEqual([
      'sentinel-1',
      'sentinel-2',
      'sentinel-3',
      'redis-1',
      'redis-2',
      'redis-3',
      'client-1',
    ]);
  });

  it('shows redis-1 as master, down for the crash, then master again until converted to a replica', () => {
    const states = model.segments.filter((s) => s.lane === 'redis-1').map((s) => [s.state, s.startMs]);
    expect(states.map(([s]) => s)).toEqual(['unknown', 'master', 'down', 'unknown', 'master', 'replica']);
    expect(states[2]![1]).toBe(10_000);
    expect(states[3]![1]).toBe(22_000);
  });

  it('covers every lane from 0 to the end of the run without gaps', () => {
    for (const lane of ['redis-1', 'redis-2', 'sentinel-2']) {
      const segs = model.segments.filter((s) => s.lane === lane);
      expect(segs[0]!.startMs).toBe(0);
      expect(segs[segs.length - 1]!.endMs).toBe(model.endMs);
      for (let i = 1; i < segs.length; i += 1) expect(segs[i]!.startMs).toBe(segs[i - 1]!.endMs);
    }
  });

  it('merges operations into bars whose counts add up to the number of invocations', () => {
    const invokes = history.filter((r) => r.payload.kind === 'op' && r.payload.phase === 'invoke').length;
    expect(model.opCount).toBe(invokes);
    expect(model.ops.reduce((n, b) => n + b.count, 0)).toBe(invokes);
    expect(model.ops.map((b) => b.outcome)).toEqual(['ok', 'unknown', 'fail', 'ok']);
  });

  it('pairs the crash fault apply with its heal and shades only redis-1', () => {
    expect(model.faults).toEqual([
      {
        startMs: 10_000,
        endMs: 22_000,
        op: 'crash',
        detail: 'mode=process',
        lanes: ['redis-1'],
        healed: true,
      },
    ]);
  });

  it('maps a host-level fault to every node on that host, and an unhealed one to the end', () => {
    const topo = history[0]!;
    const shared = topologyNodes.map((n) =>
      n.name === 'redis-2' || n.name === 'sentinel-2' ? { ...n, host: 'box-2' } : n,
    );
    const h: History = [
      {
        ...topo,
        payload: { ...(topo.payload as Extract<typeof topo.payload, { kind: 'topology' }>), nodes: shared },
      },
      {
        trueMs: 100,
        localMs: null,
        node: 'nemesis',
        payload: { kind: 'fault', phase: 'apply', op: 'pause', targets: ['box-2'] },
      },
      {
        trueMs: 900,
        localMs: null,
        node: 'redis-1',
        payload: { kind: 'role', role: 'master', masterNode: null },
      },
    ];
    expect(buildTimeline(h).faults).toEqual([
      { startMs: 100, endMs: 900, op: 'pause', detail: '', lanes: ['sentinel-2', 'redis-2'], healed: false },
    ]);
  });
});

describe('failover windows', () => {
  it('finds the one failover, from the first master +sdown to the last +switch-master', () => {
    const history = masterCrashHistory();
    const events = history.flatMap((r) =>
      r.payload.kind === 'sentinel-event' ? [{ t: r.trueMs, ...r.payload }] : [],
    );
    const firstSdown = events.find((e) => e.type === '+sdown')!.t;
    const lastSwitch = Math.max(...events.filter((e) => e.type === '+switch-master').map((e) => e.t));
    const [w, ...rest] = failoverWindows(history);
    expect(rest).toEqual([]);
    expect(w!.ended).toBe('end');
    expect(w!.fromMs).toBeLessThan(firstSdown);
    expect(w!.toMs).toBeGreaterThanOrEqual(lastSwitch);
    expect(w!.tryMs).toBe(events.find((e) => e.type === '+try-failover')!.t);
  });

  it('finds none when no Sentinel tried a failover', () => {
    expect(failoverWindows(masterCrashHistory().filter((r) => r.trueMs < 10_000))).toEqual([]);
  });
});

describe('duration statistics', () => {
  it('uses nearest-rank quantiles', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(sorted, 0.5)).toBe(5);
    expect(quantile(sorted, 0.99)).toBe(10);
    expect(quantile(sorted, 0)).toBe(1);
  });

  it('counts the fraction within the budget (inclusive)', () => {
    const s = durationStats([5000, 10_000, 15_000, 1000], 10_000);
    expect(s.withinBudget).toBe(0.75);
    expect(s.maxMs).toBe(15_000);
    expect(s.p50Ms).toBe(5000);
  });
});

describe('sweep grid', () => {
  it('defaults the axes to the first two varying params', () => {
    expect(axesOf({ cells: sampleSweepCells() })).toEqual(['sentinels', 'quorum']);
    expect(
      axesOf({
        cells: [
          { params: { a: 1, b: 2 }, metrics: {} },
          { params: { a: 1, b: 3 }, metrics: {} },
        ],
      }),
    ).toEqual(['b', null]);
  });

  it('averages cells that share coordinates and keeps null when nothing was measured', () => {
    const cells = [
      { params: { q: 1, s: 3, seed: 1 }, metrics: { m: 2, n: null } },
      { params: { q: 1, s: 3, seed: 2 }, metrics: { m: 4, n: null } },
      { params: { q: 2, s: 3, seed: 1 }, metrics: { m: 1, n: 5 } },
    ];
    expect(gridOf(cells, 'q', 's', 'm')).toEqual([
      { x: '1', y: '3', value: 3, merged: 2 },
      { x: '2', y: '3', value: 1, merged: 1 },
    ]);
    expect(gridOf(cells, 'q', 's', 'n')[0]!.value).toBeNull();
  });

  it('names a missing axis parameter in a typed error', () => {
    expect(() => axesOf({ cells: sampleSweepCells(), xParam: 'nope' })).toThrow(/"nope"/);
  });
});

describe('message diagram input', () => {
  it('classifies Sentinel traffic (§4.3, §6.3, §10.1) and event types (§13.2)', () => {
    expect(messageClass('PING')).toBe('periodic');
    expect(messageClass('is-master-down-by-addr 10.0.0.1 6379 1 *')).toBe('vote');
    expect(messageClass('MULTI SLAVEOF NO ONE … EXEC')).toBe('reconfigure');
    expect(messageClass('hello e1')).toBe('hello');
    expect(messageClass(':3')).toBe('periodic');
    expect(messageClass('+QUEUED')).toBe('reconfigure');
    expect(messageClass('CLIENT KILL TYPE normal')).toBe('reconfigure');
    expect(messageClass('CLIENT SETNAME sentinel-1-cmd')).toBe('other');
    expect(eventCategory('+odown')).toBe('detection');
    expect(eventCategory('-failover-abort-not-elected')).toBe('abort');
    expect(eventCategory('+switch-master')).toBe('switch');
    expect(eventCategory('+vote-for-leader')).toBe('election');
  });

  it('draws one arrow per delivered message and a dashed stub per lost one in the window', () => {
    const history = masterCrashHistory({ messages: true });
    const [w] = failoverWindows(history);
    const sends = history.filter(
      (r) =>
        r.payload.kind === 'message' &&
        r.payload.phase === 'send' &&
        r.trueMs >= w!.fromMs &&
        r.trueMs <= w!.toMs,
    );
    const received = new Set(
      history.flatMap((r) =>
        r.payload.kind === 'message' && r.payload.phase === 'receive' ? [r.payload.msgId] : [],
      ),
    );
    const lost = sends.filter((r) => r.payload.kind === 'message' && !received.has(r.payload.msgId)).length;
    const { svg, note } = renderLamport(history, w!);
    expect(lost).toBeGreaterThan(0);
    expect(svg.match(/<title>LOST /g)?.length).toBe(lost);
    expect(svg.match(/<title>sentinel-\d → sentinel-\d: is-master-down-by-addr/g)?.length).toBe(2);
    expect(note).toBe(''); // below MAX_MESSAGES_PER_DIAGRAM: nothing sampled
  });
});

describe('timeline model, other fault shapes', () => {
  const topo = masterCrashHistory()[0]!;
  const rec = (trueMs: number, node: string, payload: History[number]['payload']): History[number] => ({
    trueMs,
    localMs: null,
    node,
    payload,
  });

  it('heals the oldest open fault of the same op when the heal names other targets', () => {
    const h: History = [
      topo,
      rec(100, 'nemesis', {
        kind: 'fault',
        phase: 'apply',
        op: 'partition',
        targets: ['sentinel-1', 'redis-1'],
      }),
      rec(500, 'nemesis', { kind: 'fault', phase: 'heal', op: 'partition', targets: [] }),
    ];
    expect(buildTimeline(h).faults).toEqual([
      {
        startMs: 100,
        endMs: 500,
        op: 'partition',
        detail: '',
        lanes: ['sentinel-1', 'redis-1'],
        healed: true,
      },
    ]);
  });

  it('draws a clock jump as an instant, not as a fault lasting to the end of the run', () => {
    const h: History = [
      topo,
      rec(100, 'nemesis', {
        kind: 'fault',
        phase: 'apply',
        op: 'clock-jump',
        targets: ['sentinel-2'],
        detail: '+3000 ms',
      }),
      rec(900, 'redis-1', { kind: 'role', role: 'master', masterNode: null }),
    ];
    expect(buildTimeline(h).faults).toEqual([
      { startMs: 100, endMs: 100, op: 'clock-jump', detail: '+3000 ms', lanes: ['sentinel-2'], healed: true },
    ]);
  });

  it('shows a crashed Sentinel as down until it restarts', () => {
    const h: History = [
      topo,
      rec(100, 'sentinel-3', { kind: 'process', state: 'crashed' }),
      rec(400, 'sentinel-3', { kind: 'process', state: 'restarted' }),
      rec(900, 'redis-1', { kind: 'role', role: 'master', masterNode: null }),
    ];
    const segs = buildTimeline(h).segments.filter((s) => s.lane === 'sentinel-3');
    expect(segs.map((s) => [s.state, s.startMs, s.endMs])).toEqual([
      ['up', 0, 100],
      ['down', 100, 400],
      ['up', 400, 900],
    ]);
  });
});
