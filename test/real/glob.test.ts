// PSUBSCRIBE pattern matching (src/real/glob.ts), Redis stringmatchlen semantics.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/real/glob.js';

describe('globMatch', () => {
  it.each([
    ['*', '', true],
    ['*', '+switch-master', true],
    ['+s*', '+switch-master', true],
    ['+s*', '-sdown', false],
    ['h?llo', 'hello', true],
    ['h?llo', 'hllo', false],
    ['h[ae]llo', 'hallo', true],
    ['h[ae]llo', 'hillo', false],
    ['h[^e]llo', 'hallo', true],
    ['h[^e]llo', 'hello', false],
    ['h[a-c]llo', 'hbllo', true],
    ['h[c-a]llo', 'hbllo', true], // reversed ranges work
    ['h\\*llo', 'h*llo', true],
    ['h\\*llo', 'hello', false],
    ['[\\]]', ']', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYbZ', false],
    ['__sentinel__:*', '__sentinel__:hello', true],
    ['[abc', 'b', true], // an unterminated class runs to the end of the pattern
  ])('%j matches %j: %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  // Reference: patterns over {a, b, *, ?} translated to an anchored regular expression.
  const toRegex = (p: string): RegExp =>
    new RegExp('^' + [...p].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c)).join('') + '$', 's');
  test.prop([fc.stringMatching(/^[ab*?]{0,8}$/), fc.stringMatching(/^[ab]{0,10}$/)], { numRuns: 500 })(
    'agrees with a regular-expression reference on *, ? and literals',
    (pattern, text) => {
      expect(globMatch(pattern, text)).toBe(toRegex(pattern).test(text));
    },
  );
});
