// §12 boundaries found by mutation testing (docs/mutation-testing.md): MONITOR port limits and event
// levels, SET options given without a value, CONFIG SET values that unset, RESET's case-sensitive glob,
// CKQUORUM at exactly a majority, several masters in INFO, and the unknown-command argument cut.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/io.js';
import { unknownCommand } from '../../src/engine/replyutil.js';
import { Harness, introducePeers, mapGet, sentinelConf, standardWorld } from './harness.js';

const OK = { kind: 'status', text: 'OK' };
const e = (text: string) => ({ kind: 'error', text });

function bulkText(r: Reply): string {
  if (r.kind !== 'bulk') throw new Error(`expected bulk, got ${JSON.stringify(r)}`);
  return r.value;
}

describe('SENTINEL MONITOR / REMOVE (§12)', () => {
  it('ports 0 and 65535 are accepted; -1 and 65536 are not', () => {
    const h = new Harness();
    const c = (name: string, port: string) => h.command(['SENTINEL', 'MONITOR', name, '10.0.0.5', port, '2']);
    expect(c('m0', '0')).toEqual(OK);
    expect(c('m1', '65535')).toEqual(OK);
    expect(c('m2', '-1')).toEqual(e('ERR Invalid port number.'));
    expect(c('m3', '65536')).toEqual(e('ERR Invalid port number.'));
    expect([...['m0', 'm1', 'm2', 'm3'].map((n) => h.s.master(n)?.addr.port)]).toEqual([
      0,
      65535,
      undefined,
      undefined,
    ]);
  });

  it('+monitor and -monitor are WARNING events, so they run the notification script (§13.2)', () => {
    const h = new Harness();
    h.command(['SENTINEL', 'MONITOR', 'm2', '10.0.0.5', '6379', '2']);
    h.command(['SENTINEL', 'REMOVE', 'm2']);
    const levels = h.effects.flatMap((x) =>
      x.kind === 'event' && (x.type === '+monitor' || x.type === '-monitor') ? [`${x.type} ${x.level}`] : [],
    );
    expect(levels).toEqual(['+monitor warning', '+monitor warning', '-monitor warning']);
  });

  it('SENTINEL MASTER reports the address as ip and port', () => {
    const w = standardWorld();
    w.h.runFor(500);
    const r = w.h.command(['SENTINEL', 'MASTER', 'mymaster']);
    expect([mapGet(r, 'ip'), mapGet(r, 'port')]).toEqual(['10.0.0.1', '6379']);
  });
});

describe('SENTINEL SET without a value (§12)', () => {
  it('every option given last without its value is an unknown option, after the earlier ones applied', () => {
    const opts = [
      'down-after-milliseconds',
      'failover-timeout',
      'parallel-syncs',
      'notification-script',
      'client-reconfig-script',
      'auth-pass',
      'auth-user',
      'quorum',
      'master-reboot-down-after-period',
    ];
    for (const opt of opts) {
      const h = new Harness({ conf: sentinelConf({ denyScriptsReconfig: false }) });
      expect(h.command(['SENTINEL', 'SET', 'mymaster', 'quorum', '4', opt]), opt).toEqual(
        e(`ERR Unknown option or number of arguments for SENTINEL SET '${opt}'`),
      );
      expect(h.s.master('mymaster')!.quorum).toBe(4);
    }
  });

  it('rename-command needs two values; an unknown option is never read as a rename', () => {
    const h = new Harness();
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'quorum', '3', 'rename-command', 'A'])).toEqual(
      e("ERR Unknown option or number of arguments for SENTINEL SET 'rename-command'"),
    );
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'bogus', 'a', 'b'])).toEqual(
      e("ERR Unknown option or number of arguments for SENTINEL SET 'bogus'"),
    );
    expect(
      h.command(['SENTINEL', 'SET', 'mymaster', 'master-reboot-down-after-period', '5', 'quorum', '2']),
    ).toEqual(OK);
    const m = h.s.master('mymaster')!;
    expect([m.masterRebootDownAfterMs, m.quorum, m.renames.size]).toEqual([5, 2, 0]);
  });

  it('master-reboot-down-after-period refuses a non-number', () => {
    const h = new Harness();
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'master-reboot-down-after-period', 'x'])).toEqual(
      e("ERR Invalid argument 'x' for SENTINEL SET 'master-reboot-down-after-period'"),
    );
    expect(h.s.master('mymaster')!.masterRebootDownAfterMs).toBe(0);
  });

  it('each script option sets its own path', () => {
    const h = new Harness({ conf: sentinelConf({ denyScriptsReconfig: false }) });
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'client-reconfig-script', '/c.sh'])).toEqual(OK);
    const m = h.s.master('mymaster')!;
    expect([m.notificationScript, m.clientReconfigScript]).toEqual([null, '/c.sh']);
    expect(h.command(['SENTINEL', 'SET', 'mymaster', 'notification-script', '/n.sh'])).toEqual(OK);
    expect([m.notificationScript, m.clientReconfigScript]).toEqual(['/n.sh', '/c.sh']);
  });
});

describe('SENTINEL CONFIG SET values that unset (§12)', () => {
  it('announce-hostnames no turns it off; an empty announce-ip, sentinel-user or sentinel-pass unsets it', () => {
    const h = new Harness();
    const set = (...a: string[]) => h.command(['SENTINEL', 'CONFIG', 'SET', ...a]);
    expect(
      set('announce-hostnames', 'yes', 'announce-ip', '1.2.3.4', 'sentinel-user', 'u', 'sentinel-pass', 'p'),
    ).toEqual(OK);
    expect(h.s.toConf()).toMatchObject({
      announceHostnames: true,
      announceIp: '1.2.3.4',
      sentinelUser: 'u',
      sentinelPass: 'p',
    });
    expect(
      set('announce-hostnames', 'no', 'announce-ip', '', 'sentinel-user', '', 'sentinel-pass', ''),
    ).toEqual(OK);
    expect(h.s.toConf()).toMatchObject({
      announceHostnames: false,
      announceIp: null,
      sentinelUser: null,
      sentinelPass: null,
    });
  });
});

describe('RESET, CKQUORUM, votes and INFO with several masters (§12, §6.3)', () => {
  it('RESET patterns are case-sensitive', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    expect(w.h.command(['SENTINEL', 'RESET', 'MY*'])).toEqual({ kind: 'int', value: 0 });
    expect(w.h.s.master('mymaster')!.slaves.size).toBe(2);
  });

  it('CKQUORUM passes with usable exactly a majority of the voters', () => {
    const w = standardWorld({}, { quorum: 2 });
    w.h.runFor(1000);
    introducePeers(w.h, [w.p1, w.p2]);
    w.h.crash(w.p2, 'silent');
    w.h.runUntil(() => w.h.has('+sdown'), 20_000);
    // 3 voters, 2 usable: the majority is 2.
    expect(w.h.command(['SENTINEL', 'CKQUORUM', 'mymaster'])).toEqual({
      kind: 'status',
      text: 'OK 2 usable Sentinels. Quorum and failover authorization can be reached',
    });
  });

  it('a vote outside TILT is not marked as cast in TILT', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    w.h.command(['SENTINEL', 'is-master-down-by-addr', '10.0.0.1', '6379', '1', 'd'.repeat(40)]);
    expect(w.h.s.marks.get('vote: cast while in TILT')).toBeUndefined();
  });

  it('INFO numbers the masters master0, master1, … in monitor order', () => {
    const h = new Harness();
    h.command(['SENTINEL', 'MONITOR', 'second', '10.0.0.7', '6380', '1']);
    const text = bulkText(h.command(['INFO', 'sentinel']));
    expect(text).toContain('sentinel_masters:2\r\n');
    expect(text).toContain('master0:name=mymaster,status=ok,address=10.0.0.1:6379,slaves=0,sentinels=1\r\n');
    expect(text).toContain('master1:name=second,status=ok,address=10.0.0.7:6380,slaves=0,sentinels=1\r\n');
  });
});

describe('unknown command text (§12)', () => {
  it('stops adding arguments once the quoted list reaches 128 characters', () => {
    const first = 'a'.repeat(125); // quoted with its trailing space: exactly 128 characters
    const r = unknownCommand(['FOO', first, 'z']);
    expect(r).toEqual(e(`ERR unknown command 'FOO', with args beginning with: '${first}' `));
  });
});
