// Boundaries of the INFO line rules (§5.1), glob classes (§12 RESET / CONFIG GET) and engine assertions,
// found by mutation testing (docs/mutation-testing.md).
import { describe, expect, it } from 'vitest';
import { assert, AssertionError } from '../../src/engine/assert.js';
import { globMatch } from '../../src/engine/glob.js';
import { parseInfo, parseSlaveLine } from '../../src/engine/info-parse.js';

const crlf = (...lines: string[]): string => `${lines.join('\r\n')}\r\n`;

describe('INFO numbers and lines (§5.1)', () => {
  it('numbers are C atoi: leading whitespace including \\v, then digits; other text gives 0', () => {
    const port = (v: string) => parseInfo(crlf('role:slave', `master_port:${v}`)).masterPort;
    expect(port('\v\f 6380')).toBe(6380);
    expect(port('x6380')).toBe(0);
    expect(port('-7')).toBe(-7);
  });

  it('master_link_down_since_seconds needs only one digit after the colon', () => {
    expect(parseInfo(crlf('master_link_down_since_seconds:5')).masterLinkDownSinceSeconds).toBe(5);
  });

  it('replica_announced is read as a number and is not overwritten by later lines', () => {
    const r = parseInfo(crlf('role:slave', 'replica_announced:1', 'slave_read_only:1', 'connected_slaves:0'));
    expect(r.replicaAnnounced).toBe(1);
  });

  it('only slave<digit> lines name replicas', () => {
    const info = parseInfo(
      crlf(
        'role:master',
        'slave_x:10.0.0.9,1,online',
        'other1:10.0.0.8,2,online',
        'slave0:10.0.0.7,3,online',
      ),
    );
    expect(info.slaves).toEqual([{ host: '10.0.0.7', port: 3 }]);
  });

  it('an old-format slave line needs a colon before the address', () => {
    expect(parseSlaveLine('slave0,10.0.0.1,6379,online')).toBeNull();
    expect(parseSlaveLine(':10.0.0.1,6379,online')).toEqual({ host: '10.0.0.1', port: 6379 });
  });
});

describe('glob classes at the edges', () => {
  it('^ negates the class and is not itself a member', () => {
    expect(globMatch('[^a]', '^', false)).toBe(true);
    expect(globMatch('[^a]', '[', false)).toBe(true);
    expect(globMatch('[^a]', 'a', false)).toBe(false);
  });

  it('a backslash or an open range at the end of an unterminated class is literal', () => {
    expect(globMatch('[\\', '\\', false)).toBe(true);
    expect(globMatch('[a-', '-', false)).toBe(true);
    expect(globMatch('[a-', 'a', false)).toBe(true);
    expect(globMatch('[a-', 'b', false)).toBe(false);
  });
});

describe('engine assertions', () => {
  it('a failed assertion throws an AssertionError with a stable code naming the invariant', () => {
    expect(() => assert(true, 'fine')).not.toThrow();
    let caught: unknown = null;
    try {
      assert(0, 'effects are drained');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AssertionError);
    expect(caught).toMatchObject({
      code: 'ENGINE_ASSERTION',
      name: 'AssertionError',
      message: 'engine invariant violated: effects are drained',
    });
  });
});
