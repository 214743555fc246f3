import { describe, expect, it } from 'vitest';
import { confError } from './conf-support.js';
import { lexConfLines, parseSentinelConf } from '../../src/engine/conf.js';

const ID_A = 'a'.repeat(40);

describe('parseSentinelConf: defaults and directives', () => {
  it('gives the §1.3/§1.4 defaults for a minimal file', () => {
    const conf = parseSentinelConf('sentinel monitor mymaster 127.0.0.1 6379 2\n');
    expect(conf).toMatchObject({
      port: 26379,
      bind: [],
      myid: null,
      currentEpoch: 0,
      announceIp: null,
      announcePort: 0,
      denyScriptsReconfig: true,
      resolveHostnames: false,
      announceHostnames: false,
      sentinelUser: null,
      sentinelPass: null,
      requirepass: null,
      loglevel: 'notice',
    });
    expect(conf.masters).toEqual([
      {
        name: 'mymaster',
        host: '127.0.0.1',
        port: 6379,
        quorum: 2,
        downAfterMs: 30000,
        failoverTimeoutMs: 180000,
        parallelSyncs: 1,
        masterRebootDownAfterPeriodMs: 0,
        notificationScript: null,
        clientReconfigScript: null,
        authPass: null,
        authUser: null,
        renameCommands: [],
        configEpoch: 0,
        leaderEpoch: 0,
        knownReplicas: [],
        knownSentinels: [],
      },
    ]);
  });

  it('reads every sentinel directive of §14.1 and the server subset', () => {
    const conf = parseSentinelConf(
      [
        '# a comment',
        '   ',
        'PORT 26380',
        'bind 127.0.0.1 ::1',
        'daemonize no',
        'protected-mode no',
        'requirepass "s3cret pw"',
        'loglevel warning',
        'logfile ""',
        'dir /tmp',
        `sentinel myid ${ID_A}`,
        'sentinel announce-ip 10.0.0.9',
        'sentinel announce-port 26400',
        'sentinel deny-scripts-reconfig no',
        'sentinel resolve-hostnames yes',
        'sentinel announce-hostnames yes',
        'sentinel sentinel-user alice',
        'sentinel sentinel-pass "p w"',
        'Sentinel MONITOR m redis.local 6379 3',
        'sentinel down-after-milliseconds m 5000',
        'sentinel failover-timeout m 60000',
        'sentinel parallel-syncs m 2',
        'sentinel master-reboot-down-after-period m 1000',
        'sentinel notification-script m /bin/notify.sh',
        'sentinel client-reconfig-script m /bin/reconf.sh',
        'sentinel auth-pass m pw',
        'sentinel auth-user m bob',
        'sentinel rename-command m CONFIG GUESSME',
        'sentinel config-epoch m 7',
        'sentinel leader-epoch m 8',
        'sentinel known-replica m 10.0.0.2 6380',
        'sentinel known-slave m 10.0.0.3 6381',
        `sentinel known-sentinel m 10.0.0.5 26379 ${'b'.repeat(40)}`,
        'sentinel current-epoch 9',
      ].join('\n'),
    );
    expect(conf).toMatchObject({
      port: 26380,
      bind: ['127.0.0.1', '::1'],
      requirepass: 's3cret pw',
      loglevel: 'warning',
      myid: ID_A,
      announceIp: '10.0.0.9',
      announcePort: 26400,
      denyScriptsReconfig: false,
      resolveHostnames: true,
      announceHostnames: true,
      sentinelUser: 'alice',
      sentinelPass: 'p w',
      currentEpoch: 9,
    });
    expect(conf.masters[0]).toEqual({
      name: 'm',
      host: 'redis.local',
      port: 6379,
      quorum: 3,
      downAfterMs: 5000,
      failoverTimeoutMs: 60000,
      parallelSyncs: 2,
      masterRebootDownAfterPeriodMs: 1000,
      notificationScript: '/bin/notify.sh',
      clientReconfigScript: '/bin/reconf.sh',
      authPass: 'pw',
      authUser: 'bob',
      renameCommands: [['CONFIG', 'GUESSME']],
      configEpoch: 7,
      leaderEpoch: 8,
      knownReplicas: [
        { host: '10.0.0.2', port: 6380 },
        { host: '10.0.0.3', port: 6381 },
      ],
      knownSentinels: [{ host: '10.0.0.5', port: 26379, runId: 'b'.repeat(40) }],
    });
  });

  it('applies sentinel lines in three passes regardless of file order (§14.1)', () => {
    const conf = parseSentinelConf(
      [
        'sentinel config-epoch m 4',
        'sentinel known-replica m 127.0.0.1 7000',
        'sentinel monitor m 127.0.0.1 6379 2',
      ].join('\n'),
    );
    expect(conf.masters[0]?.configEpoch).toBe(4);
    expect(conf.masters[0]?.knownReplicas).toEqual([{ host: '127.0.0.1', port: 7000 }]);
  });

  it('lets config-epoch raise current-epoch, and current-epoch only raise it (§14.1)', () => {
    const conf = parseSentinelConf(
      ['sentinel monitor m 127.0.0.1 6379 2', 'sentinel config-epoch m 12', 'sentinel current-epoch 5'].join(
        '\n',
      ),
    );
    expect(conf.currentEpoch).toBe(12);
  });

  it('reads parallel-syncs with atoi and no validation ([quirk] §1.3, §17.7)', () => {
    const read = (v: string): number | undefined =>
      parseSentinelConf(`sentinel monitor m 127.0.0.1 6379 2\nsentinel parallel-syncs m ${v}`).masters[0]
        ?.parallelSyncs;
    expect(read('0')).toBe(0);
    expect(read('-3')).toBe(-3);
    expect(read('abc')).toBe(0);
    expect(read('5x')).toBe(5);
  });

  it('ignores the old three-argument known-sentinel form and repeated replica addresses', () => {
    const conf = parseSentinelConf(
      [
        'sentinel monitor m 127.0.0.1 6379 2',
        'sentinel known-sentinel m 127.0.0.1 26380',
        'sentinel known-replica m 127.0.0.1 7000',
        'sentinel known-slave m 127.0.0.1 7000',
      ].join('\n'),
    );
    expect(conf.masters[0]?.knownSentinels).toEqual([]);
    expect(conf.masters[0]?.knownReplicas).toEqual([{ host: '127.0.0.1', port: 7000 }]);
  });

  it('treats an empty password or announce-ip as unset', () => {
    const conf = parseSentinelConf('sentinel announce-ip ""\nsentinel sentinel-pass ""\nrequirepass ""');
    expect([conf.announceIp, conf.sentinelPass, conf.requirepass]).toEqual([null, null, null]);
  });

  it('accepts CRLF line endings', () => {
    const conf = parseSentinelConf('port 26390\r\nsentinel monitor m 127.0.0.1 6379 2\r\n');
    expect(conf.port).toBe(26390);
    expect(conf.masters).toHaveLength(1);
  });
});

describe('parseSentinelConf: malformed files name the line', () => {
  const M = 'sentinel monitor m 127.0.0.1 6379 2';
  const cases: readonly (readonly [string, string, string, number, RegExp])[] = [
    [
      'quorum 0',
      `port 1\n${'sentinel monitor m 127.0.0.1 6379 0'}`,
      'invalid-value',
      2,
      /quorum '0'.*1 or greater/,
    ],
    ['quorum not a number', 'sentinel monitor m 127.0.0.1 6379 two', 'invalid-value', 1, /quorum 'two'/],
    [
      'unknown sentinel directive',
      `${M}\n\nsentinel foo m 1`,
      'unknown-directive',
      3,
      /unknown directive 'sentinel foo'/,
    ],
    [
      'unknown global-looking directive',
      'sentinel frobnicate',
      'unknown-directive',
      1,
      /sentinel frobnicate/,
    ],
    ['unknown server directive', 'appendonly yes', 'unknown-directive', 1, /unknown directive 'appendonly'/],
    [
      'monitor with 3 arguments',
      'sentinel monitor m 127.0.0.1 6379',
      'wrong-arg-count',
      1,
      /expected 4, got 3/,
    ],
    [
      'known-replica with 1 argument',
      `${M}\nsentinel known-replica m 127.0.0.1`,
      'wrong-arg-count',
      2,
      /known-replica/,
    ],
    ['myid with 2 arguments', `sentinel myid ${ID_A} x`, 'wrong-arg-count', 1, /sentinel myid/],
    ['bare sentinel', 'sentinel', 'wrong-arg-count', 1, /sub-command/],
    ['unterminated quote', `${M}\nsentinel auth-pass m "abc`, 'unbalanced-quotes', 2, /unbalanced quotes/],
    [
      'config-epoch of an unknown master',
      `${M}\nsentinel config-epoch x 3`,
      'unknown-master',
      2,
      /unknown master 'x'/,
    ],
    ['monitor port 70000', 'sentinel monitor m 127.0.0.1 70000 2', 'invalid-value', 1, /port '70000'/],
    ['server port -1', 'port -1', 'invalid-value', 1, /port '-1'/],
    ['known-replica bad port', `${M}\nsentinel known-replica m 127.0.0.1 x`, 'invalid-value', 2, /port 'x'/],
    [
      'myid of 39 chars',
      `sentinel myid ${'a'.repeat(39)}`,
      'invalid-value',
      1,
      /exactly 40 characters \(got 39\)/,
    ],
    ['down-after 0', `${M}\nsentinel down-after-milliseconds m 0`, 'invalid-value', 2, /greater than 0/],
    [
      'failover-timeout negative',
      `${M}\nsentinel failover-timeout m -5`,
      'invalid-value',
      2,
      /greater than 0/,
    ],
    [
      'reboot period negative',
      `${M}\nsentinel master-reboot-down-after-period m -1`,
      'invalid-value',
      2,
      /0 or greater/,
    ],
    ['yes/no expected', 'sentinel deny-scripts-reconfig maybe', 'invalid-value', 1, /'yes' or 'no'/],
    ['duplicate master', `${M}\n${M}`, 'duplicate-master', 2, /duplicate master name 'm'/],
    [
      'hostname without resolve-hostnames',
      'sentinel monitor m redis.local 6379 2',
      'invalid-value',
      1,
      /IP literal/,
    ],
    ['epoch not a number', `${M}\nsentinel leader-epoch m -1`, 'invalid-value', 2, /epoch '-1'/],
    [
      'duplicate rename',
      `${M}\nsentinel rename-command m a b\nsentinel rename-command m A c`,
      'duplicate-rename',
      3,
      /renamed twice/,
    ],
    ['tls directive', 'tls-port 6380', 'unsupported-directive', 1, /not supported/],
    ['include', 'include /etc/other.conf', 'unsupported-directive', 1, /not supported/],
    ['loglevel', 'loglevel loud', 'invalid-value', 1, /debug\|verbose/],
  ];

  it.each(cases)('%s', (_label, text, code, lineNo, pattern) => {
    const err = confError(text);
    expect(err.code).toBe(code);
    expect(err.line).toBe(lineNo);
    expect(err.message.startsWith(`sentinel.conf:${lineNo}: `)).toBe(true);
    expect(err.message).toMatch(pattern);
  });

  it('lexConfLines names sentinel.conf in its errors unless told another file name', () => {
    expect(() => lexConfLines('port 1\nfoo "bar')).toThrow(/^sentinel\.conf:2: unbalanced quotes$/);
    expect(() => lexConfLines('foo "bar', 's1.conf')).toThrow(/^s1\.conf:1: /);
  });

  it('an unbalanced-quotes error names the first word of the line as its directive', () => {
    expect(confError('port 1\n  sentinel\tauth-pass m "abc').directive).toBe('sentinel');
  });

  it('a line of only vertical tabs or form feeds (not trimmed, but whitespace) is skipped, not an error', () => {
    const conf = parseSentinelConf('\v\f\nsentinel monitor m 127.0.0.1 6379 2\n\f\n');
    expect(conf.masters.map((m) => m.name)).toEqual(['m']);
  });

  it('reports the directive as written', () => {
    const err = confError('sentinel monitor m 127.0.0.1 6379 2\nSentinel Foo m');
    expect(err.directive).toBe('Sentinel Foo');
    expect(err.message).toBe("sentinel.conf:2: unknown directive 'Sentinel Foo'");
  });

  it('reports globals before per-master errors (pass order), server lines in file order', () => {
    expect(confError('sentinel config-epoch x 1\nsentinel myid short').line).toBe(2);
    expect(confError('sentinel myid short\nport 99999').line).toBe(2);
  });
});
