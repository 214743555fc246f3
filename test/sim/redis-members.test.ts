import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { MemberSet, canonicalInteger } from '../../src/sim/redis/members.js';

describe('MemberSet (members of a simulated Redis set)', () => {
  it('keeps insertion order and rejects duplicates, integer-like or not', () => {
    const s = new MemberSet();
    expect(['1000001', 'a', '1000001', '7', 'a', '0', '01', '-1', '7'].map((m) => s.add(m))).toEqual([
      true,
      true,
      false,
      true,
      false,
      true,
      true,
      true,
      false,
    ]);
    expect([...s]).toEqual(['1000001', 'a', '7', '0', '01', '-1']);
    expect(s.size).toBe(6);
  });

  it('compares members as strings: "01", "1.0", "1e0" and " 1" are not "1"', () => {
    const s = new MemberSet(['1']);
    for (const m of ['01', '1.0', '1e0', ' 1', '+1']) {
      expect(s.has(m)).toBe(false);
      expect(s.add(m)).toBe(true);
    }
    expect(s.has('1')).toBe(true);
  });

  it('canonicalInteger accepts only canonical decimals of at most 15 digits', () => {
    expect(canonicalInteger('0')).toBe(0);
    expect(canonicalInteger('999999999999999')).toBe(999999999999999);
    expect(canonicalInteger('1000000000000000')).toBe(-1);
    for (const bad of ['', '00', '012', '-3', '3a', '1.5', ' 1']) expect(canonicalInteger(bad)).toBe(-1);
  });

  test.prop([fc.array(fc.oneof(fc.nat({ max: 20_000 }).map(String), fc.string({ maxLength: 4 })))])(
    'behaves as an insertion-ordered Set<string>',
    (members) => {
      const reference = new Set<string>();
      const s = new MemberSet();
      for (const m of members) {
        expect(s.has(m)).toBe(reference.has(m));
        expect(s.add(m)).toBe(!reference.has(m));
        reference.add(m);
      }
      expect([...s]).toEqual([...reference]);
      expect(s.size).toBe(reference.size);
    },
  );
});
