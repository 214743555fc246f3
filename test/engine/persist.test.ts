// §14: what is persisted and when.
import { describe, expect, it } from 'vitest';
import { parseSentinelConf } from '../../src/engine/conf.js';
import { Sentinel } from '../../src/engine/sentinel.js';
import { Harness, introducePeers, seeded, sentinelConf, standardWorld } from './harness.js';

describe('persistence (§14.3)', () => {
  it('a missing myid is generated from random and persisted at once', () => {
    const s = new Sentinel({ conf: sentinelConf({ myid: null }), confText: '', random: seeded(7), nowMs: 0 });
    expect(s.myid).toMatch(/^[0-9a-f]{40}$/);
    const effects = s.drainEffects();
    const persist = effects.find((e) => e.kind === 'persist');
    expect(persist?.kind === 'persist' && persist.text).toContain(`sentinel myid ${s.myid}`);
    const again = new Sentinel({
      conf: sentinelConf({ myid: null }),
      confText: '',
      random: seeded(7),
      nowMs: 0,
    });
    expect(again.myid).toBe(s.myid);
  });

  it('a configured myid is kept and nothing is persisted at start', () => {
    const h = new Harness();
    expect(h.effects.some((e) => e.kind === 'persist')).toBe(false);
  });

  it('SDOWN/ODOWN changes and the failover start do not persist; the self-vote does', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    introducePeers(w.h, [w.p1, w.p2]);
    w.h.runFor(1000);
    w.h.crash(w.master, 'reset');
    const before = w.h.effects.length;
    w.h.runUntil(() => w.h.has('+odown'), 10_000);
    const kinds = w.h.effects.slice(before).map((e) => (e.kind === 'event' ? e.type : e.kind));
    const odown = kinds.indexOf('+odown');
    expect(kinds.slice(0, odown)).not.toContain('persist');
    const vote = kinds.indexOf('+vote-for-leader');
    expect(kinds.indexOf('persist', vote)).toBeGreaterThan(vote);
  });

  it('config-epoch lines raise the current epoch at load', () => {
    const conf = sentinelConf({ currentEpoch: 1 });
    const s = new Sentinel({
      conf: { ...conf, masters: [{ ...conf.masters[0]!, configEpoch: 6 }] },
      confText: '',
      random: () => 0,
      nowMs: 0,
    });
    expect(s.currentEpoch).toBe(6);
  });

  it('a restarted sentinel comes back with its epochs, replicas and peers', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    introducePeers(w.h, [w.p1, w.p2]);
    w.h.crash(w.master, 'reset');
    w.h.runUntil(() => w.h.has('+switch-master'), 20_000);
    const conf = w.h.s.toConf();
    const again = new Sentinel({ conf, confText: '', random: () => 0, nowMs: w.h.nowMs });
    expect(again.toConf()).toEqual(conf);
    expect(again.master('mymaster')!.sentinels.size).toBe(2);
    expect(again.master('mymaster')!.slaves.size).toBe(2);
  });

  it('mid-failover the old master address is written as a known replica instead of the promoted one', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    introducePeers(w.h, [w.p1, w.p2]);
    w.r2.obeySlaveOf = false;
    w.h.crash(w.master, 'reset');
    w.h.runUntil(() => w.h.has('+failover-state-reconf-slaves'), 20_000);
    const m = w.h.s.toConf().masters[0]!;
    expect([m.host, m.configEpoch]).toEqual(['10.0.0.2', 1]);
    expect(m.knownReplicas).toEqual([
      { host: '10.0.0.1', port: 6379 },
      { host: '10.0.0.3', port: 6379 },
    ]);
  });

  it('a custom rewriter receives the previous text and the state to persist', () => {
    const seen: string[] = [];
    const s = new Sentinel({
      conf: sentinelConf({ myid: null }),
      confText: 'original',
      random: seeded(1),
      nowMs: 0,
      rewriteConf: (text, conf) => {
        seen.push(text);
        return `${text}+${conf.currentEpoch}`;
      },
    });
    s.handleCommand(0, ['SENTINEL', 'FLUSHCONFIG'], { protocol: 2 });
    expect(seen).toEqual(['original', 'original+0']);
  });
});

describe('restart from the persisted text (§14)', () => {
  it('a restarted sentinel is a new Sentinel parsed from its last persisted text', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    introducePeers(w.h, [w.p1, w.p2]);
    w.h.crash(w.master, 'reset');
    w.h.runUntil(() => w.h.has('+switch-master'), 20_000);
    const last = w.h.effects.filter((e) => e.kind === 'persist').at(-1);
    if (last?.kind !== 'persist') throw new Error('nothing persisted');
    const again = new Sentinel({
      conf: parseSentinelConf(last.text),
      confText: last.text,
      random: () => 0,
      nowMs: w.h.nowMs,
    });
    expect(again.toConf()).toEqual(w.h.s.toConf());
    expect(last.summary).toEqual({
      currentEpoch: 1,
      masters: [{ name: 'mymaster', configEpoch: 1, leaderEpoch: 1 }],
    });
  });
});
