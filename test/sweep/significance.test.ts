import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { SweepError } from '../../src/sweep/errors.js';
import {
  fisherExact,
  formatP,
  permutationTest,
  PERMUTATION_ROUNDS,
  significant,
} from '../../src/sweep/significance.js';

// Expected values: exact fractions from enumerating every table with the observed margins (Python's
// fractions + math.comb, summing the hypergeometric probabilities ≤ the observed one), e.g. for the
// tea-tasting table [[3,1],[1,3]]: P(x) = C(4,x)·C(4,4−x)/C(8,4) = 1,16,36,16,1 over 70; the tables no
// more likely than x=3 (16/70) are x=0,1,3,4: 34/70 = 17/35.
const fisherCases: readonly [string, [number, number], [number, number], number][] = [
  ["Fisher's tea-tasting table [[3,1],[1,3]]: 17/35", [3, 4], [1, 4], 17 / 35],
  ['SciPy docs table [[8,2],[1,5]]: 5/143', [8, 10], [1, 6], 5 / 143],
  ['6 of 10 against 0 of 10: 7/646', [6, 10], [0, 10], 7 / 646],
  ['12 of 100 against 0 of 100: 2982479/8670841134', [12, 100], [0, 100], 2982479 / 8670841134],
  ['0 of 2 against 2 of 2 (two runs each): 1/3', [0, 2], [2, 2], 1 / 3],
  ['0 of 5 against 5 of 5: 1/126', [0, 5], [5, 5], 1 / 126],
  ['2 of 10 against 5 of 10: 113/323', [2, 10], [5, 10], 113 / 323],
  ['7 of 12 against 2 of 9: 3868/20995', [7, 12], [2, 9], 3868 / 20995],
  ['1 of 10 against 0 of 10: 1', [1, 10], [0, 10], 1],
];

describe("Fisher's exact test (two-sided)", () => {
  it.each(fisherCases)('%s', (_name, [ah, an], [bh, bn], expected) => {
    expect(fisherExact({ hits: ah, of: an }, { hits: bh, of: bn })).toBeCloseTo(expected, 10);
  });

  it('is symmetric: swapping the two cells, or hits with misses, gives the same p', () => {
    for (const [, [ah, an], [bh, bn]] of fisherCases) {
      const p = fisherExact({ hits: ah, of: an }, { hits: bh, of: bn })!;
      expect(fisherExact({ hits: bh, of: bn }, { hits: ah, of: an })).toBeCloseTo(p, 12);
      expect(fisherExact({ hits: an - ah, of: an }, { hits: bn - bh, of: bn })).toBeCloseTo(p, 12);
    }
  });

  it('equal proportions give p = 1; a side with nothing judged (0/0) is not testable', () => {
    expect(fisherExact({ hits: 0, of: 5 }, { hits: 0, of: 5 })).toBeCloseTo(1, 12);
    expect(fisherExact({ hits: 5, of: 5 }, { hits: 7, of: 7 })).toBeCloseTo(1, 12);
    expect(fisherExact({ hits: 0, of: 0 }, { hits: 3, of: 5 })).toBeNull();
    expect(fisherExact({ hits: 2, of: 5 }, { hits: 0, of: 0 })).toBeNull();
  });

  it('stays a probability with thousands of runs (log-space arithmetic, no overflow)', () => {
    const p = fisherExact({ hits: 500, of: 5000 }, { hits: 430, of: 5000 })!;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.05);
    expect(fisherExact({ hits: 2500, of: 5000 }, { hits: 2500, of: 5000 })).toBeCloseTo(1, 9);
  });

  // An independent oracle: exact integer arithmetic (BigInt binomials), so no tolerance is needed to
  // decide which tables are "no more likely" than the observed one.
  const choose = (n: number, k: number): bigint => {
    let r = 1n;
    for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
    return r;
  };
  function exactFisher(ah: number, an: number, bh: number, bn: number): number {
    const hits = ah + bh;
    const weight = (x: number): bigint => choose(an, x) * choose(bn, hits - x);
    const observed = weight(ah);
    let sum = 0n;
    for (let x = Math.max(0, hits - bn); x <= Math.min(hits, an); x++)
      if (weight(x) <= observed) sum += weight(x);
    return Number((sum * 10n ** 15n) / choose(an + bn, hits)) / 1e15;
  }
  const counts = fc
    .integer({ min: 1, max: 40 })
    .chain((of) => fc.record({ hits: fc.nat(of), of: fc.constant(of) }));

  test.prop([counts, counts])(
    'agrees with exact enumeration on random tables up to 40 runs a side',
    (a, b) => {
      expect(fisherExact(a, b)).toBeCloseTo(exactFisher(a.hits, a.of, b.hits, b.of), 9);
    },
  );

  it('bad counts are a typed error naming the field', () => {
    expect(() => fisherExact({ hits: 3, of: 2 }, { hits: 0, of: 1 })).toThrow(SweepError);
    expect(() => fisherExact({ hits: 3, of: 2 }, { hits: 0, of: 1 })).toThrow(/^a\.hits: /);
    expect(() => fisherExact({ hits: 0, of: 1 }, { hits: 0, of: -1 })).toThrow(/^b\.of: /);
    expect(() => fisherExact({ hits: 0.5, of: 1 }, { hits: 0, of: 1 })).toThrow(/^a\.hits: /);
  });
});

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('the permutation test', () => {
  it('identical samples give p = 1; an empty side is not testable', () => {
    expect(permutationTest([1, 2, 3], [1, 2, 3], mean)).toBe(1);
    expect(permutationTest([], [1, 2], mean)).toBeNull();
    expect(permutationTest([1], [], mean)).toBeNull();
  });

  it('10 runs against 10, fully separated (exact p = 2/C(20,10) ≈ 1e-5): the smallest p it can give', () => {
    const p = permutationTest(Array<number>(10).fill(0), Array<number>(10).fill(1), mean);
    expect(p).toBe(1 / (PERMUTATION_ROUNDS + 1));
    expect(significant(p)).toBe(true);
  });

  it('3 runs against 3, fully separated: exact p = 2/C(6,3) = 0.1, so not significant', () => {
    const p = permutationTest([0.1, 0.2, 0.3], [0.5, 0.6, 0.7], mean)!;
    expect(p).toBeGreaterThan(0.08);
    expect(p).toBeLessThan(0.12);
    expect(significant(p)).toBe(false);
  });

  it('is deterministic: the same samples always give the same p', () => {
    const a = [0, 0.1, 0, 0.3, 0.05];
    const b = [0.2, 0.4, 0.1, 0.3, 0.5];
    expect(permutationTest(a, b, mean)).toBe(permutationTest(a, b, mean));
  });
});

describe('p-values in text', () => {
  it('two significant digits, one below 0.01, and never rounded across α', () => {
    expect([0.003, 0.62, 17 / 35, 0.0496, 0.0004].map(formatP)).toEqual([
      'p=0.003',
      'p=0.62',
      'p=0.49',
      'p=0.0496',
      'p<0.001',
    ]);
    expect(formatP(null)).toBe('not tested');
  });

  it('significant means p < 0.05; an untestable difference never is', () => {
    expect([0.049, 0.05, 0.2, null].map(significant)).toEqual([true, false, false, false]);
  });
});
