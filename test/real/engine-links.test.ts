// Fault planning for the engine SUT (engine-links.ts, faults.ts): each engine sentinel dials every node
// through its own proxy, so partitions and link faults that involve a sentinel are exact per directed
// pair; clock faults on a sentinel go to its injected clock (lab-control.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { readAddressBook } from '../../src/cli/sentinel.js';
import { describe, expect, it } from 'vitest';
import { addressBookOf, engineCuts } from '../../src/real/harness/engine-links.js';
import { planFault } from '../../src/real/harness/faults.js';
import { labCommand, SkewableClock } from '../../src/real/lab-control.js';
import { bisect, isolate, oneWay } from '../../src/scenarios/partitions.js';
import { nodeNames } from '../../src/scenarios/topology.js';
import type { FaultOp, TopologySpec } from '../../src/scenarios/types.js';

const T: TopologySpec = { sentinels: 3, replicas: 2, clients: 1 };
const others = (n: string): string[] => nodeNames(T).filter((x) => x !== n);
const plan = (op: FaultOp) => planFault(T, 'engine', { atMs: 0, durationMs: 1000, op }, seedrandom('1'));

describe('engine SUT: partitions on per-sentinel proxies', () => {
  it("a one-way cut of redis-1's bytes to sentinel-1 drops only the replies on sentinel-1's own link", () => {
    const p = plan({ kind: 'partition', blocks: oneWay(['redis-1'], ['sentinel-1']), mode: 'blackhole' });
    expect(p.unsupported).toEqual([]);
    expect(p.actions).toEqual([
      { kind: 'cut', link: 'sentinel-1->redis-1', mode: 'silent', streams: 'downstream' },
    ]);
  });

  it("a one-way cut of sentinel-1's bytes to redis-1 drops the upstream of the same link", () => {
    const p = plan({ kind: 'partition', blocks: oneWay(['sentinel-1'], ['redis-1']), mode: 'blackhole' });
    expect(p.actions).toEqual([
      { kind: 'cut', link: 'sentinel-1->redis-1', mode: 'silent', streams: 'upstream' },
    ]);
  });

  it('a one-way cut between two sentinels covers both connections that carry those bytes', () => {
    const cuts = engineCuts(T, oneWay(['sentinel-1'], ['sentinel-2']));
    expect([...cuts.cuts]).toEqual([
      ['sentinel-1->sentinel-2', 'upstream'],
      ['sentinel-2->sentinel-1', 'downstream'],
    ]);
  });

  it("isolating a sentinel cuts its own links, its peers' links to it and the clients' links, both ways", () => {
    const { cuts, inexpressible } = engineCuts(T, isolate('sentinel-2', others('sentinel-2')));
    expect(inexpressible).toEqual([]);
    expect(Object.fromEntries(cuts)).toEqual({
      'sentinel-2->redis-1': 'both',
      'sentinel-2->redis-2': 'both',
      'sentinel-2->redis-3': 'both',
      'sentinel-2->sentinel-1': 'both',
      'sentinel-2->sentinel-3': 'both',
      'sentinel-1->sentinel-2': 'both',
      'sentinel-3->sentinel-2': 'both',
      'client-1->sentinel-2': 'both',
    });
  });

  it('isolating redis-1 cuts its inbound proxy and every sentinel link to it', () => {
    const p = plan({ kind: 'partition', blocks: isolate('redis-1', others('redis-1')), mode: 'reset' });
    expect(p.unsupported).toEqual([]);
    expect(p.actions.map((a) => ('link' in a ? a.link : '')).sort()).toEqual(
      ['*->redis-1', 'sentinel-1->redis-1', 'sentinel-2->redis-1', 'sentinel-3->redis-1'].sort(),
    );
    expect(p.actions.every((a) => a.kind === 'cut' && a.mode === 'reset')).toBe(true);
  });

  it('pairs between redis nodes (or client and redis) without whole-node isolation stay unsupported', () => {
    const p = plan({ kind: 'partition', blocks: bisect(['redis-1', 'sentinel-1'], ['redis-2']) });
    expect(p.actions).toEqual([]);
    expect(p.unsupported[0]).toMatch(/redis-1->redis-2, redis-2->redis-1/);
  });

  it('a link fault from a sentinel to a redis node degrades only that direction of its own proxy', () => {
    const p = plan({
      kind: 'link',
      from: 'sentinel-3',
      to: 'redis-2',
      latency: { kind: 'constant', ms: 80 },
    });
    expect(p.actions).toEqual([
      { kind: 'degrade', link: 'sentinel-3->redis-2', latencyMs: 80, streams: 'upstream' },
    ]);
    expect(p.detail).not.toMatch(/widened/);
  });
});

describe('engine SUT: clock faults', () => {
  it('a clock jump on a sentinel is a clock action; on a redis node it is unsupported with the reason', () => {
    expect(plan({ kind: 'clock-jump', target: 'sentinel-1', deltaMs: 3000 }).actions).toEqual([
      { kind: 'clock-jump', node: 'sentinel-1', deltaMs: 3000 },
    ]);
    const r = plan({ kind: 'clock-drift', target: 'redis-1', ppm: 500 });
    expect(r.actions).toEqual([]);
    expect(r.unsupported[0]).toMatch(/redis-1: .*libfaketime/);
  });

  it('SkewableClock: a jump steps the reading, a drift changes its rate without a step', () => {
    let real = 1_000_000;
    const clock = new SkewableClock(() => real);
    expect(clock.nowMs()).toBe(1_000_000);
    clock.jump(3000);
    expect(clock.nowMs()).toBe(1_003_000);
    clock.setDrift(100_000); // +10 %
    expect(clock.nowMs()).toBe(1_003_000);
    real += 10_000;
    expect(clock.nowMs()).toBe(1_014_000);
    clock.setDrift(0);
    real += 1000;
    expect(clock.nowMs()).toBe(1_015_000);
    expect(clock.state()).toEqual({ offsetMs: 4000, driftPpm: 0 });
  });

  it('SENTINEL-LAB CLOCK validates its arguments and names the field', () => {
    const clock = new SkewableClock(() => 0);
    expect(labCommand(clock, ['SENTINEL-LAB', 'CLOCK', 'JUMP', 'x'])).toEqual({
      kind: 'error',
      text: "ERR deltaMs: not a finite number: 'x'",
    });
    expect(labCommand(clock, ['SENTINEL-LAB', 'CLOCK', 'DRIFT', '9e9'])).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(/driftPpm/),
    });
    expect(labCommand(clock, ['SENTINEL-LAB', 'NOPE'])).toMatchObject({ kind: 'error' });
    expect(labCommand(clock, ['SENTINEL-LAB', 'CLOCK', 'JUMP', '-500'])).toEqual({
      kind: 'status',
      text: 'OK',
    });
    expect(labCommand(clock, ['SENTINEL-LAB', 'CLOCK'])).toEqual({
      kind: 'array',
      items: [
        { kind: 'int', value: -500 },
        { kind: 'int', value: 0 },
      ],
    });
  });
});

describe('engine SUT: address books', () => {
  it("map every other node's public address to the sentinel's own proxy to it", () => {
    const pub = new Map([
      ['redis-1', { host: '127.0.0.1', port: 1001 }],
      ['sentinel-1', { host: '127.0.0.1', port: 1002 }],
      ['sentinel-2', { host: '127.0.0.1', port: 1003 }],
    ]);
    const listen = new Map([
      ['sentinel-1->redis-1', 2001],
      ['sentinel-1->sentinel-2', 2002],
    ]);
    const book = addressBookOf('sentinel-1', pub, (name) => ({ host: '127.0.0.1', port: listen.get(name)! }));
    expect(book).toEqual({ '127.0.0.1:1001': '127.0.0.1:2001', '127.0.0.1:1003': '127.0.0.1:2002' });
  });
});

describe('sentinel-lab sentinel --address-book', () => {
  it('maps listed addresses, passes others through, and rejects a bad entry naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sentinel-lab-book-'));
    try {
      const good = join(dir, 'good.json');
      writeFileSync(good, JSON.stringify({ '127.0.0.1:1001': '127.0.0.1:2001' }));
      const book = readAddressBook(good);
      expect(book.endpoint({ host: '127.0.0.1', port: 1001 })).toEqual({ host: '127.0.0.1', port: 2001 });
      expect(book.endpoint({ host: '127.0.0.1', port: 1002 })).toEqual({ host: '127.0.0.1', port: 1002 });
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ '127.0.0.1:1001': 'nowhere' }));
      expect(() => readAddressBook(bad)).toThrow(
        expect.objectContaining({
          code: 'SENTINEL_ADDRESS_BOOK',
          message: expect.stringContaining("'127.0.0.1:1001'"),
        }),
      );
    } finally {
      if (dir.startsWith(tmpdir())) rmSync(dir, { recursive: true, force: true });
    }
  });
});
