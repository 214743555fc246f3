import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { HostClock } from '../../src/sim/clock.js';

describe('HostClock', () => {
  it('local = offset + (1 + driftPpm·1e-6)·true', () => {
    const c = new HostClock({ offsetMs: 5000, driftPpm: 100 });
    expect(c.localAt(0)).toBe(5000);
    expect(c.localAt(1_000_000)).toBeCloseTo(5000 + 1_000_100, 6);
  });

  test.prop([
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.integer({ min: -1000, max: 1000 }),
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ min: 0, max: 1e7, noNaN: true }),
  ])('changing the drift never makes the local clock jump', (offsetMs, ppmBefore, ppmAfter, atMs) => {
    const c = new HostClock({ offsetMs, driftPpm: ppmBefore });
    const before = c.localAt(atMs);
    c.setDrift(ppmAfter, atMs);
    expect(c.localAt(atMs)).toBeCloseTo(before, 6);
    // and from then on it advances at the new rate
    expect(c.localAt(atMs + 1000) - c.localAt(atMs)).toBeCloseTo(1000 * (1 + ppmAfter * 1e-6), 6);
  });

  it('a jump steps the local clock by delta, forward or back, at that instant, and keeps the rate', () => {
    const c = new HostClock({ driftPpm: 0 });
    c.jump(3000, 100);
    expect(c.localAt(100)).toBe(3100);
    expect(c.localAt(200)).toBe(3200);
    c.jump(-5000, 200);
    expect(c.localAt(200)).toBe(-1800);
    expect(c.localAt(1200)).toBe(-800);
  });

  it('a fast clock makes timers (monotonic local durations) shorter in true time', () => {
    const c = new HostClock({ driftPpm: 100_000 }); // 10% fast
    expect(c.trueDelayMs(1100)).toBeCloseTo(1000, 9);
  });

  it('rejects an absurd drift and a non-finite offset, naming the field', () => {
    expect(() => new HostClock({ driftPpm: 2e6 })).toThrow(/driftPpm/);
    expect(() => new HostClock({ offsetMs: Infinity })).toThrow(/offsetMs/);
  });
});
