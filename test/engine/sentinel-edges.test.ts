// The Sentinel façade (src/engine/sentinel.ts): its generated myid, the exit after a simulated crash, TILT entry and
// exit at the exact limits (§11), and the `master-addr` effects a driver relies on (GET-MASTER-ADDR-BY-NAME
// changes), driven through the public inputs only.
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/engine/io.js';
import { Sentinel } from '../../src/engine/sentinel.js';
import { Harness, masterConf, sentinelConf, standardWorld, startFailover } from './harness.js';

const T0 = 1_000_000;
const masterAddrs = (effects: readonly Effect[]) =>
  effects.flatMap((e) =>
    e.kind === 'master-addr'
      ? [`${e.master} ${e.addr === null ? 'gone' : `${e.addr.host}:${e.addr.port}`}`]
      : [],
  );
const tilts = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.kind === 'event' && /^[+-]tilt$/.test(e.type) ? [e.type] : []));
const tiltMessages = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.kind === 'event' && /^[+-]tilt$/.test(e.type) ? [`${e.type} ${e.message}`] : []));

describe('defaults', () => {
  it('pendingEffectCount is the number of effects the next drain returns', () => {
    const s = new Sentinel({ conf: sentinelConf(), confText: '', random: () => 0, nowMs: T0 });
    const n = s.pendingEffectCount;
    expect(n).toBeGreaterThan(0);
    expect(s.drainEffects()).toHaveLength(n);
    expect(s.pendingEffectCount).toBe(0);
  });

  it('a myid of the wrong length in the given configuration is replaced by a generated one, persisted at once', () => {
    const s = new Sentinel({
      conf: sentinelConf({ myid: 'abc' }),
      confText: '',
      random: () => 0.5,
      nowMs: T0,
    });
    expect(s.myid).toMatch(/^[0-9a-f]{40}$/);
    expect(s.myid).not.toBe('abc');
    const persisted = s.drainEffects().find((e) => e.kind === 'persist');
    expect(persisted?.kind === 'persist' && persisted.text).toContain(`sentinel myid ${s.myid}`);
  });
});

describe('after a simulated crash every input is ignored', () => {
  it('one exit effect, then no effect from any input; commands answer that the Sentinel is shutting down', () => {
    const w = standardWorld();
    w.h.command(['SENTINEL', 'SIMULATE-FAILURE', 'crash-after-election']);
    startFailover(w);
    w.h.runUntil(() => w.h.effects.some((e) => e.kind === 'exit'), 20_000);
    expect(w.h.effects.filter((e) => e.kind === 'exit')).toHaveLength(1);
    const s = w.h.s;
    const t = w.h.nowMs;
    s.handleTick(t + 100);
    s.handleConnected(t + 101, 1, '10.0.0.100');
    s.handleClosed(t + 102, 1);
    s.handleReply(t + 103, 1, 1, { kind: 'status', text: 'PONG' });
    s.handleMessage(t + 104, 1, '__sentinel__:hello', 'x');
    s.handleScriptExit(t + 105, 1, { kind: 'exit', code: 0 });
    expect(s.drainEffects()).toEqual([]);
    expect(s.handleCommand(t + 106, ['PING'], { protocol: 2 })).toEqual({
      kind: 'error',
      text: 'ERR sentinel is shutting down',
    });
    expect(s.drainEffects()).toEqual([]);
  });
});

describe('§11 TILT at the exact limits (tilt-trigger 2000 ms, tilt-period 30 000 ms)', () => {
  function ticking() {
    const h = new Harness({ conf: sentinelConf({}, [masterConf()]) }, T0);
    h.s.drainEffects();
    const s = h.s;
    const effects: Effect[] = [];
    const tick = (at: number) => {
      s.handleTick(at);
      effects.push(...s.drainEffects());
    };
    return { s, effects, tick };
  }

  it('two ticks at the same time, or 2000 ms apart, do not enter TILT; 2001 ms apart or backwards do', () => {
    const a = ticking();
    a.tick(T0 + 100);
    a.tick(T0 + 100);
    a.tick(T0 + 2100);
    expect(tilts(a.effects)).toEqual([]);
    a.tick(T0 + 4101);
    expect(tilts(a.effects)).toEqual(['+tilt']);
    const b = ticking();
    b.tick(T0 + 100);
    b.tick(T0 + 99);
    expect(tilts(b.effects)).toEqual(['+tilt']);
  });

  it('TILT ends on the first tick tilt-period after it began, once', () => {
    const { s, effects, tick } = ticking();
    tick(T0 + 100);
    tick(T0 + 5000); // +tilt at T0 + 5000
    for (let t = T0 + 6000; t < T0 + 35_000; t += 1000) tick(t);
    expect(tilts(effects)).toEqual(['+tilt']);
    expect(s.tilt).toBe(true);
    tick(T0 + 35_000);
    expect(tilts(effects)).toEqual(['+tilt', '-tilt']);
    expect(s.tilt).toBe(false);
    tick(T0 + 36_000);
    expect(tilts(effects)).toEqual(['+tilt', '-tilt']);
    expect(tiltMessages(effects)).toEqual(['+tilt #tilt mode entered', '-tilt #tilt mode exited']);
  });
});

describe('master-addr effects (what GET-MASTER-ADDR-BY-NAME answers)', () => {
  it('reported once per change: at start, gone after REMOVE (once), back after MONITOR of the same name', () => {
    const h = new Harness({ conf: sentinelConf({}, [masterConf()]) }, T0);
    const run = (argv: string[]) => {
      h.command(argv);
      h.runFor(1000);
    };
    h.runFor(1000);
    run(['SENTINEL', 'REMOVE', 'mymaster']);
    run(['SENTINEL', 'MONITOR', 'mymaster', '10.0.0.1', '6380', '2']);
    expect(masterAddrs(h.effects)).toEqual([
      'mymaster 10.0.0.1:6379',
      'mymaster gone',
      'mymaster 10.0.0.1:6380',
    ]);
  });

  it('a change of the port alone is reported', () => {
    const h = new Harness({ conf: sentinelConf({}, [masterConf()]) }, T0);
    h.runFor(1000);
    const m = h.s.master('mymaster') as { addr: { host: string; port: number } };
    m.addr = { host: '10.0.0.1', port: 6390 };
    h.runFor(1000);
    expect(masterAddrs(h.effects)).toEqual(['mymaster 10.0.0.1:6379', 'mymaster 10.0.0.1:6390']);
  });

  it('a master that goes away is reported gone once, not on every later input', () => {
    const h = new Harness(
      { conf: sentinelConf({}, [masterConf(), masterConf({ name: 'other', port: 7000 })]) },
      T0,
    );
    h.command(['SENTINEL', 'REMOVE', 'other']);
    h.runFor(5000);
    expect(masterAddrs(h.effects).filter((l) => l.startsWith('other'))).toEqual([
      'other 10.0.0.1:7000',
      'other gone',
    ]);
  });
});

describe('closed connections', () => {
  it('a close without a reason is logged as #closed (a debug event, never published)', () => {
    const { h } = standardWorld();
    h.runFor(1000);
    const cc = [...h.conns.entries()].find(([, c]) => c.purpose === 'cmd')!;
    h.s.handleClosed(h.nowMs, cc[0]);
    const e = h.s.drainEffects().find((x) => x.kind === 'event');
    expect(e).toMatchObject({ kind: 'event', level: 'debug', type: '-cmd-link-reconnection' });
    expect(e?.kind === 'event' && e.message.endsWith(' #closed')).toBe(true);
  });
});
