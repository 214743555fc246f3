// §9: hello messages.
import { describe, expect, it } from 'vitest';
import { helloFrom, PEER1, PEER2, standardWorld, twoMastersOnePeer } from './harness.js';

const M = { host: '10.0.0.1', port: 6379 };
const NEW = { host: '10.0.0.2', port: 6379 };

describe('hello processing (§9.4)', () => {
  it('a hello from an unknown Sentinel adds it (+sentinel) and persists it', () => {
    const { h, p1 } = standardWorld();
    h.runFor(300);
    h.hello(helloFrom(p1, 0, M, 0));
    expect(h.first('+sentinel')!.message).toBe(`sentinel ${PEER1} 10.0.0.11 26379 @ mymaster 10.0.0.1 6379`);
    expect(h.s.toConf().masters[0]!.knownSentinels).toEqual([
      { host: '10.0.0.11', port: 26379, runId: PEER1 },
    ]);
  });

  it('a hello with the same config epoch never overrides, even with another address', () => {
    const { h, p1 } = standardWorld();
    h.runFor(300);
    h.hello(helloFrom(p1, 0, NEW, 0));
    expect(h.has('+switch-master')).toBe(false);
    expect(h.s.master('mymaster')!.addr).toEqual(M);
    expect(h.s.marks.get('hello: same config epoch never overrides')).toBe(1);
  });

  it('a newer config epoch switches the master address (observer) and runs the reconfig script as observer', () => {
    const { h, p1 } = standardWorld({}, { clientReconfigScript: '/s.sh' });
    h.runFor(300);
    h.hello(helloFrom(p1, 3, NEW, 3));
    expect(h.eventTypes().slice(-6)).toEqual([
      '+sentinel',
      '+new-epoch',
      '+config-update-from',
      '+switch-master',
      '+slave',
      '+slave',
    ]);
    expect(h.first('+switch-master')!.message).toBe('mymaster 10.0.0.1 6379 10.0.0.2 6379');
    expect(h.s.master('mymaster')!.configEpoch).toBe(3);
    expect(h.s.currentEpoch).toBe(3);
    h.tick();
    expect(h.effects.find((e) => e.kind === 'script')).toMatchObject({
      args: ['mymaster', 'observer', 'start', '10.0.0.1', '6379', '10.0.0.2', '6379'],
    });
  });

  it('a newer config epoch with the same address only raises the config epoch', () => {
    const { h, p1 } = standardWorld();
    h.runFor(300);
    h.hello(helloFrom(p1, 2, M, 2));
    expect(h.s.master('mymaster')!.configEpoch).toBe(2);
    expect(h.has('+switch-master')).toBe(false);
  });

  it('hellos with a token count other than 8, bad numbers, or an unknown master are ignored', () => {
    const { h, p1 } = standardWorld();
    h.runFor(300);
    h.hello('1,2,3');
    h.hello(helloFrom(p1, 0, M, 0) + ',extra');
    h.hello(`10.0.0.11,x,${PEER1},0,mymaster,10.0.0.1,6379,0`);
    h.hello(helloFrom(p1, 0, M, 0, 'other'));
    expect(h.has('+sentinel')).toBe(false);
    expect(h.s.counters.get('hello: malformed')).toBe(3);
    expect(h.s.marks.get('hello: unknown master ignored')).toBe(1);
  });

  it('our own hellos coming back on the channel are dropped', () => {
    const { h } = standardWorld();
    h.runFor(5000);
    expect(h.s.master('mymaster')!.sentinels.size).toBe(0);
  });

  it('a known run id at a new address gives +sentinel-address-switch', () => {
    const { h, p1 } = standardWorld();
    h.runFor(300);
    h.hello(helloFrom(p1, 0, M, 0));
    h.hello(['10.0.0.50', 26379, PEER1, 0, 'mymaster', '10.0.0.1', 6379, 0].join(','));
    expect(h.first('+sentinel-address-switch')!.message).toBe(
      `master mymaster 10.0.0.1 6379 ip 10.0.0.50 port 26379 for ${PEER1}`,
    );
    const peers = [...h.s.master('mymaster')!.sentinels.values()];
    expect(peers.map((p) => p.addr.host)).toEqual(['10.0.0.50']);
    // One master only: no other instance to update, so no +sentinel-address-update.
    expect(h.has('+sentinel-address-update')).toBe(false);
  });

  it('a new run id at a known address gives +sentinel-invalid-addr and replaces the old one', () => {
    const { h, p1 } = standardWorld();
    h.runFor(300);
    h.hello(helloFrom(p1, 0, M, 0));
    h.hello(['10.0.0.11', 26379, PEER2, 0, 'mymaster', '10.0.0.1', 6379, 0].join(','));
    expect(h.has('+sentinel-invalid-addr')).toBe(true);
    expect([...h.s.master('mymaster')!.sentinels.keys()]).toEqual([PEER2]);
  });

  it('a higher current epoch in a hello is adopted', () => {
    const { h, p1 } = standardWorld();
    h.runFor(300);
    h.hello(helloFrom(p1, 9, M, 0));
    expect(h.s.currentEpoch).toBe(9);
    expect(h.first('+new-epoch')!.message).toBe('9');
  });

  it('hellos sent directly with PUBLISH are processed; other channels are refused', () => {
    const { h, p1 } = standardWorld();
    expect(h.command(['PUBLISH', '__sentinel__:hello', helloFrom(p1, 0, M, 0)])).toEqual({
      kind: 'int',
      value: 1,
    });
    expect(h.has('+sentinel')).toBe(true);
    expect(h.command(['PUBLISH', 'other', 'x'])).toEqual({
      kind: 'error',
      text: 'ERR Only HELLO messages are accepted by Sentinel instances.',
    });
  });

  it('the same peer under two masters shares one link (refcount 2) and is pinged once', () => {
    const { h } = twoMastersOnePeer();
    const moved = ['10.0.0.50', 26379, PEER1, 0, 'mymaster', '10.0.0.1', 6379, 0].join(',');
    h.command(['PUBLISH', '__sentinel__:hello', moved]);
    expect(h.first('+sentinel-address-update')!.message).toBe(
      `sentinel ${PEER1} 10.0.0.50 26379 @ mymaster 10.0.0.1 6379 1 additional matching instances`,
    );
    expect(h.s.master('other')!.sentinels.get(PEER1)!.addr).toEqual({ host: '10.0.0.50', port: 26379 });
    expect(h.s.toConf().masters.map((m) => m.knownSentinels[0]!.host)).toEqual(['10.0.0.50', '10.0.0.50']);
  });
});
