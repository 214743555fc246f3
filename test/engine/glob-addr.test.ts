// Pure helpers under the command and hello paths: Redis-style glob matching (SENTINEL RESET / CONFIG GET,
// §12), address validation (§2.2, used by hello §9.4 and INFO §5.1) and the strict integer parsers.
import { describe, expect, it } from 'vitest';
import {
  isIpLiteral,
  isValidAddress,
  isValidHost,
  isValidPort,
  parseIntStrict,
} from '../../src/engine/addr.js';
import { globMatch } from '../../src/engine/glob.js';
import { parseLongLong, unknownCommand, unknownSubcommand } from '../../src/engine/replyutil.js';
import { coreWithMaster } from './records.js';

describe('globMatch (Redis stringmatch)', () => {
  it('* matches any run of characters, including none, anywhere in the pattern', () => {
    expect(globMatch('*', '', false)).toBe(true);
    expect(globMatch('*', 'mymaster', false)).toBe(true);
    expect(globMatch('my*', 'my', false)).toBe(true);
    expect(globMatch('my*', 'mymaster', false)).toBe(true);
    expect(globMatch('my*', 'xmymaster', false)).toBe(false);
    expect(globMatch('*ter', 'mymaster', false)).toBe(true);
    expect(globMatch('*ter', 'mymasters', false)).toBe(false);
    expect(globMatch('m*m*r', 'mymaster', false)).toBe(true);
    expect(globMatch('m*z*r', 'mymaster', false)).toBe(false);
    expect(globMatch('a**b', 'axyzb', false)).toBe(true);
    expect(globMatch('a**', 'a', false)).toBe(true);
    expect(globMatch('a**c', 'ab', false)).toBe(false);
  });

  it('a literal pattern matches only the whole text', () => {
    expect(globMatch('abc', 'abc', false)).toBe(true);
    expect(globMatch('abc', 'ab', false)).toBe(false);
    expect(globMatch('ab', 'abc', false)).toBe(false);
    expect(globMatch('', '', false)).toBe(true);
    expect(globMatch('', 'a', false)).toBe(false);
    expect(globMatch('abd', 'abc', false)).toBe(false);
  });

  it('? matches exactly one character', () => {
    expect(globMatch('a?c', 'abc', false)).toBe(true);
    expect(globMatch('a?c', 'ac', false)).toBe(false);
    expect(globMatch('a?c', 'abbc', false)).toBe(false);
    expect(globMatch('?', '', false)).toBe(false);
    expect(globMatch('??', 'ab', false)).toBe(true);
  });

  it('[...] classes: members, ranges (either order), ^ negation and escapes', () => {
    expect(globMatch('[abc]x', 'bx', false)).toBe(true);
    expect(globMatch('[abc]x', 'dx', false)).toBe(false);
    expect(globMatch('[abc]', '', false)).toBe(false);
    expect(globMatch('[^abc]x', 'dx', false)).toBe(true);
    expect(globMatch('[^abc]x', 'ax', false)).toBe(false);
    expect(globMatch('[b-d]', 'b', false)).toBe(true);
    expect(globMatch('[b-d]', 'c', false)).toBe(true);
    expect(globMatch('[b-d]', 'd', false)).toBe(true);
    expect(globMatch('[b-d]', 'a', false)).toBe(false);
    expect(globMatch('[b-d]', 'e', false)).toBe(false);
    expect(globMatch('[b-d]', '-', false)).toBe(false);
    expect(globMatch('[d-b]', 'c', false)).toBe(true);
    expect(globMatch('[d-b]', 'e', false)).toBe(false);
    expect(globMatch('[d-b]', 'a', false)).toBe(false);
    // A '-' right before ']' is a literal member, not a range.
    expect(globMatch('[a-]', '-', false)).toBe(true);
    expect(globMatch('[a-]', 'a', false)).toBe(true);
    expect(globMatch('[a-]', 'b', false)).toBe(false);
    expect(globMatch('[\\]]', ']', false)).toBe(true);
    expect(globMatch('[\\]]', '\\', false)).toBe(false);
    expect(globMatch('[\\a]', 'a', false)).toBe(true);
    expect(globMatch('[ab]c', 'bc', false)).toBe(true);
    expect(globMatch('[ab]c', 'bd', false)).toBe(false);
    expect(globMatch('[a-c]z', 'bz', false)).toBe(true);
    expect(globMatch('[a-c]z', 'by', false)).toBe(false);
    // An unterminated class ends at the end of the pattern.
    expect(globMatch('[ab', 'a', false)).toBe(true);
    expect(globMatch('[ab', 'c', false)).toBe(false);
  });

  it('a backslash makes the next character literal; a trailing one is itself', () => {
    expect(globMatch('a\\*', 'a*', false)).toBe(true);
    expect(globMatch('a\\*', 'ab', false)).toBe(false);
    expect(globMatch('a\\?', 'a?', false)).toBe(true);
    expect(globMatch('a\\?', 'ab', false)).toBe(false);
    expect(globMatch('a\\', 'a\\', false)).toBe(true);
    expect(globMatch('a\\', 'a', false)).toBe(false);
  });

  it('noCase folds both pattern and text; otherwise case matters', () => {
    expect(globMatch('MY*', 'mymaster', true)).toBe(true);
    expect(globMatch('my*', 'MYMASTER', true)).toBe(true);
    expect(globMatch('MY*', 'mymaster', false)).toBe(false);
    expect(globMatch('[A-C]', 'b', true)).toBe(true);
    expect(globMatch('[A-C]', 'b', false)).toBe(false);
  });
});

describe('addresses (§2.2)', () => {
  it('IPv4 literals: four 0..255 octets without leading zeros', () => {
    for (const ok of ['0.0.0.0', '10.0.0.1', '255.255.255.255', '199.249.200.9', '1.22.100.250']) {
      expect(isIpLiteral(ok), ok).toBe(true);
    }
    for (const bad of [
      '256.0.0.1',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.260',
      'a.b.c.d',
      ' 1.2.3.4',
      '1.2.3.4x',
    ]) {
      expect(isIpLiteral(bad), bad).toBe(false);
    }
  });

  it('IPv6 literals need a colon and hex digits, colons and dots only', () => {
    expect(isIpLiteral('::1')).toBe(true);
    expect(isIpLiteral('fe80::A:1')).toBe(true);
    expect(isIpLiteral('::ffff:10.0.0.1')).toBe(true);
    expect(isIpLiteral('abcd')).toBe(false);
    expect(isIpLiteral('fe80::g')).toBe(false);
    expect(isIpLiteral('x::1')).toBe(false);
  });

  it('hostnames are valid only with resolve-hostnames, and only well-formed up to 253 characters', () => {
    const { core } = coreWithMaster();
    expect(isValidHost(core, '10.0.0.1')).toBe(true);
    expect(isValidHost(core, 'redis-1.example')).toBe(false);
    core.global.resolveHostnames = true;
    expect(isValidHost(core, '10.0.0.1')).toBe(true);
    expect(isValidHost(core, 'redis-1.example')).toBe(true);
    expect(isValidHost(core, 'a')).toBe(true);
    for (const bad of ['-redis', 'redis-', 'a..b', 'a b', '', 'red_is', '.a', 'a.']) {
      expect(isValidHost(core, bad), bad).toBe(false);
    }
    const label = 'a'.repeat(63);
    const h253 = [label, label, label, 'a'.repeat(61)].join('.');
    expect(h253).toHaveLength(253);
    expect(isValidHost(core, h253)).toBe(true);
    expect(isValidHost(core, `${h253}b`)).toBe(false);
  });

  it('ports are integers 0..65535; an address needs a valid host and port', () => {
    expect([0, 1, 6379, 65535].map(isValidPort)).toEqual([true, true, true, true]);
    expect([-1, 65536, 1.5, Number.NaN].map(isValidPort)).toEqual([false, false, false, false]);
    const { core } = coreWithMaster();
    expect(isValidAddress(core, { host: '10.0.0.1', port: 6379 })).toBe(true);
    expect(isValidAddress(core, { host: '10.0.0.1', port: 70000 })).toBe(false);
    expect(isValidAddress(core, { host: 'redis', port: 6379 })).toBe(false);
  });
});

describe('integer parsing', () => {
  it('parseIntStrict accepts up to 16 signed decimal digits within the safe range', () => {
    expect(parseIntStrict('0')).toBe(0);
    expect(parseIntStrict('-7')).toBe(-7);
    expect(parseIntStrict('007')).toBe(7);
    expect(parseIntStrict('1234567890123456')).toBe(1234567890123456);
    expect(parseIntStrict('12345678901234567')).toBeNull();
    expect(parseIntStrict('9999999999999999')).toBeNull();
    for (const bad of ['', '-', '+1', '1.0', '1e3', ' 1', '1 ', 'x1', '1x', '0x10']) {
      expect(parseIntStrict(bad), bad).toBeNull();
    }
  });

  it('parseLongLong (getLongLongFromObject) rejects leading zeros, signs other than -, and unsafe values', () => {
    expect(parseLongLong('0')).toBe(0);
    expect(parseLongLong('-12')).toBe(-12);
    expect(parseLongLong('26379')).toBe(26379);
    expect(parseLongLong(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseLongLong('9007199254740993')).toBeNull();
    for (const bad of ['', '-', '+1', '01', '-01', '1.5', ' 1', '1 ', 'a', '1a', 'a1']) {
      expect(parseLongLong(bad), bad).toBeNull();
    }
  });
});

describe('unknown command errors (§12)', () => {
  it('quote the command and the first arguments, cut to 128 characters', () => {
    expect(unknownCommand(['SAVE'])).toEqual({
      kind: 'error',
      text: "ERR unknown command 'SAVE', with args beginning with: ",
    });
    expect(unknownCommand(['BLPOP', 'k', '0'])).toEqual({
      kind: 'error',
      text: "ERR unknown command 'BLPOP', with args beginning with: 'k' '0' ",
    });
    const long = unknownCommand(['X'.repeat(200), 'a'.repeat(100), 'b'.repeat(100), 'c']);
    if (long.kind !== 'error') throw new Error('error reply expected');
    expect(long.text).toBe(
      `ERR unknown command '${'X'.repeat(128)}', with args beginning with: '${'a'.repeat(100)}' '${'b'.repeat(25)}' `,
    );
    expect(unknownSubcommand('y'.repeat(130), 'CLIENT')).toEqual({
      kind: 'error',
      text: `ERR unknown subcommand '${'y'.repeat(128)}'. Try CLIENT HELP.`,
    });
  });
});
