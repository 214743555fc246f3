// Edges of the Redis configuration lexer (the rules of §14 sentinel.conf lines): trimming, comments,
// every whitespace character, every named escape, malformed \x escapes, and repr's byte classes.
import { describe, expect, it } from 'vitest';
import {
  formatConfigArg,
  isCommentOrBlank,
  reprConfigArg,
  splitConfigArgs,
  trimConfigLine,
} from '../../src/engine/conf-lex.js';

describe('line trimming and comments', () => {
  it('trims spaces, tabs, CR and LF at both ends only', () => {
    expect(trimConfigLine(' \t\r\n port 1 \t\r\n')).toBe('port 1');
    expect(trimConfigLine('a  b')).toBe('a  b');
    expect(trimConfigLine('\vport\f')).toBe('\vport\f');
    expect(trimConfigLine('')).toBe('');
  });

  it('a blank line or one starting with # is a comment; a later # is not', () => {
    expect(isCommentOrBlank('')).toBe(true);
    expect(isCommentOrBlank('# x')).toBe(true);
    expect(isCommentOrBlank('#')).toBe(true);
    expect(isCommentOrBlank('port 1 # x')).toBe(false);
    expect(isCommentOrBlank(' ')).toBe(false);
  });
});

describe('splitConfigArgs edges', () => {
  it('every whitespace character separates arguments', () => {
    expect(splitConfigArgs('a b\tc\rd\ne\vf\fg')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(splitConfigArgs('   ')).toEqual([]);
    expect(splitConfigArgs('')).toEqual([]);
    expect(splitConfigArgs('  a  ')).toEqual(['a']);
  });

  it('a closing quote may be followed by any whitespace character', () => {
    for (const ws of [' ', '\t', '\r', '\n', '\v', '\f']) {
      expect(splitConfigArgs(`"a"${ws}b`), JSON.stringify(ws)).toEqual(['a', 'b']);
      expect(splitConfigArgs(`'a'${ws}b`), JSON.stringify(ws)).toEqual(['a', 'b']);
    }
  });

  it('named escapes in double quotes: \\n \\r \\t \\b \\a; any other escaped character is itself', () => {
    expect(splitConfigArgs('"\\n\\r\\t\\b\\a"')).toEqual(['\n\r\t\b\x07']);
    expect(splitConfigArgs('"\\q\\\'\\ "')).toEqual(["q' "]);
    expect(splitConfigArgs('"a\\"b"')).toEqual(['a"b']);
  });

  it('\\x needs two hex digits (either case); otherwise the x is a plain escaped character', () => {
    expect(splitConfigArgs('"\\x4a\\x4A"')).toEqual(['JJ']);
    expect(splitConfigArgs('"\\xZZ"')).toEqual(['xZZ']);
    expect(splitConfigArgs('"\\x4"')).toEqual(['x4']);
    expect(splitConfigArgs('"\\x4g"')).toEqual(['x4g']);
    expect(splitConfigArgs('"\\xg4"')).toEqual(['xg4']);
    expect(splitConfigArgs('"\\x"')).toEqual(['x']);
  });

  it('only a backslash starts \\x: a plain x or another escape followed by hex digits stays as written', () => {
    expect(splitConfigArgs('"ax41"')).toEqual(['ax41']);
    expect(splitConfigArgs('"\\q41"')).toEqual(['q41']);
    expect(splitConfigArgs('"\\t41"')).toEqual(['\t41']);
  });

  it('non-ASCII characters inside quotes come back unchanged (UTF-8 bytes, decoded again)', () => {
    expect(splitConfigArgs('"héllo wörld" \'ü\'')).toEqual(['héllo wörld', 'ü']);
    expect(splitConfigArgs('"\u0080\u07ff"')).toEqual(['\u0080\u07ff']);
    expect(splitConfigArgs('"x😀y"')).toEqual(['x😀y']);
    expect(splitConfigArgs('pré"fix"')).toEqual(['préfix']);
  });

  it('single quotes keep backslashes except before a quote; quotes open mid-argument', () => {
    expect(splitConfigArgs("'a\\b' 'c\\'d'")).toEqual(['a\\b', "c'd"]);
    expect(splitConfigArgs("x'y z'")).toEqual(['xy z']);
    expect(splitConfigArgs('"a" "" \'\'')).toEqual(['a', '', '']);
  });
});

describe('repr and bare arguments', () => {
  it('repr escapes the named control bytes and writes the others as lower-case \\xhh', () => {
    expect(reprConfigArg('\r\t\x07\b\n')).toBe('"\\r\\t\\a\\b\\n"');
    expect(reprConfigArg('\x1f \x7e\x7f')).toBe('"\\x1f ~\\x7f"');
    expect(reprConfigArg('é')).toBe('"\\xc3\\xa9"');
    expect(reprConfigArg('')).toBe('""');
  });

  it('printable ASCII without quotes stays bare; spaces, controls, quotes and non-ASCII are quoted', () => {
    expect(formatConfigArg('!~azAZ09-_.:/')).toBe('!~azAZ09-_.:/');
    expect(formatConfigArg('a"b')).toBe('"a\\"b"');
    expect(formatConfigArg('\x7f')).toBe('"\\x7f"');
    expect(formatConfigArg('é')).toBe('"\\xc3\\xa9"');
    expect(formatConfigArg('a\tb')).toBe('"a\\tb"');
  });
});
