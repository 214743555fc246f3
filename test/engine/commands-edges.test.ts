// §12 edges the main command tests leave open: the connection-level commands (PING, AUTH, HELLO, CLIENT,
// COMMAND, PUBLISH), INFO section selection, IS-MASTER-DOWN-BY-ADDR answers (§6.3), CKQUORUM boundaries,
// INFO-CACHE ages, and SENTINEL SET / CONFIG SET / DEBUG per option.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/io.js';
import { F } from '../../src/engine/instance.js';
import { Harness, introducePeers, MYID, PEER1, sentinelConf, standardWorld } from './harness.js';

const OK = { kind: 'status', text: 'OK' };
const e = (text: string) => ({ kind: 'error', text });

function items(r: Reply): Reply[] {
  if (r.kind !== 'array') throw new Error(`expected array, got ${JSON.stringify(r)}`);
  return [...r.items];
}

function text(r: Reply): string {
  if (r.kind !== 'bulk') throw new Error(`expected bulk, got ${JSON.stringify(r)}`);
  return r.value;
}

describe('connection-level commands (§12)', () => {
  it('an empty command, a wrong arity and the connection-layer commands give their errors', () => {
    const h = new Harness();
    expect(h.command([])).toEqual(e('ERR empty command'));
    expect(h.command(['ROLE', 'x'])).toEqual(e("ERR wrong number of arguments for 'role' command"));
    expect(h.command(['PUBLISH', 'c'])).toEqual(e("ERR wrong number of arguments for 'publish' command"));
    expect(h.command(['PING', 'a', 'b'])).toEqual(e("ERR wrong number of arguments for 'ping' command"));
    expect(h.command(['ping', 'hi'])).toEqual({ kind: 'bulk', value: 'hi' });
    expect(h.command(['acl', 'whoami'])).toEqual(
      e('ERR ACL is handled by the connection layer, not the Sentinel engine'),
    );
    expect(h.command(['SHUTDOWN'])).toEqual(
      e('ERR SHUTDOWN is handled by the connection layer, not the Sentinel engine'),
    );
  });

  it('AUTH without a configured password fails; with one it checks the last argument', () => {
    const none = new Harness();
    expect(none.command(['AUTH', 'x'])).toEqual(
      e(
        'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
      ),
    );
    const h = new Harness({ conf: sentinelConf({ requirepass: 's3cret' }) });
    expect(h.command(['AUTH', 's3cret'])).toEqual(OK);
    expect(h.command(['AUTH', 'default', 's3cret'])).toEqual(OK);
    expect(h.command(['AUTH', 's3cret', 'x'])).toEqual(
      e('WRONGPASS invalid username-password pair or user is disabled.'),
    );
    expect(h.command(['AUTH', 'a', 'b', 'c'])).toEqual(e("ERR wrong number of arguments for 'auth' command"));
  });

  it('HELLO answers the server map with the negotiated protocol, or a protocol error', () => {
    const h = new Harness();
    const map = (proto: number) => ({
      kind: 'map',
      entries: [
        ['server', { kind: 'bulk', value: 'redis' }],
        ['version', { kind: 'bulk', value: '7.2.4' }],
        ['proto', { kind: 'int', value: proto }],
        ['id', { kind: 'int', value: 0 }],
        ['mode', { kind: 'bulk', value: 'sentinel' }],
        ['role', { kind: 'bulk', value: 'master' }],
        ['modules', { kind: 'array', items: [] }],
      ],
    });
    expect(h.command(['HELLO'], 2)).toEqual(map(2));
    expect(h.command(['HELLO'], 3)).toEqual(map(3));
    expect(h.command(['HELLO', '3'], 2)).toEqual(map(3));
    expect(h.command(['HELLO', '2'], 3)).toEqual(map(2));
    expect(h.command(['HELLO', 'x'])).toEqual(e('ERR Protocol version is not an integer or out of range'));
    expect(h.command(['HELLO', '4'])).toEqual(e('NOPROTO unsupported protocol version'));
    expect(h.command(['HELLO', '1'])).toEqual(e('NOPROTO unsupported protocol version'));
  });

  it('CLIENT and COMMAND answer what clients probe for', () => {
    const h = new Harness();
    expect(h.command(['CLIENT', 'SETNAME', 'x'])).toEqual(OK);
    expect(h.command(['client', 'setinfo', 'lib-name', 'x'])).toEqual(OK);
    expect(h.command(['CLIENT', 'GETNAME'])).toEqual({ kind: 'null' });
    expect(h.command(['CLIENT', 'ID'])).toEqual({ kind: 'int', value: 0 });
    expect(h.command(['CLIENT', 'NO-TOUCH', 'on'])).toEqual(
      e("ERR unknown subcommand 'NO-TOUCH'. Try CLIENT HELP."),
    );
    expect(h.command(['COMMAND', 'COUNT'])).toEqual({ kind: 'int', value: 0 });
    expect(h.command(['COMMAND'])).toEqual({ kind: 'array', items: [] });
    expect(h.command(['COMMAND', 'DOCS'])).toEqual({ kind: 'array', items: [] });
  });

  it('PUBLISH takes only hellos on the hello channel, which are processed (§9.3)', () => {
    const w = standardWorld();
    w.h.runFor(500);
    expect(w.h.command(['PUBLISH', 'news', 'x'])).toEqual(
      e('ERR Only HELLO messages are accepted by Sentinel instances.'),
    );
    const hello = ['10.0.0.11', 26379, PEER1, 0, 'mymaster', '10.0.0.1', 6379, 0].join(',');
    expect(w.h.command(['PUBLISH', '__sentinel__:hello', hello])).toEqual({ kind: 'int', value: 1 });
    expect(w.h.s.master('mymaster')!.sentinels.has(PEER1)).toBe(true);
  });
});

describe('INFO sections (§12)', () => {
  it('the server section names the run id, port and hz; sections print in a fixed order', () => {
    const h = new Harness();
    const hz = h.s.nextTickDelayMs() > 0 ? Math.round(1000 / h.s.nextTickDelayMs()) : 0;
    const server = text(h.command(['INFO', 'server']));
    expect(server).toBe(
      `# Server\r\nredis_version:7.2.4\r\nredis_mode:sentinel\r\nrun_id:${MYID}\r\ntcp_port:26379\r\nhz:${hz}\r\n`,
    );
    expect(text(h.command(['INFO', 'CLIENTS']))).toBe('# Clients\r\n');
    expect(text(h.command(['INFO', 'memory']))).toBe('');
    expect(text(h.command(['INFO', 'stats', 'cpu']))).toBe('# CPU\r\n\r\n# Stats\r\n');
    const all = text(h.command(['INFO']));
    for (const arg of ['all', 'default', 'everything', 'ALL'])
      expect(text(h.command(['INFO', arg]))).toBe(all);
    expect(all.split('\r\n').filter((l) => l.startsWith('# '))).toEqual([
      '# Server',
      '# Clients',
      '# CPU',
      '# Stats',
      '# Sentinel',
    ]);
  });

  it('the sentinel section shows TILT with whole seconds since entry and each master status', () => {
    const w = standardWorld();
    const { h } = w;
    h.runFor(1000);
    h.nowMs += 5000; // a 5 s jump between ticks enters TILT (§11)
    h.tick();
    expect(h.s.tilt).toBe(true);
    h.runFor(2600);
    const since = Math.floor((h.nowMs - h.first('+tilt')!.atMs) / 1000);
    expect(since).toBeGreaterThanOrEqual(2);
    expect(text(h.command(['INFO', 'sentinel']))).toContain(
      `sentinel_tilt:1\r\nsentinel_tilt_since_seconds:${since}\r\n`,
    );
    const v = standardWorld();
    v.h.runFor(1000);
    v.h.crash(v.master, 'silent');
    v.h.runUntil(() => v.h.has('+sdown'), 10_000);
    expect(text(v.h.command(['INFO', 'sentinel']))).toContain('master0:name=mymaster,status=sdown,');
    const m = v.h.s.master('mymaster')! as { flags: number };
    m.flags |= F.O_DOWN;
    expect(text(v.h.command(['INFO', 'sentinel']))).toContain('master0:name=mymaster,status=odown,');
  });
});

describe('IS-MASTER-DOWN-BY-ADDR replies (§6.3)', () => {
  const ask = (h: Harness, host: string, port: string, epoch: string, runid: string) =>
    h.command(['SENTINEL', 'is-master-down-by-addr', host, port, epoch, runid]);
  const reply = (down: number, leader: string, epoch: number) => ({
    kind: 'array',
    items: [
      { kind: 'int', value: down },
      { kind: 'bulk', value: leader },
      { kind: 'int', value: epoch },
    ],
  });

  it('an unknown address answers not down and no vote; * only asks for the state', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    expect(ask(w.h, '10.0.0.9', '6379', '1', PEER1)).toEqual(reply(0, '*', 0));
    expect(ask(w.h, '10.0.0.1', '6380', '1', PEER1)).toEqual(reply(0, '*', 0));
    expect(ask(w.h, '10.0.0.1', '6379', '1', '*')).toEqual(reply(0, '*', 0));
    expect(w.h.s.currentEpoch).toBe(0);
  });

  it('a request with a run id gets a vote for the requested epoch, and S_DOWN is reported as 1', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    expect(ask(w.h, '10.0.0.1', '6379', '1', PEER1)).toEqual(reply(0, PEER1, 1));
    w.h.crash(w.master, 'silent');
    w.h.runUntil(() => w.h.has('+sdown'), 10_000);
    expect(ask(w.h, '10.0.0.1', '6379', '1', '*')).toEqual(reply(1, '*', 0));
    // One vote per epoch: a second requester in epoch 1 gets the first one's name.
    expect(ask(w.h, '10.0.0.1', '6379', '1', 'd'.repeat(40))).toEqual(reply(1, PEER1, 1));
  });

  it('in TILT the master is reported not down but the vote is still cast ([quirk] §6.3)', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    w.h.crash(w.master, 'silent');
    w.h.runUntil(() => w.h.has('+sdown'), 10_000);
    w.h.nowMs += 5000;
    w.h.tick();
    expect(w.h.s.tilt).toBe(true);
    expect(ask(w.h, '10.0.0.1', '6379', '2', PEER1)).toEqual(reply(0, PEER1, 2));
    expect(w.h.s.marks.get('vote: cast while in TILT')).toBeGreaterThan(0);
  });
});

describe('CKQUORUM boundaries (§12)', () => {
  it('usable equal to the quorum and to the majority is enough; one short of the majority is not', () => {
    const w = standardWorld({}, { quorum: 3 });
    w.h.runFor(1000);
    introducePeers(w.h, [w.p1, w.p2]);
    expect(w.h.command(['SENTINEL', 'CKQUORUM', 'mymaster'])).toEqual({
      kind: 'status',
      text: 'OK 3 usable Sentinels. Quorum and failover authorization can be reached',
    });
    w.h.command(['SENTINEL', 'SET', 'mymaster', 'quorum', '1']);
    w.h.crash(w.p1, 'silent');
    w.h.crash(w.p2, 'silent');
    w.h.runUntil(() => w.h.events.filter((x) => x.type === '+sdown').length === 2, 20_000);
    // 3 voters, 1 usable: the quorum of 1 is reachable, the majority of 2 is not.
    expect(w.h.command(['SENTINEL', 'CKQUORUM', 'mymaster'])).toEqual(
      e(
        'NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the majority and authorize a failover',
      ),
    );
  });

  it('a quorum above the usable count fails on the quorum alone when the majority is there', () => {
    const w = standardWorld({}, { quorum: 4 });
    w.h.runFor(1000);
    introducePeers(w.h, [w.p1, w.p2]);
    expect(w.h.command(['SENTINEL', 'CKQUORUM', 'mymaster'])).toEqual(
      e(
        'NOQUORUM 3 usable Sentinels. Not enough available Sentinels to reach the specified quorum for this master',
      ),
    );
  });
});

describe('INFO-CACHE ages and SENTINEL FAILOVER', () => {
  it('ages are ms since the last INFO, 0 for a master never refreshed (also for its replicas, [quirk])', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    const m = w.h.s.master('mymaster')!;
    const r = items(w.h.command(['SENTINEL', 'INFO-CACHE', 'mymaster', 'mymaster']));
    expect(r).toHaveLength(2);
    const entries = items(r[1]!);
    expect(entries).toHaveLength(3);
    const age = (i: number) => items(entries[i]!)[0];
    expect(age(0)).toEqual({ kind: 'int', value: w.h.nowMs - m.infoRefreshMs });
    const r1 = m.slaves.get('10.0.0.2:6379')!;
    expect(age(1)).toEqual({ kind: 'int', value: w.h.nowMs - r1.infoRefreshMs });
    expect(items(entries[1]!)[1]).toMatchObject({
      kind: 'bulk',
      value: expect.stringContaining('role:slave'),
    });
    // A master whose INFO never arrived: every age is 0 and the info is null.
    const h = new Harness();
    h.command(['SENTINEL', 'MONITOR', 'm2', '10.0.0.50', '6379', '1']);
    const c = items(h.command(['SENTINEL', 'INFO-CACHE', 'm2']));
    expect(c).toEqual([
      { kind: 'bulk', value: 'm2' },
      { kind: 'array', items: [{ kind: 'array', items: [{ kind: 'int', value: 0 }, { kind: 'null' }] }] },
    ]);
  });

  it('a manual failover starts at once with FORCE_FAILOVER; a second one is INPROG', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    expect(w.h.command(['SENTINEL', 'FAILOVER', 'mymaster'])).toEqual(OK);
    const m = w.h.s.master('mymaster')!;
    expect(m.flags & F.FORCE_FAILOVER).not.toBe(0);
    expect(m.flags & F.FAILOVER_IN_PROGRESS).not.toBe(0);
    expect(w.h.s.currentEpoch).toBe(1);
    expect(w.h.command(['SENTINEL', 'FAILOVER', 'mymaster'])).toEqual(
      e('INPROG Failover already in progress'),
    );
  });
});

describe('SENTINEL SET per option (§1.3)', () => {
  it('every numeric option is applied and reported; zero or junk values are refused', () => {
    const w = standardWorld();
    const { h } = w;
    h.runFor(1000);
    introducePeers(h, [w.p1, w.p2]);
    const set = (...a: string[]) => h.command(['SENTINEL', 'SET', 'mymaster', ...a]);
    expect(
      set(
        'down-after-milliseconds',
        '700',
        'failover-timeout',
        '9000',
        'parallel-syncs',
        '3',
        'quorum',
        '1',
        'master-reboot-down-after-period',
        '0',
      ),
    ).toEqual(OK);
    const m = h.s.master('mymaster')!;
    expect([
      m.downAfterMs,
      m.failoverTimeoutMs,
      m.parallelSyncs,
      m.quorum,
      m.masterRebootDownAfterMs,
    ]).toEqual([700, 9000, 3, 1, 0]);
    expect([...m.slaves.values()].map((r) => r.downAfterMs)).toEqual([700, 700]);
    expect([...m.sentinels.values()].map((p) => p.downAfterMs)).toEqual([700, 700]);
    expect(set('master-reboot-down-after-period', '250')).toEqual(OK);
    expect(m.masterRebootDownAfterMs).toBe(250);
    for (const opt of ['down-after-milliseconds', 'failover-timeout', 'parallel-syncs', 'quorum']) {
      expect(set(opt, '0'), opt).toEqual(e(`ERR Invalid argument '0' for SENTINEL SET '${opt}'`));
      expect(set(opt, 'x'), opt).toEqual(e(`ERR Invalid argument 'x' for SENTINEL SET '${opt}'`));
    }
    expect(set('master-reboot-down-after-period', '-1')).toEqual(
      e("ERR Invalid argument '-1' for SENTINEL SET 'master-reboot-down-after-period'"),
    );
    expect([m.downAfterMs, m.failoverTimeoutMs, m.parallelSyncs, m.quorum]).toEqual([700, 9000, 3, 1]);
    expect(
      h.events.filter((x) => x.type === '+set').map((x) => x.message.split(' ').slice(4).join(' ')),
    ).toEqual([
      'down-after-milliseconds 700',
      'failover-timeout 9000',
      'parallel-syncs 3',
      'quorum 1',
      'master-reboot-down-after-period 0',
      'master-reboot-down-after-period 250',
    ]);
  });

  it('an option missing its value is unknown; a failure after applied options still persists them', () => {
    const h = new Harness();
    const persists = () => h.effects.filter((x) => x.kind === 'persist').length;
    const before = persists();
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'quorum'])).toEqual(
      e("ERR wrong number of arguments for 'sentinel|set' command"),
    );
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'quorum', '2', 'failover-timeout'])).toEqual(
      e("ERR Unknown option or number of arguments for SENTINEL SET 'failover-timeout'"),
    );
    expect(persists()).toBe(before + 1);
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'quorum', '0'])).toEqual(
      e("ERR Invalid argument '0' for SENTINEL SET 'quorum'"),
    );
    expect(persists()).toBe(before + 1);
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'rename-command', 'PING'])).toEqual(
      e("ERR Unknown option or number of arguments for SENTINEL SET 'rename-command'"),
    );
  });

  it('auth-user is shown, auth-pass is masked; both drop the master and replica links; empty unsets', () => {
    const w = standardWorld();
    const { h } = w;
    h.runFor(1000);
    const closes = () => h.effects.filter((x) => x.kind === 'close').length;
    const before = closes();
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'auth-user', 'bob', 'auth-pass', 'pw'])).toEqual(OK);
    expect(closes()).toBeGreaterThan(before);
    const m = h.s.master('mymaster')!;
    expect([m.authUser, m.authPass]).toEqual(['bob', 'pw']);
    expect(h.events.filter((x) => x.type === '+set').map((x) => x.message)).toEqual([
      'master mymaster 10.0.0.1 6379 auth-user bob',
      'master mymaster 10.0.0.1 6379 auth-pass ******',
    ]);
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'auth-user', '', 'auth-pass', ''])).toEqual(OK);
    expect([m.authUser, m.authPass]).toEqual([null, null]);
  });

  it('rename-command with equal names (any case) removes the rename; empty names are refused', () => {
    const h = new Harness();
    const set = (...a: string[]) => h.command(['SENTINEL', 'SET', 'mymaster', ...a]);
    expect(set('rename-command', 'CONFIG', 'CFG', 'rename-command', 'ping', 'P2')).toEqual(OK);
    expect(h.s.toConf().masters[0]!.renameCommands).toEqual([
      ['CONFIG', 'CFG'],
      ['ping', 'P2'],
    ]);
    expect(set('rename-command', 'config', 'Config')).toEqual(OK);
    expect(h.s.toConf().masters[0]!.renameCommands).toEqual([['ping', 'P2']]);
    expect(set('rename-command', '', 'X')).toEqual(
      e("ERR Invalid argument '' for SENTINEL SET 'rename-command'"),
    );
    expect(set('rename-command', 'X', '')).toEqual(
      e("ERR Invalid argument '' for SENTINEL SET 'rename-command'"),
    );
    expect(set('rename-command', 'A', 'B', 'quorum', '5')).toEqual(OK);
    expect(h.s.master('mymaster')!.quorum).toBe(5);
  });

  it('script paths can be cleared with an empty value when reconfiguration is allowed', () => {
    const h = new Harness({
      conf: sentinelConf({ denyScriptsReconfig: false }),
      options: { scriptExecutable: () => false },
    });
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'client-reconfig-script', ''])).toEqual(OK);
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'notification-script', ''])).toEqual(OK);
    const m = h.s.master('mymaster')!;
    expect([m.notificationScript, m.clientReconfigScript]).toEqual([null, null]);
    const denied = new Harness();
    expect(denied.command(['SENTINEL', 'SET', 'mymaster', 'client-reconfig-script', ''])).toMatchObject({
      text: expect.stringContaining('denied for security reasons'),
    });
  });
});

describe('SENTINEL CONFIG and DEBUG per option (§12, §1.1)', () => {
  it('CONFIG SET applies every option; GET shows the values back', () => {
    const h = new Harness();
    const set = (...a: string[]) => h.command(['SENTINEL', 'CONFIG', 'SET', ...a]);
    expect(
      set(
        'resolve-hostnames',
        'YES',
        'announce-hostnames',
        'yes',
        'announce-port',
        '65535',
        'sentinel-user',
        'u',
        'sentinel-pass',
        'p',
        'loglevel',
        'WARNING',
      ),
    ).toEqual(OK);
    expect(h.command(['SENTINEL', 'CONFIG', 'GET', '*'])).toEqual({
      kind: 'map',
      entries: [
        ['resolve-hostnames', { kind: 'bulk', value: 'yes' }],
        ['announce-hostnames', { kind: 'bulk', value: 'yes' }],
        ['announce-ip', { kind: 'bulk', value: '' }],
        ['announce-port', { kind: 'bulk', value: '65535' }],
        ['sentinel-user', { kind: 'bulk', value: 'u' }],
        ['sentinel-pass', { kind: 'bulk', value: 'p' }],
        ['loglevel', { kind: 'bulk', value: 'warning' }],
      ],
    });
    expect(
      set('resolve-hostnames', 'no', 'sentinel-user', '', 'sentinel-pass', '', 'announce-port', '0'),
    ).toEqual(OK);
    expect(h.command(['SENTINEL', 'CONFIG', 'GET', 'SENTINEL-*', 'resolve*', 'announce-port'])).toEqual({
      kind: 'map',
      entries: [
        ['sentinel-user', { kind: 'bulk', value: '' }],
        ['sentinel-pass', { kind: 'bulk', value: '' }],
        ['resolve-hostnames', { kind: 'bulk', value: 'no' }],
        ['announce-port', { kind: 'bulk', value: '0' }],
      ],
    });
    expect(h.command(['SENTINEL', 'CONFIG', 'GET', 'nothing'])).toEqual({ kind: 'map', entries: [] });
  });

  it('CONFIG SET refuses bad values of each checked option and changes nothing', () => {
    const h = new Harness();
    const set = (...a: string[]) => h.command(['SENTINEL', 'CONFIG', 'SET', ...a]);
    for (const [opt, v] of [
      ['resolve-hostnames', 'maybe'],
      ['announce-hostnames', '1'],
      ['announce-port', '-1'],
      ['announce-port', '65536'],
      ['announce-port', 'x'],
      ['loglevel', 'loud'],
    ] as const) {
      expect(set('announce-ip', '1.2.3.4', opt, v), `${opt} ${v}`).toEqual(
        e(`ERR Invalid value '${v}' to SENTINEL CONFIG SET '${opt}'`),
      );
    }
    expect(h.s.toConf()).toMatchObject({ announceIp: null, loglevel: 'notice', resolveHostnames: false });
    expect(h.command(['SENTINEL', 'CONFIG', 'REWRITE', 'x'])).toEqual(
      e("ERR unknown subcommand 'REWRITE'. Try SENTINEL HELP."),
    );
  });

  it('changing sentinel-user or sentinel-pass drops the links to peers; other options do not', () => {
    const w = standardWorld();
    const { h } = w;
    h.runFor(1000);
    introducePeers(h, [w.p1, w.p2]);
    h.runFor(1000);
    const closes = () => h.effects.filter((x) => x.kind === 'close').length;
    let before = closes();
    h.command(['SENTINEL', 'CONFIG', 'SET', 'loglevel', 'debug', 'announce-ip', '1.2.3.4']);
    expect(closes()).toBe(before);
    before = closes();
    h.command(['SENTINEL', 'CONFIG', 'SET', 'sentinel-pass', 'x']);
    expect(closes()).toBe(before + 2);
    h.runFor(1000);
    before = closes();
    h.command(['SENTINEL', 'CONFIG', 'SET', 'sentinel-user', 'u']);
    expect(closes()).toBe(before + 2);
  });

  it('DEBUG takes case-insensitive keys in pairs and refuses a missing or non-positive value', () => {
    const h = new Harness();
    expect(h.command(['SENTINEL', 'DEBUG', 'Info-Period', '2000', 'ASK-PERIOD', '300'])).toEqual(OK);
    const r = h.command(['SENTINEL', 'DEBUG']);
    if (r.kind !== 'map') throw new Error('map');
    expect(r.entries.slice(0, 3)).toEqual([
      ['INFO-PERIOD', { kind: 'bulk', value: '2000' }],
      ['PING-PERIOD', { kind: 'bulk', value: '1000' }],
      ['ASK-PERIOD', { kind: 'bulk', value: '300' }],
    ]);
    expect(h.command(['SENTINEL', 'DEBUG', 'ask-period'])).toEqual(
      e("ERR Unknown option or number of arguments for SENTINEL DEBUG 'ask-period'"),
    );
    expect(h.command(['SENTINEL', 'DEBUG', 'ask-period', '-5'])).toEqual(
      e("ERR Invalid argument '-5' for SENTINEL DEBUG 'ask-period'"),
    );
    expect(h.command(['SENTINEL', 'DEBUG', 'ask-period', '1'])).toEqual(OK);
  });

  it('SIMULATE-FAILURE replaces the flags on every call and is case-insensitive', () => {
    const h = new Harness();
    const flags = () =>
      /sentinel_simulate_failure_flags:(\d+)/.exec(text(h.command(['INFO', 'sentinel'])))![1];
    h.command(['SENTINEL', 'SIMULATE-FAILURE', 'CRASH-AFTER-ELECTION']);
    expect(flags()).toBe('1');
    h.command(['SENTINEL', 'SIMULATE-FAILURE', 'crash-after-promotion']);
    expect(flags()).toBe('2');
  });
});
