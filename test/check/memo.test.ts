// Shared checker views (src/check/memo.ts) and the acked-write-loss paths that do not go through them.
import { describe, expect, it } from 'vitest';
import { memoView } from '../../src/check/memo.js';
import { sentinelEvents } from '../../src/check/events.js';
import { checkAckedWriteLoss } from '../../src/check/writes.js';
import { HistoryBuilder } from './builder.js';

describe('memoised history views', () => {
  it('computes a view once per history, and again after records were appended', () => {
    const history: number[] = [1, 2];
    let calls = 0;
    const sum = (): number => {
      calls += 1;
      return history.reduce((a, b) => a + b, 0);
    };
    expect(memoView(history, 'sum', sum)).toBe(3);
    expect(memoView(history, 'sum', sum)).toBe(3);
    expect(calls).toBe(1);
    history.push(4);
    expect(memoView(history, 'sum', sum)).toBe(7);
    expect(calls).toBe(2);
    // Another history of the same content is another key.
    expect(memoView([1, 2, 4], 'sum', () => -1)).toBe(-1);
  });

  it('gives checkers the same parsed events for the same history, fresh ones for a longer one', () => {
    const b = new HistoryBuilder().at(1000).event('sentinel-1', '+sdown', 'master mymaster 10.0.0.1 6379');
    const h = b.build();
    expect(sentinelEvents(h)).toBe(sentinelEvents(h));
    const longer = [
      ...h,
      ...new HistoryBuilder().at(2000).event('sentinel-2', '+sdown', 'master mymaster 10.0.0.1 6379').build(),
    ];
    expect(sentinelEvents(longer)).toHaveLength(sentinelEvents(h).length + 1);
  });
});

describe('acked-write-loss with completions that carry no value', () => {
  it('takes the value from the invoke, and counts completions without either as garbled', () => {
    const b = new HistoryBuilder().at(0);
    b.push('client-1', {
      kind: 'op',
      phase: 'invoke',
      opId: 1,
      op: 'write',
      key: 'k',
      value: 10,
      target: 'redis-1',
    });
    b.push('client-1', { kind: 'op', phase: 'ok', opId: 1, op: 'write', key: 'k', target: 'redis-1' });
    b.push('client-1', { kind: 'op', phase: 'ok', opId: 2, op: 'write', key: 'k', target: 'redis-1' });
    const lost = checkAckedWriteLoss(b.at(90_000).finalConverged('redis-1', []).build());
    expect(lost.valid).toBe(false);
    expect(lost.evidence).toMatchObject({ ackedCount: 1, lostCount: 1, writesWithoutValue: 1 });
    const kept = new HistoryBuilder().at(0);
    kept.push('client-1', {
      kind: 'op',
      phase: 'invoke',
      opId: 1,
      op: 'write',
      key: 'k',
      value: 10,
      target: 'redis-1',
    });
    kept.push('client-1', { kind: 'op', phase: 'ok', opId: 1, op: 'write', key: 'k', target: 'redis-1' });
    expect(checkAckedWriteLoss(kept.at(90_000).finalConverged('redis-1', [10]).build()).valid).toBe(true);
  });
});
