// §12: the SENTINEL command set, reply shapes (field order of §12.1), errors and arity.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/io.js';
import {
  Harness,
  introducePeers,
  mapFields,
  mapGet,
  MYID,
  PEER1,
  sentinelConf,
  standardWorld,
} from './harness.js';

const COMMON = [
  'name',
  'ip',
  'port',
  'runid',
  'flags',
  'link-pending-commands',
  'link-refcount',
  'last-ping-sent',
  'last-ok-ping-reply',
  'last-ping-reply',
  'down-after-milliseconds',
];
const INFO_FIELDS = ['info-refresh', 'role-reported', 'role-reported-time'];
const MASTER_FIELDS = [
  ...COMMON,
  ...INFO_FIELDS,
  'config-epoch',
  'num-slaves',
  'num-other-sentinels',
  'quorum',
  'failover-timeout',
  'parallel-syncs',
];

function items(r: Reply): Reply[] {
  if (r.kind !== 'array') throw new Error(`expected array, got ${JSON.stringify(r)}`);
  return [...r.items];
}

function world() {
  const w = standardWorld();
  w.h.runFor(1000);
  introducePeers(w.h, [w.p1, w.p2]);
  w.h.runFor(1000);
  return w;
}

describe('instance maps (§12.1)', () => {
  it('SENTINEL MASTER lists the master fields in the exact order; index 33 is num-other-sentinels', () => {
    const { h } = world();
    const r = h.command(['SENTINEL', 'MASTER', 'mymaster']);
    expect(mapFields(r)).toEqual(MASTER_FIELDS);
    expect(mapGet(r, 'flags')).toBe('master');
    expect(mapGet(r, 'num-other-sentinels')).toBe('2');
    expect(mapGet(r, 'num-slaves')).toBe('2');
    expect(mapGet(r, 'runid')).toBe('1'.repeat(40));
    if (r.kind !== 'map') throw new Error('map');
    const flat = r.entries.flatMap(([k, v]) => [k, v.kind === 'bulk' ? v.value : '?']);
    expect(flat[32]).toBe('num-other-sentinels');
    expect(flat[33]).toBe('2');
  });

  it('a master in failover with SDOWN/ODOWN and scripts shows the optional fields in place', () => {
    const w = standardWorld({}, { notificationScript: '/n.sh', clientReconfigScript: '/c.sh' });
    const { h } = w;
    h.runFor(1000);
    introducePeers(h, [w.p1, w.p2]);
    w.r1.obeySlaveOf = false;
    w.r2.obeySlaveOf = false;
    h.crash(w.master, 'reset');
    h.runUntil(() => h.has('+failover-state-wait-promotion'), 20_000);
    const r = h.command(['SENTINEL', 'MASTER', 'mymaster']);
    expect(mapFields(r)).toEqual([
      ...COMMON.slice(0, 7),
      'failover-state',
      ...COMMON.slice(7, 10),
      's-down-time',
      'o-down-time',
      'down-after-milliseconds',
      ...MASTER_FIELDS.slice(11),
      'notification-script',
      'client-reconfig-script',
    ]);
    expect(mapGet(r, 'failover-state')).toBe('wait_promotion');
    expect(mapGet(r, 'flags')).toBe('s_down,o_down,master,disconnected,failover_in_progress');
  });

  it('SENTINEL REPLICAS (and SLAVES) list replica fields and hide replica-announced 0', () => {
    const w = world();
    const r = w.h.command(['SENTINEL', 'REPLICAS', 'mymaster']);
    expect(items(r)).toHaveLength(2);
    expect(mapFields(items(r)[0]!)).toEqual([
      ...COMMON,
      ...INFO_FIELDS,
      'master-link-down-time',
      'master-link-status',
      'master-host',
      'master-port',
      'slave-priority',
      'slave-repl-offset',
      'replica-announced',
    ]);
    expect(mapGet(items(r)[0]!, 'flags')).toBe('slave');
    expect(mapGet(items(r)[0]!, 'master-link-status')).toBe('ok');
    w.r2.replicaAnnounced = 0;
    w.h.runFor(11_000);
    expect(items(w.h.command(['SENTINEL', 'SLAVES', 'mymaster']))).toHaveLength(1);
  });

  it('SENTINEL SENTINELS lists peer fields', () => {
    const { h } = world();
    const r = items(h.command(['SENTINEL', 'SENTINELS', 'mymaster']));
    expect(r).toHaveLength(2);
    expect(mapFields(r[0]!)).toEqual([...COMMON, 'last-hello-message', 'voted-leader', 'voted-leader-epoch']);
    expect(mapGet(r[0]!, 'name')).toBe(PEER1);
    expect(mapGet(r[0]!, 'voted-leader')).toBe('?');
    expect(mapGet(r[0]!, 'flags')).toBe('sentinel');
  });

  it('SENTINEL MASTERS lists every master', () => {
    const { h } = world();
    expect(items(h.command(['SENTINEL', 'MASTERS'])).map((m) => mapGet(m, 'name'))).toEqual(['mymaster']);
  });
});

describe('SENTINEL subcommands (§12)', () => {
  it('unknown master names give the standard errors; GET-MASTER-ADDR-BY-NAME gives a null array', () => {
    const h = new Harness();
    for (const sub of ['MASTER', 'REPLICAS', 'SLAVES', 'SENTINELS', 'FAILOVER', 'CKQUORUM', 'REMOVE']) {
      expect(h.command(['SENTINEL', sub, 'nope'])).toEqual({
        kind: 'error',
        text: 'ERR No such master with that name',
      });
    }
    expect(h.command(['SENTINEL', 'get-master-addr-by-name', 'nope'])).toEqual({ kind: 'null', array: true });
  });

  it('arity errors name sentinel|<sub>; unknown subcommands suggest SENTINEL HELP', () => {
    const h = new Harness();
    expect(h.command(['SENTINEL', 'MASTER'])).toEqual({
      kind: 'error',
      text: "ERR wrong number of arguments for 'sentinel|master' command",
    });
    expect(h.command(['SENTINEL', 'set', 'mymaster', 'quorum'])).toEqual({
      kind: 'error',
      text: "ERR wrong number of arguments for 'sentinel|set' command",
    });
    expect(h.command(['SENTINEL', 'masters', 'x'])).toMatchObject({
      text: "ERR wrong number of arguments for 'sentinel|masters' command",
    });
    expect(h.command(['SENTINEL'])).toMatchObject({
      text: "ERR wrong number of arguments for 'sentinel' command",
    });
    expect(h.command(['SENTINEL', 'bogus'])).toEqual({
      kind: 'error',
      text: "ERR unknown subcommand 'bogus'. Try SENTINEL HELP.",
    });
    expect(h.command(['SAVE'])).toEqual({
      kind: 'error',
      text: "ERR unknown command 'SAVE', with args beginning with: ",
    });
    expect(h.command(['BLPOP', 'a', '0'])).toMatchObject({
      text: "ERR unknown command 'BLPOP', with args beginning with: 'a' '0' ",
    });
  });

  it('IS-MASTER-DOWN-BY-ADDR rejects non-integer port and epoch', () => {
    const h = new Harness();
    const e = { kind: 'error', text: 'ERR value is not an integer or out of range' };
    expect(h.command(['SENTINEL', 'is-master-down-by-addr', '10.0.0.1', 'x', '1', '*'])).toEqual(e);
    expect(h.command(['SENTINEL', 'is-master-down-by-addr', '10.0.0.1', '6379', '1.5', '*'])).toEqual(e);
  });

  it('SENTINEL FAILOVER without a suitable replica answers NOGOODSLAVE', () => {
    const h = new Harness();
    h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
    h.runFor(500);
    expect(h.command(['SENTINEL', 'FAILOVER', 'mymaster'])).toEqual({
      kind: 'error',
      text: 'NOGOODSLAVE No suitable replica to promote',
    });
  });

  it('CKQUORUM reports usable Sentinels and the reasons it fails', () => {
    const w = world();
    expect(w.h.command(['SENTINEL', 'CKQUORUM', 'mymaster'])).toEqual({
      kind: 'status',
      text: 'OK 3 usable Sentinels. Quorum and failover authorization can be reached',
    });
    w.h.command(['SENTINEL', 'SET', 'mymaster', 'quorum', '4']);
    w.h.crash(w.p1, 'silent');
    w.h.crash(w.p2, 'silent');
    w.h.runFor(7000);
    expect(w.h.command(['SENTINEL', 'CKQUORUM', 'mymaster'])).toEqual({
      kind: 'error',
      text:
        'NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified quorum for this master. ' +
        'Not enough available Sentinels to reach the majority and authorize a failover',
    });
  });

  it('RESET drops replicas and peers of matching masters and returns how many', () => {
    const w = world();
    expect(w.h.command(['SENTINEL', 'RESET', 'my*'])).toEqual({ kind: 'int', value: 1 });
    expect(w.h.command(['SENTINEL', 'RESET', 'zzz'])).toEqual({ kind: 'int', value: 0 });
    const m = w.h.s.master('mymaster')!;
    expect(m.slaves.size).toBe(0);
    expect(m.sentinels.size).toBe(0);
    expect(w.h.first('+reset-master')!.message).toBe('master mymaster 10.0.0.1 6379');
    w.h.runFor(11_000);
    expect(m.slaves.size).toBe(2); // rediscovered from the next INFO (info_refresh is not reset)
  });

  it('MONITOR validates its arguments in order and creates the master', () => {
    const h = new Harness();
    const c = (...a: string[]) => h.command(['SENTINEL', 'MONITOR', ...a]);
    expect(c('m2', '10.0.0.5', '6379', 'x')).toEqual({ kind: 'error', text: 'ERR Invalid quorum' });
    expect(c('m2', '10.0.0.5', 'x', '2')).toEqual({ kind: 'error', text: 'ERR Invalid port' });
    expect(c('m2', '10.0.0.5', '6379', '0')).toEqual({
      kind: 'error',
      text: 'ERR Quorum must be 1 or greater.',
    });
    expect(c('m2', 'redis.local', '6379', '2')).toEqual({
      kind: 'error',
      text: 'ERR Invalid IP address or hostname specified',
    });
    expect(c('mymaster', '10.0.0.5', '6379', '2')).toEqual({
      kind: 'error',
      text: 'ERR Duplicate master name.',
    });
    expect(c('m2', '10.0.0.5', '70000', '2')).toEqual({ kind: 'error', text: 'ERR Invalid port number.' });
    expect(c('m2', '10.0.0.5', '6379', '2')).toEqual({ kind: 'status', text: 'OK' });
    expect(h.events.at(-1)).toMatchObject({ type: '+monitor', message: 'master m2 10.0.0.5 6379 quorum 2' });
    const m = h.s.master('m2')!;
    expect([m.downAfterMs, m.failoverTimeoutMs]).toEqual([30_000, 180_000]);
    expect(h.effects.at(-2)).toMatchObject({ kind: 'persist' });
    expect(h.effects.at(-1)).toMatchObject({ kind: 'master-addr', master: 'm2' });
  });

  it('REMOVE emits -monitor, forgets the master and reports a null address', () => {
    const h = new Harness();
    expect(h.command(['SENTINEL', 'REMOVE', 'mymaster'])).toEqual({ kind: 'status', text: 'OK' });
    expect(h.first('-monitor')!.message).toBe('master mymaster 10.0.0.1 6379');
    expect(h.s.master('mymaster')).toBeUndefined();
    expect(h.effects.at(-1)).toEqual({ kind: 'master-addr', master: 'mymaster', addr: null });
  });

  it('SET applies options left to right, emits +set per option and stops at the first error', () => {
    const h = new Harness();
    const r = h.command([
      'SENTINEL',
      'SET',
      'mymaster',
      'quorum',
      '3',
      'auth-pass',
      'secret',
      'failover-timeout',
      '-1',
    ]);
    expect(r).toEqual({
      kind: 'error',
      text: "ERR Invalid argument '-1' for SENTINEL SET 'failover-timeout'",
    });
    const m = h.s.master('mymaster')!;
    expect([m.quorum, m.authPass, m.failoverTimeoutMs]).toEqual([3, 'secret', 10_000]);
    expect(h.events.filter((e) => e.type === '+set').map((e) => e.message)).toEqual([
      'master mymaster 10.0.0.1 6379 quorum 3',
      'master mymaster 10.0.0.1 6379 auth-pass ******',
    ]);
    expect(h.effects.some((e) => e.kind === 'persist')).toBe(true);
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'bogus', '1'])).toEqual({
      kind: 'error',
      text: "ERR Unknown option or number of arguments for SENTINEL SET 'bogus'",
    });
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'notification-script', '/x'])).toEqual({
      kind: 'error',
      text:
        'ERR Reconfiguration of scripts path is denied for security reasons. Check the deny-scripts-reconfig ' +
        'configuration directive in your Sentinel configuration',
    });
    expect(
      h.command([
        'SENTINEL',
        'SET',
        'mymaster',
        'down-after-milliseconds',
        '1234',
        'rename-command',
        'PING',
        'P2',
      ]),
    ).toEqual({ kind: 'status', text: 'OK' });
    expect(m.downAfterMs).toBe(1234);
    expect(h.events.at(-1)!.message).toBe('master mymaster 10.0.0.1 6379 rename-command PING P2');
    expect(h.s.toConf().masters[0]!.renameCommands).toEqual([['PING', 'P2']]);
  });

  it('CONFIG GET matches glob patterns in a fixed order; CONFIG SET validates everything first', () => {
    const h = new Harness();
    const r = h.command(['SENTINEL', 'CONFIG', 'GET', '*host*', 'announce-*']);
    expect(r).toEqual({
      kind: 'map',
      entries: [
        ['resolve-hostnames', { kind: 'bulk', value: 'no' }],
        ['announce-hostnames', { kind: 'bulk', value: 'no' }],
        ['announce-ip', { kind: 'bulk', value: '' }],
        ['announce-port', { kind: 'bulk', value: '0' }],
      ],
    });
    const set = (...a: string[]) => h.command(['SENTINEL', 'CONFIG', 'SET', ...a]);
    expect(set('announce-ip', '1.1.1.1', 'bogus', 'x')).toEqual({
      kind: 'error',
      text: "ERR Invalid argument 'bogus' to SENTINEL CONFIG SET",
    });
    expect(h.command(['SENTINEL', 'CONFIG', 'GET', 'announce-ip'])).toMatchObject({
      entries: [['announce-ip', { kind: 'bulk', value: '' }]],
    });
    expect(set('loglevel', 'debug', 'loglevel', 'notice')).toMatchObject({
      text: "ERR Duplicate argument 'loglevel' to SENTINEL CONFIG SET",
    });
    expect(set('announce-ip')).toMatchObject({ text: "ERR Missing argument 'announce-ip' value" });
    expect(set('announce-port', '99999')).toMatchObject({
      text: "ERR Invalid value '99999' to SENTINEL CONFIG SET 'announce-port'",
    });
    expect(set('announce-ip', '1.1.1.1', 'announce-port', '7000')).toEqual({ kind: 'status', text: 'OK' });
    expect(h.s.toConf()).toMatchObject({ announceIp: '1.1.1.1', announcePort: 7000 });
  });

  it('MYID, FLUSHCONFIG, ROLE, PING and HELP', () => {
    const h = new Harness();
    expect(h.command(['SENTINEL', 'MYID'])).toEqual({ kind: 'bulk', value: MYID });
    const before = h.effects.length;
    expect(h.command(['SENTINEL', 'FLUSHCONFIG'])).toEqual({ kind: 'status', text: 'OK' });
    expect(h.effects.slice(before).map((e) => e.kind)).toEqual(['persist']);
    expect(h.command(['ROLE'])).toEqual({
      kind: 'array',
      items: [
        { kind: 'bulk', value: 'sentinel' },
        { kind: 'array', items: [{ kind: 'bulk', value: 'mymaster' }] },
      ],
    });
    expect(h.command(['PING'])).toEqual({ kind: 'status', text: 'PONG' });
    const help = items(h.command(['SENTINEL', 'HELP']));
    expect(help[0]).toMatchObject({ kind: 'bulk', value: expect.stringContaining('SENTINEL <subcommand> ') });
  });

  it('DEBUG lists the 13 timing parameters in order and updates them', () => {
    const h = new Harness();
    const r = h.command(['SENTINEL', 'DEBUG']);
    expect(mapFields(r)).toEqual([
      'INFO-PERIOD',
      'PING-PERIOD',
      'ASK-PERIOD',
      'PUBLISH-PERIOD',
      'DEFAULT-DOWN-AFTER',
      'DEFAULT-FAILOVER-TIMEOUT',
      'TILT-TRIGGER',
      'TILT-PERIOD',
      'SLAVE-RECONF-TIMEOUT',
      'MIN-LINK-RECONNECT-PERIOD',
      'ELECTION-TIMEOUT',
      'SCRIPT-MAX-RUNTIME',
      'SCRIPT-RETRY-DELAY',
    ]);
    expect(mapGet(r, 'TILT-PERIOD')).toBe('30000');
    expect(h.command(['SENTINEL', 'DEBUG', 'ping-period', '500'])).toEqual({ kind: 'status', text: 'OK' });
    expect(mapGet(h.command(['SENTINEL', 'DEBUG']), 'PING-PERIOD')).toBe('500');
    expect(h.command(['SENTINEL', 'DEBUG', 'ping-period', '0'])).toEqual({
      kind: 'error',
      text: "ERR Invalid argument '0' for SENTINEL DEBUG 'ping-period'",
    });
    expect(h.command(['SENTINEL', 'DEBUG', 'nope', '1'])).toEqual({
      kind: 'error',
      text: "ERR Unknown option or number of arguments for SENTINEL DEBUG 'nope'",
    });
  });

  it('SIMULATE-FAILURE accepts the two flags, answers help, and rejects others', () => {
    const h = new Harness();
    expect(h.command(['SENTINEL', 'SIMULATE-FAILURE', 'help'])).toEqual({
      kind: 'array',
      items: [
        { kind: 'bulk', value: 'crash-after-election' },
        { kind: 'bulk', value: 'crash-after-promotion' },
      ],
    });
    expect(
      h.command(['SENTINEL', 'SIMULATE-FAILURE', 'crash-after-election', 'crash-after-promotion']),
    ).toEqual({
      kind: 'status',
      text: 'OK',
    });
    expect(h.command(['INFO', 'sentinel'])).toMatchObject({
      value: expect.stringContaining('sentinel_simulate_failure_flags:3'),
    });
    expect(h.command(['SENTINEL', 'SIMULATE-FAILURE', 'x'])).toEqual({
      kind: 'error',
      text: 'ERR Unknown failure simulation specified',
    });
  });

  it('INFO-CACHE returns [name, [[age, info] for master and replicas]] and renders INFO text', () => {
    const w = world();
    const r = items(w.h.command(['SENTINEL', 'INFO-CACHE', 'mymaster', 'nope']));
    expect(r).toHaveLength(2);
    expect(r[0]).toEqual({ kind: 'bulk', value: 'mymaster' });
    const entries = items(r[1]!);
    expect(entries).toHaveLength(3);
    const [age, text] = items(entries[0]!);
    expect(age!.kind).toBe('int');
    expect(text).toMatchObject({ kind: 'bulk', value: expect.stringContaining('role:master\r\n') });
  });

  it('INFO in sentinel mode has the sentinel section lines of §12', () => {
    const w = world();
    const r = w.h.command(['INFO']);
    if (r.kind !== 'bulk') throw new Error('bulk');
    expect(r.value).toContain('# Server\r\n');
    expect(r.value).toContain(
      '# Sentinel\r\nsentinel_masters:1\r\nsentinel_tilt:0\r\nsentinel_tilt_since_seconds:-1\r\n' +
        'sentinel_running_scripts:0\r\nsentinel_scripts_queue_length:0\r\nsentinel_simulate_failure_flags:0\r\n' +
        'master0:name=mymaster,status=ok,address=10.0.0.1:6379,slaves=2,sentinels=3\r\n',
    );
    const only = w.h.command(['INFO', 'sentinel']);
    expect(only.kind === 'bulk' && only.value.startsWith('# Sentinel')).toBe(true);
  });

  it('PENDING-SCRIPTS lists queued scripts with argv, flags, pid, run-time and retry-num', () => {
    const w = standardWorld({}, { notificationScript: '/n.sh' });
    w.h.runFor(1000);
    w.h.crash(w.master, 'reset');
    w.h.runUntil(() => w.h.has('+sdown'), 10_000);
    const r = items(w.h.command(['SENTINEL', 'PENDING-SCRIPTS']));
    expect(r.length).toBeGreaterThan(0);
    expect(mapFields(r[0]!)).toEqual(['argv', 'flags', 'pid', 'run-time', 'retry-num']);
  });
});

describe('SENTINEL SET scripts (§1.3)', () => {
  it('with deny-scripts-reconfig no, a path the driver says is not executable is refused; empty clears', () => {
    const h = new Harness({
      conf: sentinelConf({ denyScriptsReconfig: false }),
      options: { scriptExecutable: (p) => p === '/ok.sh' },
    });
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'notification-script', '/missing.sh'])).toEqual({
      kind: 'error',
      text: 'ERR Notification script seems non existing or non executable',
    });
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'client-reconfig-script', '/missing.sh'])).toEqual({
      kind: 'error',
      text: 'ERR Client reconfiguration script seems non existing or non executable',
    });
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'notification-script', '/ok.sh'])).toEqual({
      kind: 'status',
      text: 'OK',
    });
    expect(h.s.master('mymaster')!.notificationScript).toBe('/ok.sh');
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'notification-script', ''])).toEqual({
      kind: 'status',
      text: 'OK',
    });
    expect(h.s.master('mymaster')!.notificationScript).toBeNull();
  });
});

describe('connection events (§13.2)', () => {
  it('a closed command connection is logged as a debug -cmd-link-reconnection event with the reason', () => {
    const h = new Harness();
    h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
    h.tick();
    const cc = [...h.conns.entries()].find(([, c]) => c.purpose === 'cmd')![0];
    h.s.handleClosed(h.nowMs, cc, 'Connection reset by peer');
    h.pump();
    const e = h.effects.find((x) => x.kind === 'event' && x.type === '-cmd-link-reconnection');
    expect(e).toEqual({
      kind: 'event',
      level: 'debug',
      type: '-cmd-link-reconnection',
      message: 'master mymaster 10.0.0.1 6379 #Connection reset by peer',
    });
  });
});
