import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { SeededStream, childSeed } from '../../src/sim/rng.js';
import { SimError } from '../../src/sim/errors.js';

const draw = (s: SeededStream, n: number): number[] => Array.from({ length: n }, () => s.next());

describe('SeededStream', () => {
  it('the same seed gives the same sequence; a different seed a different one', () => {
    expect(draw(SeededStream.root(42), 20)).toEqual(draw(SeededStream.root(42), 20));
    expect(draw(SeededStream.root(42), 20)).not.toEqual(draw(SeededStream.root(43), 20));
  });

  test.prop([fc.integer(), fc.nat({ max: 50 }), fc.nat({ max: 5 })], { numRuns: 100 })(
    'draws added to one stream (or to the root) never change another stream’s sequence',
    (seed, extraDraws, extraForks) => {
      const quiet = SeededStream.root(seed);
      const expected = draw(quiet.fork('sentinel-2'), 30);

      const busy = SeededStream.root(seed);
      draw(busy, extraDraws);
      const net = busy.fork('network');
      draw(net, extraDraws * 3);
      for (let i = 0; i < extraForks; i++) busy.fork(`extra-${i}`);
      expect(draw(busy.fork('sentinel-2'), 30)).toEqual(expected);
    },
  );

  it('forks with different names, and forks of forks, give different sequences', () => {
    const root = SeededStream.root(7);
    const a = draw(root.fork('sentinel-1'), 10);
    const b = draw(root.fork('sentinel-2'), 10);
    const aa = draw(root.fork('sentinel-1').fork('sentinel-1'), 10);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(aa);
  });

  it('child seeds are unambiguous: fork("a/b") differs from fork("a").fork("b")', () => {
    expect(childSeed(childSeed('1', 'a'), 'b')).not.toBe(childSeed('1', 'a/b'));
    const root = SeededStream.root(1);
    expect(draw(root.fork('a/b'), 5)).not.toEqual(draw(root.fork('a').fork('b'), 5));
  });

  test.prop([fc.integer(), fc.nat({ max: 100 })], { numRuns: 50 })(
    'a saved state, restored (also through JSON), continues the exact sequence',
    (seed, before) => {
      const s = SeededStream.root(seed).fork('x');
      draw(s, before);
      const saved = s.save();
      const restored = SeededStream.restore(JSON.parse(JSON.stringify(saved)));
      expect(draw(restored, 25)).toEqual(draw(s, 25));
      expect(restored.seed).toBe(s.seed);
    },
  );

  it('restore rejects a state of another algorithm or with a missing field, naming the field', () => {
    const good = SeededStream.root(1).save();
    expect(() => SeededStream.restore({ ...good, algorithm: 'arc4' as 'alea' })).toThrow(/state.algorithm/);
    expect(() => SeededStream.restore({ ...good, s1: Number.NaN })).toThrow(/state.s1/);
  });

  test.prop([fc.integer(), fc.integer({ min: 1, max: 1000 })], { numRuns: 50 })(
    'int(n) stays in [0, n) and next() in [0, 1)',
    (seed, n) => {
      const s = SeededStream.root(seed);
      let ok = true;
      for (let i = 0; i < 200; i++) {
        const k = s.int(n);
        const x = s.next();
        ok &&= Number.isInteger(k) && k >= 0 && k < n && x >= 0 && x < 1;
      }
      expect(ok).toBe(true);
    },
  );

  it('int(n) rejects a non-integer or non-positive bound with a typed error', () => {
    const s = SeededStream.root(1);
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => s.int(n)).toThrow(SimError);
  });

  it('int(n) is roughly uniform (chi-square over 10 buckets, 20k draws)', () => {
    const s = SeededStream.root('uniformity');
    const counts = new Array<number>(10).fill(0);
    const n = 20_000;
    for (let i = 0; i < n; i++) counts[s.int(10)]! += 1;
    const expected = n / 10;
    const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.9); // p = 0.001 for 9 degrees of freedom
  });
});
