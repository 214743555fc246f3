import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { History, HistoryRecord } from '../../src/check/history.js';
import { CHECKERS, CheckError, checkHistory, meets, type InvariantName } from '../../src/check/index.js';
import { HistoryBuilder } from './builder.js';

function crashFailover(): History {
  const b = new HistoryBuilder({ clients: 2 }).at(0).viewAll('redis-1').config('sentinel-1', 0, 0, 0);
  for (let i = 0; i < 10; i += 1) b.at(i * 1000).write('client-1', i, i, 'redis-1', 'ok', i * 1000 + 5);
  b.at(10_000).fault('apply', 'crash', ['redis-1']).process('redis-1', 'crashed');
  b.at(16_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).role('redis-3', 'replica', 'redis-2');
  for (let i = 20; i < 30; i += 1) b.at(i * 1000).write('client-2', i, i, 'redis-2', 'ok', i * 1000 + 5);
  b.at(40_000)
    .fault('heal', 'crash', ['redis-1'])
    .process('redis-1', 'restarted')
    .role('redis-1', 'master')
    .healed();
  b.at(51_000).role('redis-1', 'replica', 'redis-2');
  const values = [...Array.from({ length: 9 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => 20 + i)];
  return b.at(100_000).finalConverged('redis-2', values).build();
}

function needlessSplit(): History {
  const b = new HistoryBuilder({ clients: 2 }).at(0).viewAll('redis-1');
  for (let t = 0; t <= 30_000; t += 1000) b.at(t).write('client-1', t, t, 'redis-1', 'ok', t + 5);
  b.at(12_000).failover('sentinel-2', 'redis-1', 'redis-3', 1);
  for (let t = 14_000; t <= 40_000; t += 1000)
    b.at(t).write('client-2', t + 1, t + 1, 'redis-3', 'ok', t + 5);
  b.at(41_000).healed();
  return b
    .at(100_000)
    .finalConverged('redis-3', [], { 'redis-1': { role: 'master' } })
    .build();
}

const ALL = Object.keys(CHECKERS) as InvariantName[];

describe('checkHistory', () => {
  it('runs exactly the named checkers, in the order given, mapping hold/break/measure to ok', () => {
    const verdicts = checkHistory(crashFailover(), {
      'bounded-failover': 'hold',
      'acked-write-loss': 'break',
      'failover-count': 'measure',
      'election-safety': 'break',
    });
    expect(verdicts.map((v) => [v.invariant, v.valid, v.ok])).toEqual([
      ['bounded-failover', true, true],
      ['acked-write-loss', false, true],
      ['failover-count', true, true],
      ['election-safety', true, false],
    ]);
    expect(verdicts[1]?.evidence['lostCount']).toBe(1);
  });

  it('every checker gives the expected answer on a clean crash-failover history', () => {
    const verdicts = checkHistory(crashFailover(), Object.fromEntries(ALL.map((n) => [n, 'measure'])));
    expect(Object.fromEntries(verdicts.map((v) => [v.invariant, v.valid]))).toEqual({
      'election-safety': true,
      'epoch-monotonicity': true,
      'no-lasting-split-brain': true,
      'split-brain-window': true,
      'bounded-failover': true,
      'failover-availability': true,
      'no-needless-failover': true,
      'acked-write-loss': false,
      'convergence-after-heal': true,
      'failover-count': true,
    });
  });

  it('a needless failover with two acking masters breaks the matching invariants', () => {
    const verdicts = checkHistory(needlessSplit(), {
      'no-needless-failover': 'break',
      'split-brain-window': 'break',
      'no-lasting-split-brain': 'break',
    });
    expect(verdicts.every((v) => v.ok)).toBe(true);
  });

  it('rejects an unknown invariant name with a typed error naming it', () => {
    const run = (): unknown =>
      checkHistory(crashFailover(), { 'election-safety': 'hold', 'no-such-thing': 'hold' });
    expect(run).toThrow(CheckError);
    expect(run).toThrow(/no-such-thing/);
    try {
      run();
    } catch (error) {
      expect((error as CheckError).code).toBe('CHECK_UNKNOWN_INVARIANT');
    }
  });

  it('a checker that throws yields unknown and is never ok, even for measure', () => {
    const noTopology: History = [{ trueMs: 0, localMs: null, node: 'nemesis', payload: { kind: 'healed' } }];
    for (const expected of ['hold', 'break', 'measure'] as const) {
      const [v] = checkHistory(noTopology, { 'failover-count': expected });
      expect(v?.valid).toBe('unknown');
      expect(v?.ok).toBe(false);
      expect(v?.evidence['code']).toBe('CHECK_NO_TOPOLOGY');
    }
  });

  it('meets: only valid true meets hold, only valid false meets break, unknown meets nothing', () => {
    expect([meets(true, 'hold'), meets(false, 'hold'), meets('unknown', 'hold')]).toEqual([
      true,
      false,
      false,
    ]);
    expect([meets(true, 'break'), meets(false, 'break'), meets('unknown', 'break')]).toEqual([
      false,
      true,
      false,
    ]);
    expect([meets(true, 'measure'), meets(false, 'measure'), meets('unknown', 'measure')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

/** Records no checker interprets: uninterpreted Sentinel events, reads, client process changes. */
const unrelated: fc.Arbitrary<(trueMs: number) => HistoryRecord> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('sentinel-1', 'sentinel-2', 'sentinel-3'),
      fc.constantFrom('+sdown', '-sdown', '+odown', '+slave', '+role-change', '+reboot', '+convert-to-slave'),
      fc.string(),
    )
    .map(([node, type, message]) => (trueMs: number): HistoryRecord => ({
      trueMs,
      localMs: trueMs,
      node,
      payload: { kind: 'sentinel-event', type, level: 'warning', message },
    })),
  fc
    .tuple(
      fc.constantFrom('invoke', 'ok', 'fail', 'info') as fc.Arbitrary<'invoke' | 'ok' | 'fail' | 'info'>,
      fc.nat(),
      fc.constantFrom('redis-1', 'redis-2'),
    )
    .map(([phase, opId, target]) => (trueMs: number): HistoryRecord => ({
      trueMs,
      localMs: trueMs,
      node: 'client-1',
      payload: { kind: 'op', phase, opId: 1_000_000 + opId, op: 'read', key: 'k', target, values: [] },
    })),
  fc
    .constantFrom('up', 'crashed', 'restarted') // a client's own process state
    .map((state) => (trueMs: number): HistoryRecord => ({
      trueMs,
      localMs: trueMs,
      node: 'client-2',
      payload: { kind: 'process', state } as const,
    })),
);

function insertAll(
  history: History,
  inserts: readonly [number, (trueMs: number) => HistoryRecord][],
): History {
  const out = [...history];
  for (const [position, make] of inserts) {
    const at = 1 + (position % out.length); // never before the topology record
    out.splice(at, 0, make(out[at - 1]?.trueMs ?? 0));
  }
  return out;
}

describe('checker properties', () => {
  it('adding unrelated records never changes any verdict', () => {
    const bases = [crashFailover(), needlessSplit()];
    const expect_ = Object.fromEntries(ALL.map((n) => [n, 'measure' as const]));
    const before = bases.map((h) => checkHistory(h, expect_).map((v) => [v.invariant, v.valid, v.detail]));
    fc.assert(
      fc.property(
        fc.nat(bases.length - 1),
        fc.array(fc.tuple(fc.nat(), unrelated), { maxLength: 20 }),
        (which, inserts) => {
          const history = insertAll(bases[which] ?? [], inserts);
          const after = checkHistory(history, expect_).map((v) => [v.invariant, v.valid, v.detail]);
          expect(after).toEqual(before[which]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('no checker throws on arbitrary garbled event messages; each still answers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          '+new-epoch',
          '+vote-for-leader',
          '+try-failover',
          '+elected-leader',
          '+switch-master',
          '+promoted-slave',
          '+sentinel',
        ),
        fc.string(),
        (type, message) => {
          const history = insertAll(crashFailover(), [
            [
              5,
              (trueMs) => ({
                trueMs,
                localMs: trueMs,
                node: 'sentinel-2',
                payload: { kind: 'sentinel-event', type, level: 'warning', message },
              }),
            ],
          ]);
          // Called directly, not through runChecker, so a throw fails the property.
          for (const name of ALL)
            expect(['boolean', 'string']).toContain(typeof CHECKERS[name](history).valid);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('verdicts are plain data', () => {
  it('every verdict survives a JSON round trip unchanged (no Infinity, Map, Set or undefined in evidence)', () => {
    const unhealed = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(10_000)
      .fault('apply', 'crash', ['redis-1']);
    unhealed.at(16_000).failover('sentinel-1', 'redis-1', 'redis-2', 1);
    for (const history of [crashFailover(), needlessSplit(), unhealed.build()]) {
      const verdicts = checkHistory(history, Object.fromEntries(ALL.map((n) => [n, 'measure' as const])));
      expect(JSON.parse(JSON.stringify(verdicts))).toStrictEqual(verdicts);
    }
  });
});
