// §6: SDOWN, ODOWN and asking peers.
import { describe, expect, it } from 'vitest';
import { Harness, introducePeers, masterConf, PEER1, sentinelConf, standardWorld } from './harness.js';

describe('SDOWN (§6.1)', () => {
  it('act_ping_time starts at creation so an unreachable instance is SDOWN down-after after creation', () => {
    const h = new Harness();
    const created = h.nowMs;
    const m = h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
    m.up = false;
    m.refuse = false; // connects hang: no reply ever
    h.runUntil(() => h.has('+sdown'), 10_000);
    const at = h.first('+sdown')!.atMs;
    expect(at - created).toBeGreaterThan(5000);
    expect(at - created).toBeLessThanOrEqual(5100);
    expect(h.first('+sdown')!.message).toBe('master mymaster 10.0.0.1 6379');
  });

  it('LOADING and MASTERDOWN replies keep an instance up; MISCONF makes it SDOWN', () => {
    for (const [text, down] of [
      ['LOADING Redis is loading the dataset in memory', false],
      ['MASTERDOWN Link with MASTER is down', false],
      ['MISCONF Errors writing to the AOF file', true],
    ] as const) {
      const { h, master } = standardWorld();
      h.runFor(2000);
      master.pingReply = { kind: 'error', text };
      h.runFor(8000);
      expect(h.has('+sdown'), text).toBe(down);
    }
  });

  it('leaving SDOWN emits -sdown and clears the flag', () => {
    const { h, master } = standardWorld();
    h.runFor(2000);
    master.pingReply = null;
    h.runUntil(() => h.has('+sdown'), 10_000);
    master.pingReply = { kind: 'status', text: 'PONG' };
    h.runUntil(() => h.has('-sdown'), 3000);
    expect(h.s.master('mymaster')!.flags & 8).toBe(0);
  });

  it('a master reporting role slave becomes SDOWN after down-after + 2 × info-period', () => {
    const { h, master } = standardWorld({}, { failoverTimeoutMs: 180_000 });
    h.runFor(1000);
    master.role = 'slave';
    master.masterHost = '10.0.0.9';
    master.masterPort = 6379;
    h.runUntil(() => h.has('-role-change'), 11_000);
    const changed = h.first('-role-change')!.atMs;
    expect(h.first('-role-change')!.message).toBe('master mymaster 10.0.0.1 6379 new reported role is slave');
    h.runUntil(() => h.has('+sdown'), 30_000);
    const after = h.first('+sdown')!.atMs - changed;
    expect(after).toBeGreaterThan(25_000);
    expect(after).toBeLessThanOrEqual(25_100);
  });

  it('master reboot rule: a new run id and -LOADING give SDOWN after master-reboot-down-after-period', () => {
    const { h, master } = standardWorld({}, { masterRebootDownAfterPeriodMs: 3000, downAfterMs: 60_000 });
    h.runFor(1000);
    master.runId = '9'.repeat(40);
    master.pingReply = { kind: 'error', text: 'LOADING loading' };
    h.runUntil(() => h.has('+reboot'), 11_000);
    const rebootAt = h.first('+reboot')!.atMs;
    h.runUntil(() => h.has('+sdown'), 10_000);
    expect(h.first('+sdown')!.atMs - rebootAt).toBeGreaterThan(3000);
    expect(h.first('+sdown')!.atMs - rebootAt).toBeLessThanOrEqual(3100);
  });

  it('a first PONG after a reboot clears the reboot mark', () => {
    const { h, master } = standardWorld({}, { masterRebootDownAfterPeriodMs: 3000, downAfterMs: 60_000 });
    h.runFor(1000);
    master.runId = '9'.repeat(40);
    h.runUntil(() => h.has('+reboot'), 11_000);
    h.runFor(5000);
    expect(h.has('+sdown')).toBe(false);
  });

  it('BUSY from an SDOWN instance triggers one SCRIPT KILL', () => {
    const { h, master } = standardWorld();
    h.runFor(1000);
    master.pingReply = { kind: 'error', text: 'BUSY Redis is busy running a script' };
    h.runFor(10_000);
    expect(h.has('+sdown')).toBe(true);
    expect(h.sentTo(master.addr, 'SCRIPT').map((s) => s.argv.join(' '))).toEqual(['SCRIPT KILL']);
    expect(h.s.marks.get('ping: BUSY instance sent SCRIPT KILL')).toBe(1);
  });
});

describe('ODOWN (§6.2)', () => {
  it('ODOWN needs self plus peers reporting down to reach quorum', () => {
    const { h, master, p1, p2 } = standardWorld({}, { quorum: 3 });
    h.runFor(1000);
    introducePeers(h, [p1, p2]);
    p1.isDown = 1;
    p2.isDown = 0;
    h.crash(master, 'silent');
    h.runFor(9000);
    expect(h.has('+sdown')).toBe(true);
    expect(h.has('+odown')).toBe(false);
    p2.isDown = 1;
    h.runUntil(() => h.has('+odown'), 3000);
    expect(h.first('+odown')!.message).toBe('master mymaster 10.0.0.1 6379 #quorum 3/3');
  });

  it('-odown follows when the master is no longer SDOWN', () => {
    const { h, master, p1, p2 } = standardWorld({}, { failoverTimeoutMs: 180_000 });
    h.runFor(1000);
    introducePeers(h, [p1, p2]);
    p1.votesFor = null;
    p2.votesFor = null;
    master.pingReply = null;
    h.runUntil(() => h.has('+odown'), 10_000);
    master.pingReply = { kind: 'status', text: 'PONG' };
    h.runUntil(() => h.has('-odown'), 3000);
  });
});

describe('asking peers (§6.3)', () => {
  it('stale is-master-down answers expire after 5 s', () => {
    const { h, master, p1, p2 } = standardWorld({}, { quorum: 3, failoverTimeoutMs: 180_000 });
    h.runFor(1000);
    introducePeers(h, [p1, p2]);
    p1.votesFor = null;
    p2.votesFor = null;
    master.pingReply = null;
    h.runUntil(() => h.has('+odown'), 10_000);
    p1.answer = false;
    p2.answer = false;
    const silentFrom = h.nowMs;
    h.runUntil(() => h.has('-odown'), 8000);
    expect(h.first('-odown')!.atMs - silentFrom).toBeGreaterThan(4000);
    expect(h.first('-odown')!.atMs - silentFrom).toBeLessThanOrEqual(5200);
    expect(h.s.marks.get('ask: stale answer expired')).toBeGreaterThan(0);
  });

  it('peers are asked once per ask-period after a reply, and every tick when silent [quirk]', () => {
    const { h, master, p1, p2 } = standardWorld({}, { quorum: 3 });
    h.runFor(1000);
    introducePeers(h, [p1, p2]);
    p1.votesFor = null;
    p2.answer = false;
    p2.votesFor = null;
    master.pingReply = null;
    h.runUntil(() => h.has('+sdown'), 10_000);
    const from = h.nowMs;
    h.runFor(3000);
    const asks = (addr: { host: string; port: number }) =>
      h.sentTo(addr, 'SENTINEL').filter((s) => s.atMs > from).length;
    expect(asks(p1.addr)).toBe(3);
    expect(asks(p2.addr)).toBe(30);
  });

  it('the request carries the current epoch and * when no failover is running', () => {
    const { h, master, p1 } = standardWorld({ currentEpoch: 7 }, { quorum: 5 });
    h.runFor(1000);
    introducePeers(h, [p1]);
    master.pingReply = null;
    h.runUntil(() => h.has('+sdown'), 10_000);
    h.tick();
    expect(h.sentTo(p1.addr, 'SENTINEL').at(-1)!.argv).toEqual([
      'SENTINEL',
      'is-master-down-by-addr',
      '10.0.0.1',
      '6379',
      '7',
      '*',
    ]);
  });

  it('malformed is-master-down replies are counted and ignored', () => {
    const h = new Harness({
      conf: sentinelConf({}, [
        masterConf({ knownSentinels: [{ host: '10.0.0.11', port: 26379, runId: PEER1 }] }),
      ]),
    });
    const m = h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
    const p = h.peer('10.0.0.11', 26379, PEER1);
    p.respond = (argv) =>
      argv[0] === 'SENTINEL'
        ? { kind: 'array', items: [{ kind: 'bulk', value: '1' }] }
        : { kind: 'status', text: 'PONG' };
    m.pingReply = null;
    h.runFor(8000);
    expect(h.s.counters.get('is-master-down: malformed reply')).toBeGreaterThan(0);
  });
});
