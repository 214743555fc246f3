import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Scheduler, roundToMicros } from '../../src/sim/scheduler.js';
import { SimError } from '../../src/sim/errors.js';

describe('Scheduler', () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 })], { numRuns: 200 })(
    'any interleaving of schedule calls runs in (time, insertion sequence) order',
    (times) => {
      const s = new Scheduler();
      const ran: number[] = [];
      times.forEach((t, i) => s.schedule(t, (k: number) => ran.push(k), i));
      s.runUntilIdle(10_000);
      const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
      expect(ran).toEqual(expected.map((e) => e.i));
    },
  );

  /** A naive reference: a list scanned for the least (time, seq) entry. */
  function referenceOrder(initial: readonly number[], delays: readonly number[]): number[] {
    const queue: { t: number; seq: number; tag: number }[] = [];
    let seq = 0;
    initial.forEach((t, tag) => queue.push({ t, seq: seq++, tag }));
    const out: number[] = [];
    let next = initial.length;
    while (queue.length > 0) {
      let best = 0;
      queue.forEach((e, k) => {
        const b = queue[best] as { t: number; seq: number };
        if (e.t < b.t || (e.t === b.t && e.seq < b.seq)) best = k;
      });
      const e = queue.splice(best, 1)[0] as { t: number; tag: number };
      out.push(e.tag);
      const d = delays[e.tag];
      if (d !== undefined && next < delays.length) queue.push({ t: e.t + d, seq: seq++, tag: next++ });
    }
    return out;
  }

  test.prop(
    [
      fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 }),
      fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 200 }),
    ],
    { numRuns: 200 },
  )(
    'events scheduled from inside handlers run in the same order as a naive (time, seq) reference',
    (initial, delays) => {
      const s = new Scheduler();
      const ran: number[] = [];
      let next = initial.length;
      const handler = (tag: number): void => {
        ran.push(tag);
        const d = delays[tag];
        if (d !== undefined && next < delays.length) s.schedule(s.nowMs + d, handler, next++);
      };
      initial.forEach((t, tag) => s.schedule(t, handler, tag));
      s.runUntilIdle(100_000);
      expect(ran).toEqual(referenceOrder(initial, delays));
    },
  );

  it('two events at the same time run in the order they were scheduled, even when scheduled later from a handler', () => {
    const s = new Scheduler();
    const order: string[] = [];
    s.at(5, () => {
      order.push('a');
      s.at(5, () => order.push('c'));
    });
    s.at(5, () => order.push('b'));
    s.runUntil(10);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('a cancelled event never runs and does not count as pending', () => {
    const s = new Scheduler();
    const ran: number[] = [];
    const ids = [1, 2, 3].map((k) => s.schedule(k, (x: number) => ran.push(x), k));
    expect(s.pendingCount).toBe(3);
    expect(s.cancel(ids[1] as number)).toBe(true);
    expect(s.cancel(ids[1] as number)).toBe(false);
    expect(s.pendingCount).toBe(2);
    s.runUntilIdle(10);
    expect(ran).toEqual([1, 3]);
  });

  it('cancelling an event that already ran, whose slot was reused, does not cancel the new event', () => {
    const s = new Scheduler();
    const ran: string[] = [];
    const old = s.at(1, () => ran.push('old'));
    s.runUntil(1);
    s.at(2, () => ran.push('new')); // reuses the freed slot
    expect(s.cancel(old)).toBe(false);
    s.runUntil(3);
    expect(ran).toEqual(['old', 'new']);
  });

  it('runUntil runs events due at or before the bound and leaves the clock at the bound', () => {
    const s = new Scheduler();
    const ran: number[] = [];
    for (const t of [1, 5, 5.0000001, 9]) s.at(t, () => ran.push(t));
    s.runUntil(5);
    expect(ran).toEqual([1, 5]);
    expect(s.nowMs).toBe(5);
    expect(s.nextEventMs()).toBe(5.0000001);
  });

  it('runUntilIdle stops at its event bound and reports that it did not become idle', () => {
    const s = new Scheduler();
    const loop = (): void => void s.after(1, loop);
    s.after(0, loop);
    expect(s.runUntilIdle(100)).toBe(false);
    expect(s.executedCount).toBe(100);
  });

  it('runWhile stops when the predicate fails, at the time bound, or when idle', () => {
    const s = new Scheduler();
    let n = 0;
    for (let t = 0; t < 10; t++) s.at(t, () => n++);
    expect(s.runWhile(() => n < 3)).toBe('predicate');
    expect(n).toBe(3);
    expect(s.runWhile(() => true, { untilMs: 6.5 })).toBe('time');
    expect(s.nowMs).toBe(6.5);
    expect(n).toBe(7);
    expect(s.runWhile(() => true, { maxEvents: 1 })).toBe('events');
    expect(s.runWhile(() => true)).toBe('idle');
    expect(n).toBe(10);
  });

  it('rejects scheduling in the past, at NaN or at infinity with a BAD_TIME error', () => {
    const s = new Scheduler();
    s.runUntil(10);
    for (const t of [9, Number.NaN, Infinity]) {
      expect(() => s.at(t, () => undefined)).toThrow(SimError);
      try {
        s.at(t, () => undefined);
      } catch (e) {
        expect((e as SimError).code).toBe('BAD_TIME');
      }
    }
  });

  it('keeps order across heap growth (more pending events than the initial capacity)', () => {
    const s = new Scheduler();
    const ran: number[] = [];
    for (let i = 5000; i > 0; i--) s.schedule(i % 7, (k: number) => ran.push(k), i);
    s.runUntilIdle(10_000);
    const expected = Array.from({ length: 5000 }, (_, j) => 5000 - j).sort(
      (a, b) => (a % 7) - (b % 7) || b - a,
    );
    expect(ran).toEqual(expected);
  });

  it('roundToMicros rounds to three decimals', () => {
    expect(roundToMicros(1.23456)).toBe(1.235);
    expect(roundToMicros(0.1 + 0.2)).toBe(0.3);
  });
});
