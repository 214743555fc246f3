// §7: epochs and leader election.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/io.js';
import { Sentinel } from '../../src/engine/sentinel.js';
import type { FakePeer } from './harness.js';
import {
  Harness,
  helloFrom,
  introducePeers,
  masterConf,
  PEER1,
  PEER2,
  sentinelConf,
  standardWorld,
} from './harness.js';

const X = 'd'.repeat(40);
const Y = 'e'.repeat(40);

function ask(h: Harness, epoch: number, runId: string): Reply {
  return h.command(['SENTINEL', 'is-master-down-by-addr', '10.0.0.1', '6379', String(epoch), runId]);
}

function voteOf(r: Reply): [number, string, number] {
  if (r.kind !== 'array') throw new Error('not an array');
  const [a, b, c] = r.items;
  if (a?.kind !== 'int' || b?.kind !== 'bulk' || c?.kind !== 'int') throw new Error('bad shape');
  return [a.value, b.value, c.value];
}

describe('voting (§7.2)', () => {
  it('a sentinel votes at most once per epoch', () => {
    const h = new Harness();
    expect(voteOf(ask(h, 1, X))).toEqual([0, X, 1]);
    expect(voteOf(ask(h, 1, Y))).toEqual([0, X, 1]);
    expect(h.events.filter((e) => e.type === '+vote-for-leader').map((e) => e.message)).toEqual([`${X} 1`]);
    expect(h.s.marks.get('vote: already voted in this epoch or later')).toBe(1);
  });

  it('a request in a newer epoch gets a new vote; a stale one gets the old vote', () => {
    const h = new Harness();
    ask(h, 1, X);
    expect(voteOf(ask(h, 2, Y))).toEqual([0, Y, 2]);
    expect(voteOf(ask(h, 1, X))).toEqual([0, Y, 2]);
  });

  it('a higher requested epoch raises the current epoch, persists it and emits +new-epoch', () => {
    const h = new Harness();
    ask(h, 5, X);
    expect(h.s.currentEpoch).toBe(5);
    expect(h.first('+new-epoch')!.message).toBe('5');
    const persisted = h.effects.filter((e) => e.kind === 'persist');
    expect(persisted.at(-1)).toMatchObject({ summary: { currentEpoch: 5, masters: [{ leaderEpoch: 5 }] } });
  });

  it('asking with * does not vote and answers "*" 0', () => {
    const h = new Harness();
    expect(voteOf(ask(h, 3, '*'))).toEqual([0, '*', 0]);
    expect(h.has('+vote-for-leader')).toBe(false);
  });

  it('a restarted sentinel (new object from its persisted config) cannot vote twice in an epoch', () => {
    const h = new Harness();
    ask(h, 4, X);
    const conf = h.s.toConf();
    const again = new Sentinel({ conf, confText: '', random: () => 0, nowMs: h.nowMs });
    const r = again.handleCommand(
      h.nowMs,
      ['SENTINEL', 'is-master-down-by-addr', '10.0.0.1', '6379', '4', Y],
      {
        protocol: 2,
      },
    );
    expect(voteOf(r)).toEqual([0, '*', 4]);
  });

  it('voting for another candidate blocks our own failover for 2 × failover-timeout', () => {
    const { h, master, p1, p2 } = standardWorld();
    h.runFor(1000);
    introducePeers(h, [p1, p2]);
    ask(h, 1, X);
    master.pingReply = null;
    h.runUntil(() => h.has('+odown'), 10_000);
    h.runFor(5000);
    expect(h.has('+try-failover')).toBe(false);
    expect(h.s.marks.get('failover: delayed by 2x failover-timeout back-off')).toBe(1);
  });
});

describe('counting votes (§7.3)', () => {
  function world(peerCount: number, quorum: number, voters: number) {
    const w = standardWorld({}, { quorum });
    const peers: FakePeer[] = [w.p1, w.p2];
    for (let i = 2; i < peerCount; i++) peers.push(w.h.peer(`10.0.0.${20 + i}`, 26379, String(i).repeat(40)));
    peers.forEach((p, i) => {
      if (i >= voters) p.votesFor = null;
    });
    return { ...w, peers };
  }

  it('the leader needs a majority of known sentinels even when quorum is lower', () => {
    const { h, master, peers } = world(4, 2, 1); // 5 known sentinels: majority 3, quorum 2
    h.runFor(1000);
    introducePeers(h, peers);
    h.crash(master, 'reset');
    h.runUntil(() => h.has('-failover-abort-not-elected'), 30_000);
    expect(h.has('+elected-leader')).toBe(false);
    expect(h.s.marks.get('election: no majority')).toBeGreaterThan(0);
  });

  it('with a majority of votes the same sentinel is elected', () => {
    const { h, master, peers } = world(4, 2, 2); // self + 2 = 3 of 5
    h.runFor(1000);
    introducePeers(h, peers);
    h.crash(master, 'reset');
    h.runUntil(() => h.has('+elected-leader'), 30_000);
  });

  it('the leader needs quorum votes even when a majority is fewer', () => {
    const { h, master, peers } = world(2, 3, 1); // 3 sentinels: majority 2, quorum 3
    h.runFor(1000);
    introducePeers(h, peers);
    peers[1]!.isDown = 1;
    h.crash(master, 'reset');
    h.runUntil(() => h.has('-failover-abort-not-elected'), 30_000);
    expect(h.has('+elected-leader')).toBe(false);
    expect(h.s.marks.get('election: below quorum')).toBeGreaterThan(0);
  });

  it('[quirk #11571] peer votes are counted against the current epoch, mixing epochs; fixVoteCounting does not', () => {
    // No options at all must behave like fixVoteCounting: false (the redis-7 default).
    for (const fix of [undefined, false, true]) {
      const options = fix === undefined ? {} : { options: { fixVoteCounting: fix } };
      const { h, master, p1, p2 } = standardWorld({}, {}, options);
      h.runFor(1000);
      introducePeers(h, [p1, p2]);
      // The peers answer with a vote for us in the *next* epoch (as if they had moved on).
      for (const p of [p1, p2]) p.votesFor = (r, e) => ({ leader: r, epoch: e + 1 });
      h.crash(master, 'reset');
      h.runUntil(() => h.has('+try-failover'), 10_000);
      h.hello(helloFrom(p1, 2, { host: '10.0.0.1', port: 6379 }, 0));
      h.runFor(12_000);
      expect(h.has('+elected-leader'), `fix=${fix}`).toBe(fix !== true);
    }
  });
});

describe('election timeout and retry (§7.5)', () => {
  it('a failed election aborts after min(election-timeout, failover-timeout) and retries after 2 × failover-timeout', () => {
    const { h, master, p1, p2 } = standardWorld({}, { failoverTimeoutMs: 8000 });
    h.runFor(1000);
    introducePeers(h, [p1, p2]);
    p1.votesFor = () => ({ leader: PEER2, epoch: 1 });
    p2.votesFor = () => ({ leader: PEER1, epoch: 1 });
    h.crash(master, 'reset');
    h.runUntil(() => h.has('+try-failover'), 10_000);
    const start = h.first('+try-failover')!.atMs;
    h.runUntil(() => h.has('-failover-abort-not-elected'), 20_000);
    const abort = h.first('-failover-abort-not-elected')!.atMs;
    expect(abort - start).toBeGreaterThan(8000);
    expect(abort - start).toBeLessThanOrEqual(8100);
    h.runUntil(() => h.events.filter((e) => e.type === '+try-failover').length === 2, 20_000);
    const retry = h.events.filter((e) => e.type === '+try-failover')[1]!.atMs;
    expect(retry - start).toBeGreaterThanOrEqual(16_000);
    expect(retry - start).toBeLessThanOrEqual(16_100);
    expect(h.events.filter((e) => e.type === '+new-epoch').map((e) => e.message)).toEqual(['1', '2']);
  });

  it('the failover start time includes a 0..999 ms random offset that shifts the abort deadline', () => {
    const { h, master, p1, p2 } = standardWorld({}, { failoverTimeoutMs: 8000 }, { random: () => 0.5 });
    h.runFor(1000);
    introducePeers(h, [p1, p2]);
    p1.votesFor = null;
    p2.votesFor = null;
    h.crash(master, 'reset');
    h.runUntil(() => h.has('+try-failover'), 10_000);
    const start = h.first('+try-failover')!.atMs;
    expect(h.s.master('mymaster')!.failoverStartMs).toBe(start + 500);
    h.runUntil(() => h.has('-failover-abort-not-elected'), 20_000);
    const abort = h.first('-failover-abort-not-elected')!.atMs;
    expect(abort - start).toBeGreaterThan(8500);
    expect(abort - start).toBeLessThanOrEqual(8500 + 70);
  });
});

describe('tick cadence (§3.1)', () => {
  it('the next tick interval is floor(1000 / hz) with hz = 10 + rand() % 10 drawn at the end of each tick', () => {
    const draws = [0.5, 0.95, 0.0];
    let i = 0;
    const s = new Sentinel({ conf: sentinelConf(), confText: '', random: () => draws[i++ % 3]!, nowMs: 0 });
    expect(s.nextTickDelayMs()).toBe(100);
    s.handleTick(100);
    expect(s.nextTickDelayMs()).toBe(Math.floor(1000 / 15));
    s.handleTick(166);
    expect(s.nextTickDelayMs()).toBe(Math.floor(1000 / 19));
    s.handleTick(218);
    expect(s.nextTickDelayMs()).toBe(100);
  });
});

describe('clocks near zero', () => {
  it('a Sentinel whose clock starts at 0 fails over at once (failover_start_time 0 means never)', () => {
    const h = new Harness({ conf: sentinelConf({}, [masterConf({ failoverTimeoutMs: 60_000 })]) }, 0);
    const m = h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
    const r1 = h.redis('10.0.0.2', 6379, 'slave', '2'.repeat(40));
    r1.masterHost = '10.0.0.1';
    r1.masterPort = 6379;
    m.slaves = [r1.addr];
    const peers = [h.peer('10.0.0.11', 26379, PEER1), h.peer('10.0.0.12', 26379, PEER2)];
    h.runFor(1000);
    introducePeers(h, peers);
    h.crash(m, 'reset');
    h.runUntil(() => h.has('+try-failover'), 10_000);
    expect(h.nowMs).toBeLessThan(10_000);
  });
});
