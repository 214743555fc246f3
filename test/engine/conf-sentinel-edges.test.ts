// Edges of the `sentinel …` directives (spec §14.1, §2.2, §2.6): what counts as an IP literal, C atoi for
// quorum and times, epochs, known-sentinel duplicates and run ids, rename-command, and the exact wording
// of the errors (a user reads them to fix the file).
import { describe, expect, it } from 'vitest';
import { confError } from './conf-support.js';
import { parseSentinelConf } from '../../src/engine/conf.js';
import { atoi } from '../../src/engine/conf-sentinel.js';

const ID_A = 'a'.repeat(40);
const ID_B = 'b'.repeat(40);
const M = 'sentinel monitor m 127.0.0.1 6379 2';

describe('IP literals without resolve-hostnames (§2.2)', () => {
  it.each(['10.0.0.1', '255.255.255.255', '::1', 'fe80::1', '::ffff:10.0.0.1', 'FE80::A'])(
    'accepts %s',
    (host) => {
      expect(parseSentinelConf(`sentinel monitor m ${host} 6379 2`).masters[0]!.host).toBe(host);
    },
  );

  it.each(['10.0.0.256', '256.0.0.1', '10.0.0.1.5', 'x10.0.0.1', '10.0.0', 'cafe', 'zz::1', '::1zz'])(
    'rejects %s, naming the rule',
    (host) => {
      const e = confError(`sentinel monitor m ${host} 6379 2`);
      expect(e.code).toBe('invalid-value');
      expect(e.message).toBe(
        `sentinel.conf:1: invalid address '${host}' for 'sentinel monitor': an IP literal is required unless resolve-hostnames is yes`,
      );
    },
  );

  it('with resolve-hostnames yes a name is accepted, but an empty host still is not', () => {
    const ok = parseSentinelConf('sentinel resolve-hostnames yes\nsentinel monitor m redis.local 6379 2');
    expect(ok.masters[0]!.host).toBe('redis.local');
    const e = confError('sentinel resolve-hostnames yes\nsentinel monitor m "" 6379 2');
    expect(e.message).toBe("sentinel.conf:2: invalid address '' for 'sentinel monitor': empty host");
    expect(confError('sentinel monitor m "" 6379 2').message).toMatch(/an IP literal is required/);
  });
});

describe('numbers', () => {
  it('atoi reads leading whitespace (any of space \\t \\n \\v \\f \\r), a sign and digits; nothing else', () => {
    expect(atoi('\v5')).toBe(5);
    expect(atoi(' \t\n\f\r+7x')).toBe(7);
    expect(atoi('-3')).toBe(-3);
    expect(atoi('x5')).toBe(0);
    expect(atoi('')).toBe(0);
  });

  it('a quorum of `x5` is 0, which is refused (atoi stops at the x)', () => {
    expect(confError('sentinel monitor m 127.0.0.1 6379 x5').message).toBe(
      "sentinel.conf:1: invalid quorum 'x5' for 'sentinel monitor': must be 1 or greater",
    );
  });

  it('epochs must be plain non-negative integers: 5x is refused, with the rule in the message', () => {
    expect(confError(`${M}\nsentinel config-epoch m 5x`).message).toBe(
      "sentinel.conf:2: invalid epoch '5x' for 'sentinel config-epoch': must be a non-negative integer",
    );
  });

  it('down-after must be > 0; the reboot period may be 0 but not negative', () => {
    expect(confError(`${M}\nsentinel down-after-milliseconds m 0`).message).toBe(
      "sentinel.conf:2: invalid time '0' for 'sentinel down-after-milliseconds': must be greater than 0",
    );
    const conf = parseSentinelConf(`${M}\nsentinel master-reboot-down-after-period m 0`);
    expect(conf.masters[0]!.masterRebootDownAfterPeriodMs).toBe(0);
    expect(confError(`${M}\nsentinel master-reboot-down-after-period m -1`).message).toBe(
      "sentinel.conf:2: invalid time '-1' for 'sentinel master-reboot-down-after-period': must be 0 or greater",
    );
  });

  it('myid of the wrong length says how long it was', () => {
    expect(confError('sentinel myid abc').message).toBe(
      "sentinel.conf:1: invalid myid 'abc' for 'sentinel myid': must be exactly 40 characters (got 3)",
    );
  });
});

describe('argument counts', () => {
  it("a global directive without its value is an argument-count error, not 'needs a sub-command'", () => {
    expect(confError('sentinel announce-ip').message).toBe(
      "sentinel.conf:1: wrong number of arguments for 'sentinel announce-ip' (expected 1, got 0)",
    );
    expect(confError('sentinel').message).toBe("sentinel.conf:1: 'sentinel' needs a sub-command");
  });

  it('known-sentinel lists both accepted counts', () => {
    expect(confError(`${M}\nsentinel known-sentinel m 10.0.0.2`).message).toBe(
      "sentinel.conf:2: wrong number of arguments for 'sentinel known-sentinel' (expected 3 or 4, got 2)",
    );
  });
});

describe('known-sentinel (§2.6) and rename-command', () => {
  it('a second line with the same run id, or the same address, is ignored; distinct ones are kept', () => {
    const conf = parseSentinelConf(
      [
        M,
        `sentinel known-sentinel m 10.0.0.2 26379 ${ID_A}`,
        `sentinel known-sentinel m 10.0.0.3 26379 ${ID_A}`, // same run id, other address
        `sentinel known-sentinel m 10.0.0.2 26379 ${ID_B}`, // same address, other run id
        `sentinel known-sentinel m 10.0.0.2 26380 ${ID_B}`, // same host, other port: a new Sentinel
      ].join('\n'),
    );
    expect(conf.masters[0]!.knownSentinels).toEqual([
      { host: '10.0.0.2', port: 26379, runId: ID_A },
      { host: '10.0.0.2', port: 26380, runId: ID_B },
    ]);
  });

  it('a known-sentinel run id must be 40 characters', () => {
    const e = confError(`${M}\nsentinel known-sentinel m 10.0.0.2 26379 abc`);
    expect(e.code).toBe('invalid-value');
    expect(e.message).toBe(
      "sentinel.conf:2: invalid run id 'abc' for 'sentinel known-sentinel': must be exactly 40 characters (got 3)",
    );
  });

  it.each([
    ['the old name', 'sentinel rename-command m "" FOO'],
    ['the new name', 'sentinel rename-command m CONFIG ""'],
  ])('rename-command refuses an empty %s', (_what, line) => {
    const e = confError(`${M}\n${line}`);
    expect(e.code).toBe('invalid-value');
    expect(e.message).toBe(
      "sentinel.conf:2: invalid command name '' for 'sentinel rename-command': must not be empty",
    );
  });
});
