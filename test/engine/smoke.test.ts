import { describe, expect, it } from 'vitest';
import { introducePeers, standardWorld } from './harness.js';

describe('end-to-end failover with fake servers (§15)', () => {
  it('a crashed master is failed over to a replica and the switch is announced', () => {
    const { h, master, r1, r2, p1, p2 } = standardWorld();
    h.runFor(1000);
    introducePeers(h, [p1, p2]);
    h.runFor(3000);
    expect(h.eventTypes().filter((t) => t === '+slave')).toHaveLength(2);
    expect(h.has('+sdown')).toBe(false);
    r1.offset = 100;
    r2.offset = 50;
    h.runFor(11_000);
    const crashAt = h.nowMs;
    h.crash(master, 'reset');
    h.runUntil(() => h.has('+switch-master'), 30_000);
    const types = h.eventTypes();
    const order = [
      '+sdown',
      '+odown',
      '+try-failover',
      '+vote-for-leader',
      '+elected-leader',
      '+failover-state-select-slave',
      '+selected-slave',
      '+failover-state-send-slaveof-noone',
      '+failover-state-wait-promotion',
      '+promoted-slave',
      '+failover-state-reconf-slaves',
      '+slave-reconf-sent',
      '+slave-reconf-inprog',
      '+slave-reconf-done',
      '+failover-end',
      '+switch-master',
    ];
    let last = -1;
    for (const t of order) {
      const i = types.indexOf(t, last + 1);
      expect(i, `${t} after index ${last}: ${types.join(' ')}`).toBeGreaterThan(last);
      last = i;
    }
    expect(h.first('+switch-master')!.message).toBe('mymaster 10.0.0.1 6379 10.0.0.2 6379');
    expect(h.first('+selected-slave')!.message).toContain(
      'slave 10.0.0.2:6379 10.0.0.2 6379 @ mymaster 10.0.0.1 6379',
    );
    expect(h.first('+sdown')!.atMs - crashAt).toBeGreaterThan(3500);
    expect(h.s.master('mymaster')!.addr).toEqual({ host: '10.0.0.2', port: 6379 });
    expect(h.s.master('mymaster')!.configEpoch).toBe(1);
  });
});
