// The redis-server directives a sentinel.conf may hold (conf-server.ts): every accepted directive with
// its argument shape, the checks on yes/no, integers, ports and enumerations, exact error messages, and
// what reaches the typed conf (port, bind, requirepass, loglevel).
import { describe, expect, it } from 'vitest';
import { confError } from './conf-support.js';
import { parseSentinelConf } from '../../src/engine/conf.js';

const YES_NO = ['daemonize', 'protected-mode', 'always-show-logo', 'syslog-enabled', 'set-proc-title'];
const ONE_STRING = [
  'requirepass',
  'pidfile',
  'logfile',
  'dir',
  'syslog-ident',
  'syslog-facility',
  'unixsocket',
  'proc-title-template',
  'aclfile',
];
const ONE_INT = [
  'unixsocketperm',
  'timeout',
  'tcp-keepalive',
  'tcp-backlog',
  'maxclients',
  'hz',
  'acllog-max-len',
];

describe('server directives in sentinel.conf', () => {
  it('accepts every listed directive with a well-formed argument, in any case', () => {
    const lines = [
      ...YES_NO.map((d) => `${d} yes`),
      ...YES_NO.map((d) => `${d.toUpperCase()} NO`),
      ...ONE_STRING.map((d) => `${d} x`),
      ...ONE_INT.map((d) => `${d} -12`),
      ...ONE_INT.map((d) => `${d} 300`),
      'supervised systemd',
      'supervised AUTO',
      'supervised upstart',
      'supervised no',
      'latency-tracking-info-percentiles',
      'latency-tracking-info-percentiles 50 99 99.9',
      'user default on nopass ~* +@all',
      'bind 127.0.0.1 ::1',
      'port 0',
      'loglevel WARNING',
    ];
    const conf = parseSentinelConf(lines.join('\n'));
    expect(conf).toMatchObject({
      port: 0,
      bind: ['127.0.0.1', '::1'],
      requirepass: 'x',
      loglevel: 'warning',
    });
  });

  it('yes/no, integer and enumeration checks name the value and the directive', () => {
    for (const d of YES_NO) {
      const e = confError(`${d} 1`);
      expect(e.code).toBe('invalid-value');
      expect(e.message).toBe(`sentinel.conf:1: argument must be 'yes' or 'no', got '1' for '${d}'`);
    }
    for (const d of ONE_INT) {
      for (const bad of ['x', '1.5', '', '1x', 'x1']) {
        const e = confError(`${d} "${bad}"`);
        expect(e.message, `${d} ${bad}`).toBe(
          `sentinel.conf:1: argument must be an integer, got '${bad}' for '${d}'`,
        );
      }
    }
    expect(confError('supervised systemv').message).toBe(
      "sentinel.conf:1: argument must be one of no|upstart|systemd|auto, got 'systemv' for 'supervised'",
    );
    expect(confError('loglevel loud').message).toBe(
      "sentinel.conf:1: argument must be one of debug|verbose|notice|warning|nothing, got 'loud' for 'loglevel'",
    );
  });

  it('ports are plain decimal 0..65535', () => {
    expect(parseSentinelConf('port 65535').port).toBe(65535);
    for (const bad of ['65536', '-1', '+1', '1e3', 'x', '']) {
      expect(confError(`port "${bad}"`).message, bad).toBe(
        `sentinel.conf:1: invalid port '${bad}': must be an integer in 0..65535 for 'port'`,
      );
    }
  });

  it('argument counts: one for the simple directives, up to 16 for bind, at least one for user', () => {
    for (const d of [...YES_NO, ...ONE_STRING, ...ONE_INT, 'port', 'loglevel', 'supervised']) {
      const none = confError(d);
      expect(none.code, d).toBe('wrong-arg-count');
      expect(none.message).toBe(`sentinel.conf:1: wrong number of arguments for '${d}' (got 0)`);
      expect(confError(`${d} a b`).message).toBe(
        `sentinel.conf:1: wrong number of arguments for '${d}' (got 2)`,
      );
    }
    const ips = Array.from({ length: 16 }, (_, i) => `10.0.0.${i}`);
    expect(parseSentinelConf(`bind ${ips.join(' ')}`).bind).toEqual(ips);
    expect(confError(`bind ${ips.join(' ')} 10.0.0.99`).message).toBe(
      "sentinel.conf:1: wrong number of arguments for 'bind' (got 17)",
    );
    expect(confError('bind').code).toBe('wrong-arg-count');
    expect(confError('user').code).toBe('wrong-arg-count');
  });

  it('TLS directives and include are refused with the reason; other names are unknown', () => {
    expect(confError('tls-cert-file /x').message).toBe(
      "sentinel.conf:1: 'tls-cert-file' is not supported: sentinel-lab runs Sentinels without TLS",
    );
    expect(confError('include /x').message).toBe(
      "sentinel.conf:1: 'include' is not supported: give sentinel-lab one self-contained file",
    );
    expect(confError('tls').code).toBe('unknown-directive');
    expect(confError('includes x').code).toBe('unknown-directive');
    const unknown = confError('Appendonly yes');
    expect(unknown.message).toBe("sentinel.conf:1: unknown directive 'Appendonly'");
    expect(unknown.name).toBe('ConfError');
  });

  it('an empty requirepass is unset; the last port/bind/loglevel line wins', () => {
    expect(parseSentinelConf('requirepass ""').requirepass).toBeNull();
    expect(
      parseSentinelConf('port 1\nport 2\nbind a\nbind b c\nloglevel debug\nloglevel nothing'),
    ).toMatchObject({
      port: 2,
      bind: ['b', 'c'],
      loglevel: 'nothing',
    });
  });
});
