// §4: connections and periodic traffic.
import { describe, expect, it } from 'vitest';
import { Harness, masterConf, sentinelConf, standardWorld } from './harness.js';

const M = { host: '10.0.0.1', port: 6379 };

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('periodic commands (§4.3)', () => {
  it('PING period is min(down-after, 1000) and halves while unanswered', () => {
    const { h, master } = standardWorld();
    h.runFor(5000);
    const healthy = gaps(h.sentTo(M, 'PING').map((s) => s.atMs)).slice(1);
    for (const g of healthy) expect(g).toBeGreaterThan(1000);
    for (const g of healthy) expect(g).toBeLessThanOrEqual(1100);
    master.pingReply = null;
    const from = h.nowMs;
    h.runFor(3000);
    const silent = gaps(
      h
        .sentTo(M, 'PING')
        .filter((s) => s.atMs > from + 1100)
        .map((s) => s.atMs),
    );
    expect(silent.length).toBeGreaterThan(2);
    for (const g of silent) {
      expect(g).toBeGreaterThan(500);
      expect(g).toBeLessThanOrEqual(600);
    }
  });

  it('with down-after 600 the PING period is 600 ms', () => {
    const h = new Harness({ conf: sentinelConf({}, [masterConf({ downAfterMs: 600 })]) });
    h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
    h.runFor(5000);
    const g = gaps(h.sentTo(M, 'PING').map((s) => s.atMs)).slice(1);
    for (const x of g) expect(x).toBe(700); // first tick strictly after 600 ms
  });

  it('INFO goes to a master every info-period (10 s)', () => {
    const { h } = standardWorld();
    h.runFor(35_000);
    const g = gaps(h.sentTo(M, 'INFO').map((s) => s.atMs));
    expect(g.length).toBe(3);
    for (const x of g) expect(x).toBe(10_100);
  });

  it('INFO goes to a replica every second while its master link is down', () => {
    const { h, r1 } = standardWorld();
    r1.linkDownSinceSeconds = 3;
    h.runFor(5000);
    const g = gaps(h.sentTo(r1.addr, 'INFO').map((s) => s.atMs));
    expect(g.length).toBeGreaterThanOrEqual(3);
    for (const x of g) expect(x).toBe(1100);
  });

  it('[quirk] a hello is re-sent every tick until the PUBLISH is acknowledged', () => {
    const { h, master } = standardWorld();
    const orig = master.respond.bind(master);
    master.respond = (argv) => (argv[0] === 'PUBLISH' ? null : orig(argv));
    h.runFor(3000);
    const pubs = h.sentTo(M, 'PUBLISH').map((s) => s.atMs);
    expect(pubs.length).toBeGreaterThan(5);
    expect(gaps(pubs).every((g) => g === 100)).toBe(true);
  });

  it('hellos are published every 2 s once acknowledged, in the §9.1 format', () => {
    const { h } = standardWorld();
    h.runFor(7000);
    const pubs = h.sentTo(M, 'PUBLISH');
    expect(gaps(pubs.map((s) => s.atMs)).every((g) => g === 2100)).toBe(true);
    expect(pubs[0]!.argv).toEqual([
      'PUBLISH',
      '__sentinel__:hello',
      `10.0.0.100,26379,${'a'.repeat(40)},0,mymaster,10.0.0.1,6379,0`,
    ]);
  });

  it('announce-ip and announce-port replace the socket address in hellos', () => {
    const { h } = standardWorld({ announceIp: '1.2.3.4', announcePort: 5555 });
    h.runFor(2500);
    expect(h.sentTo(M, 'PUBLISH')[0]!.argv[2]!.startsWith('1.2.3.4,5555,')).toBe(true);
  });

  it('no periodic command is queued while pending commands reach 100 × refcount', () => {
    const { h, master } = standardWorld({}, { downAfterMs: 100_000 });
    master.respond = () => null;
    h.runFor(30_000);
    const link = h.s.master('mymaster')!.link;
    expect(link.pendingCommands).toBeGreaterThanOrEqual(100);
    expect(h.s.marks.get('periodic: pending-commands cap reached')).toBeGreaterThan(0);
    const before = h.sentTo(M, 'INFO').length + h.sentTo(M, 'PING').length + h.sentTo(M, 'PUBLISH').length;
    h.runFor(5_000);
    const after = h.sentTo(M, 'INFO').length + h.sentTo(M, 'PING').length + h.sentTo(M, 'PUBLISH').length;
    expect(after).toBe(before);
  });
});

describe('connections (§4.1, §4.2)', () => {
  it('a new command connection names itself and pings at once; the pub/sub one subscribes', () => {
    const { h } = standardWorld();
    h.tick();
    const first = h.sends.filter((s) => s.addr.host === '10.0.0.1').map((s) => s.argv.join(' '));
    expect(first.slice(0, 5)).toEqual([
      'CLIENT SETNAME sentinel-aaaaaaaa-cmd',
      'PING',
      'CLIENT SETNAME sentinel-aaaaaaaa-pubsub',
      'SUBSCRIBE __sentinel__:hello',
      'INFO',
    ]);
  });

  it('AUTH with auth-user and auth-pass is sent first on both connections', () => {
    const h = new Harness({ conf: sentinelConf({}, [masterConf({ authPass: 'pw', authUser: 'u' })]) });
    h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
    h.tick();
    const auths = h.sentTo(M, 'AUTH').map((s) => s.argv.join(' '));
    expect(auths).toEqual(['AUTH u pw', 'AUTH u pw']);
  });

  it('renamed commands are sent under their new names', () => {
    const h = new Harness({
      conf: sentinelConf({}, [
        masterConf({
          renameCommands: [
            ['PING', 'XPING'],
            ['info', 'XINFO'],
          ],
        }),
      ]),
    });
    h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
    h.tick();
    expect(h.sentTo(M, 'XPING').length).toBe(1);
    expect(h.sentTo(M, 'XINFO').length).toBe(1);
    expect(h.sentTo(M, 'PING').length).toBe(0);
  });

  it('reconnection is attempted at most once per ping-period', () => {
    const h = new Harness();
    h.runFor(5000);
    const connects = h.effects.filter((e) => e.kind === 'connect' && e.purpose === 'cmd');
    expect(connects.length).toBe(5);
  });

  it('a command connection with a ping outstanding for down-after/2 is closed after 15 s (§4.5)', () => {
    const h = new Harness({ conf: sentinelConf({}, [masterConf({ downAfterMs: 60_000 })]) });
    const m = h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
    h.runFor(2000);
    m.pingReply = null;
    m.infoSilent = true;
    h.runFor(40_000);
    expect(h.s.marks.get('link: idle command connection closed')).toBeGreaterThan(0);
    expect(h.has('+sdown')).toBe(false);
  });

  it('a pub/sub connection without traffic for 6 s is closed once 15 s old (§4.5)', () => {
    const { h, master } = standardWorld();
    const orig = master.respond.bind(master);
    master.respond = (argv) => (argv[0] === 'SUBSCRIBE' ? null : orig(argv));
    h.runFor(16_000);
    expect(h.s.marks.get('link: idle pub/sub connection closed')).toBe(1);
  });

  it('a refused SUBSCRIBE closes the pub/sub connection and the record shows disconnected', () => {
    const { h, master } = standardWorld();
    master.respond = (argv) =>
      argv[0] === 'SUBSCRIBE'
        ? { kind: 'error', text: 'NOPERM no permission' }
        : { kind: 'status', text: 'PONG' };
    h.tick();
    expect(h.s.master('mymaster')!.link.disconnected).toBe(true);
    expect(h.s.marks.get('pubsub: SUBSCRIBE refused, connection closed')).toBe(1);
  });
});
