// Core bookkeeping (src/engine/core.ts) seen from outside: which events queue the notification script
// (§13.1: WARNING events that concern an instance), the request table when a connection goes away, the
// pending-commands count (§4.3: SUBSCRIBE is not counted), renamed commands, and the random helpers'
// bounds even with a generator that returns its upper limit.
import { describe, expect, it } from 'vitest';
import { Core } from '../../src/engine/core.js';
import type { Effect } from '../../src/engine/io.js';
import { REDIS_7 } from '../../src/engine/profile.js';
import { reconnectIfNeeded } from '../../src/engine/links.js';
import { Sentinel } from '../../src/engine/sentinel.js';
import { coreWithMaster, GLOBAL_CONF } from './records.js';
import { sentinelConf, standardWorld, startFailover } from './harness.js';

const NOW_MS = 1_000_000;
const scripts = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.kind === 'script' ? [[e.path, ...e.args].join(' ')] : []));

describe('§13.1 notification scripts', () => {
  it('run for WARNING events of an instance, plain ones included (+new-epoch, +switch-master), with <type> <message>', () => {
    const w = standardWorld({ denyScriptsReconfig: false }, { notificationScript: '/n.sh' });
    startFailover(w);
    w.h.runUntil(() => w.h.has('+switch-master'), 60_000);
    w.h.runFor(2000);
    const ran = scripts(w.h.effects);
    expect(ran).toContain('/n.sh +new-epoch 1');
    expect(ran).toContain('/n.sh +switch-master mymaster 10.0.0.1 6379 10.0.0.2 6379');
    expect(ran).toContain('/n.sh +sdown master mymaster 10.0.0.1 6379');
    // NOTICE events (e.g. +slave-reconf-sent) never run it.
    expect(ran.some((l) => l.includes('+slave-reconf-sent'))).toBe(false);
    expect(ran.some((l) => l.includes('+failover-state-send-slaveof-noone'))).toBe(false);
  });

  it('do not run for WARNING events without an instance (+tilt)', () => {
    const w = standardWorld({}, { notificationScript: '/n.sh' });
    w.h.runFor(1000);
    w.h.nowMs += 10_000;
    w.h.runUntil(() => w.h.has('+tilt'), 5000);
    w.h.runFor(2000);
    expect(scripts(w.h.effects).filter((l) => l.includes('tilt'))).toEqual([]);
  });
});

describe('requests and connections', () => {
  it('a reply that arrives after its connection closed is an unknown request; other connections keep theirs', () => {
    const s = new Sentinel({ conf: sentinelConf(), confText: '', random: () => 0, nowMs: NOW_MS });
    const effects = s.drainEffects();
    s.handleTick(NOW_MS + 100);
    effects.push(...s.drainEffects());
    const connects = effects.filter((e) => e.kind === 'connect');
    const [cc, pc] = connects.map((e) => (e.kind === 'connect' ? e.connId : -1));
    const sends = effects.filter((e) => e.kind === 'send');
    const onCc = sends.find((e) => e.kind === 'send' && e.connId === cc && e.argv[0] === 'PING')!;
    const onPc = sends.find((e) => e.kind === 'send' && e.connId === pc && e.argv[0] === 'SUBSCRIBE')!;
    s.handleClosed(NOW_MS + 200, cc!);
    s.handleReply(NOW_MS + 201, cc!, onCc.kind === 'send' ? onCc.reqId : -1, {
      kind: 'status',
      text: 'PONG',
    });
    expect(s.counters.get('reply: unknown request')).toBe(1);
    s.handleReply(NOW_MS + 202, pc!, onPc.kind === 'send' ? onPc.reqId : -1, {
      kind: 'array',
      items: [
        { kind: 'bulk', value: 'subscribe' },
        { kind: 'bulk', value: '__sentinel__:hello' },
        { kind: 'int', value: 1 },
      ],
    });
    expect(s.counters.get('reply: unknown request')).toBe(1);
  });

  it('a command on a missing connection is not sent; a command without a name is a bug', () => {
    const { core, m } = coreWithMaster();
    expect(core.send(m, 'cc', ['PING'], 'ping')).toBe(false);
    expect(core.effects).toEqual([]);
    reconnectIfNeeded(core, m, NOW_MS);
    expect(() => core.send(m, 'cc', [], 'other')).toThrow(/a command has a name/);
  });

  it('SUBSCRIBE does not count as a pending command; everything else does (§4.3)', () => {
    const { core, m } = coreWithMaster();
    reconnectIfNeeded(core, m, NOW_MS);
    // cc: CLIENT SETNAME, PING; pc: CLIENT SETNAME, SUBSCRIBE.
    const sent = core.effects.flatMap((e) => (e.kind === 'send' ? [e.argv[0]] : []));
    expect(sent).toEqual(['CLIENT', 'PING', 'CLIENT', 'SUBSCRIBE']);
    expect(m.link.pendingCommands).toBe(3);
  });

  it('a renamed command keeps its arguments and loses its old name', () => {
    const { core, m } = coreWithMaster();
    m.renames.set('config', ['CONFIG', 'MYCONFIG']);
    reconnectIfNeeded(core, m, NOW_MS);
    core.send(m, 'cc', ['CONFIG', 'REWRITE'], 'other');
    const last = core.effects.at(-1)!;
    expect(last.kind === 'send' && last.argv).toEqual(['MYCONFIG', 'REWRITE']);
  });
});

describe('random helpers stay in range', () => {
  it('with a generator returning 1, randomInt(n) is n - 1 and the desync is 999 ms', () => {
    const core = new Core(
      REDIS_7,
      () => 1,
      { fixVoteCounting: false, scriptExecutable: () => true },
      { ...GLOBAL_CONF },
      0,
    );
    expect(core.randomInt(16)).toBe(15);
    expect(core.desyncMs()).toBe(999);
    const low = new Core(
      REDIS_7,
      () => -0.5,
      { fixVoteCounting: false, scriptExecutable: () => true },
      { ...GLOBAL_CONF },
      0,
    );
    expect([low.randomInt(16), low.desyncMs()]).toEqual([0, 0]);
  });

  it('a new Sentinel emits only well-formed effects', () => {
    const s = new Sentinel({ conf: sentinelConf(), confText: '', random: () => 0, nowMs: NOW_MS });
    expect(s.drainEffects().every((e) => typeof e === 'object' && typeof e.kind === 'string')).toBe(true);
  });
});
