import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { bisect, bridge, isolate, majorityMinority, oneWay } from '../../src/scenarios/partitions.js';

const has = (blocks: readonly (readonly [string, string])[], a: string, b: string): boolean =>
  blocks.some(([x, y]) => x === a && y === b);

describe('partition helpers', () => {
  it('oneWay blocks only the given direction', () => {
    const blocks = oneWay(['a'], ['b', 'c']);
    expect(blocks).toEqual([
      ['a', 'b'],
      ['a', 'c'],
    ]);
  });

  it('isolate cuts one node from the others in both directions', () => {
    const blocks = isolate('a', ['b', 'c']);
    for (const o of ['b', 'c']) {
      expect(has(blocks, 'a', o)).toBe(true);
      expect(has(blocks, o, 'a')).toBe(true);
    }
    expect(has(blocks, 'b', 'c')).toBe(false);
  });

  it('bridge leaves the bridge node connected to both sides', () => {
    const blocks = bridge(['a', 'b', 'c'], ['c'], ['c', 'd', 'e']);
    expect(has(blocks, 'a', 'd')).toBe(true);
    expect(blocks.some(([x, y]) => x === 'c' || y === 'c')).toBe(false);
  });

  it('majorityMinority never makes the minority a majority', () => {
    const blocks = majorityMinority(['a', 'b', 'c', 'd', 'e'], 4);
    expect(has(blocks, 'b', 'c')).toBe(true);
    expect(has(blocks, 'c', 'b')).toBe(true);
    expect(has(blocks, 'a', 'b')).toBe(false);
  });

  test.prop([
    fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1 }),
    fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f')),
  ])('bisect is symmetric, has no self-blocks and no duplicates', (left, right) => {
    const blocks = bisect(left, right);
    for (const [a, b] of blocks) {
      expect(a).not.toBe(b);
      expect(has(blocks, b, a)).toBe(true);
    }
    expect(new Set(blocks.map(([a, b]) => `${a}>${b}`)).size).toBe(blocks.length);
  });
});
