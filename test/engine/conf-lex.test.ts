import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { formatConfigArg, reprConfigArg, splitConfigArgs } from '../../src/engine/conf-lex.js';

describe('splitConfigArgs (Redis configuration lexing)', () => {
  it('splits on runs of whitespace', () => {
    expect(splitConfigArgs('sentinel  monitor\tm 127.0.0.1 6379 2')).toEqual([
      'sentinel',
      'monitor',
      'm',
      '127.0.0.1',
      '6379',
      '2',
    ]);
  });

  it('decodes double-quoted escapes: \\x41, \\n, \\t, \\" and \\\\', () => {
    expect(splitConfigArgs('a "\\x41\\n\\t\\"\\\\z"')).toEqual(['a', 'A\n\t"\\z']);
  });

  it("keeps single-quoted text literal except \\'", () => {
    expect(splitConfigArgs("a 'x\\n y\\'z'")).toEqual(['a', "x\\n y'z"]);
  });

  it('opens a quote in the middle of an argument', () => {
    expect(splitConfigArgs('ab"c d"')).toEqual(['abc d']);
  });

  it('keeps a # that is not at the start of the line', () => {
    expect(splitConfigArgs('requirepass a#b')).toEqual(['requirepass', 'a#b']);
  });

  it('reads "" as an empty argument', () => {
    expect(splitConfigArgs('sentinel announce-ip ""')).toEqual(['sentinel', 'announce-ip', '']);
  });

  it.each(['a "unterminated', "a 'unterminated", 'a "closed"glued', "a 'closed'glued", 'a "\\'])(
    'rejects unbalanced quotes: %s',
    (line) => {
      expect(splitConfigArgs(line)).toBeNull();
    },
  );

  it('decodes \\x escapes of UTF-8 bytes back into the original character', () => {
    expect(splitConfigArgs('"\\xc3\\xa9"')).toEqual(['é']);
  });
});

describe('quoting', () => {
  it('writes repr the way Redis does (lower-case hex, named escapes)', () => {
    expect(reprConfigArg('a b"\\\n\x01')).toBe('"a b\\"\\\\\\n\\x01"');
  });

  it('leaves plain tokens bare and quotes the rest', () => {
    expect(formatConfigArg('127.0.0.1')).toBe('127.0.0.1');
    expect(formatConfigArg('a b')).toBe('"a b"');
    expect(formatConfigArg('')).toBe('""');
    expect(formatConfigArg("it's")).toBe('"it\'s"');
  });

  test.prop([fc.string({ unit: 'binary' })])('any string survives format → split unchanged', (s) => {
    expect(splitConfigArgs(`x ${formatConfigArg(s)} y`)).toEqual(['x', s, 'y']);
  });
});
