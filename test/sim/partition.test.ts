import { describe, expect, it } from 'vitest';
import { SocketLog, addr, world, type World } from './helpers.js';
import { bisect, bridge } from '../../src/scenarios/partitions.js';

/** Opens a→b, runs to t=100, and returns both ends' logs. */
function connected(
  w: World,
  from: 'a' | 'b' | 'c',
  to: 'a' | 'b' | 'c',
): { client: SocketLog; server: SocketLog } {
  const client = new SocketLog(w.now);
  w.ctx(from).connect(addr(to), client);
  const before = w.accepted(to).length;
  w.kernel.scheduler.runUntil(w.now() + 100);
  const server = w.accepted(to)[before] as SocketLog;
  expect(client.opened).not.toBeNull();
  return { client, server };
}

describe('partitions', () => {
  it('a one-way partition blocks one direction only', () => {
    const w = world();
    const { client, server } = connected(w, 'a', 'b');
    w.kernel.network.partition([['a', 'b']], 'blackhole');
    client.sock?.send('a->b');
    server.sock?.send('b->a');
    w.kernel.scheduler.runUntil(1000);
    expect(server.messages).toEqual([]);
    expect(client.messages).toEqual(['b->a']);
  });

  it('hold (the default): packets on a blocked path wait and arrive, in order, after the heal', () => {
    const w = world({ defaultLatency: { kind: 'constant', ms: 2 } });
    const { client, server } = connected(w, 'a', 'b');
    const id = w.kernel.network.partition(bisect(['a'], ['b']));
    for (let i = 0; i < 5; i++) client.sock?.send(i);
    w.kernel.scheduler.runUntil(5000);
    expect(server.messages).toEqual([]);
    expect(client.closed).toBeNull(); // the connection is not killed by the partition
    w.kernel.network.heal(id);
    for (let i = 5; i < 8; i++) client.sock?.send(i);
    w.kernel.scheduler.runUntil(6000);
    expect(server.messages).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(server.times[0]).toBe(5002);
  });

  it('blackhole: packets on a blocked path are lost; later ones flow after the heal', () => {
    const w = world();
    const { client, server } = connected(w, 'a', 'b');
    const id = w.kernel.network.partition(bisect(['a'], ['b']), 'blackhole');
    client.sock?.send('lost');
    w.kernel.scheduler.runUntil(500);
    w.kernel.network.heal(id);
    client.sock?.send('after');
    w.kernel.scheduler.runUntil(1000);
    expect(server.messages).toEqual(['after']);
    expect(w.kernel.network.stats.dropped).toBe(1);
  });

  it('reset: existing connections across the cut are reset at both ends and new connects are refused', () => {
    const w = world();
    const { client, server } = connected(w, 'a', 'b');
    const other = connected(w, 'a', 'c');
    w.kernel.network.partition([['a', 'b']], 'reset');
    const late = new SocketLog(w.now);
    w.ctx('b').connect(addr('a'), late); // b→a is not blocked, but a→b (the SYN-ACK's way back) is
    const fresh = new SocketLog(w.now);
    w.ctx('a').connect(addr('b'), fresh);
    w.kernel.scheduler.runUntil(w.now() + 100);
    expect(client.closed?.reason).toBe('reset');
    expect(server.closed?.reason).toBe('reset');
    expect(fresh.closed?.reason).toBe('refused');
    expect(late.opened).toBeNull(); // its SYN-ACK cannot come back
    expect(other.client.closed).toBeNull();
  });

  it('a connect across a hold or blackhole cut times out (SYNs are retransmitted, then the client gives up)', () => {
    for (const mode of ['hold', 'blackhole'] as const) {
      const w = world({ connectTimeoutMs: 3000 });
      w.kernel.network.partition(bisect(['a'], ['b']), mode);
      const log = new SocketLog(w.now);
      w.ctx('a').connect(addr('b'), log);
      w.kernel.scheduler.runUntil(10_000);
      expect(log.closed).toEqual({ reason: 'timeout', atMs: 3000 });
      expect(w.accepted('b')).toEqual([]);
    }
  });

  it('a connect whose SYN is retransmitted after the heal, before the timeout, succeeds', () => {
    const w = world({ connectTimeoutMs: 5000, defaultLatency: { kind: 'constant', ms: 1 } });
    const id = w.kernel.network.partition(bisect(['a'], ['b']));
    const log = new SocketLog(w.now);
    w.ctx('a').connect(addr('b'), log);
    w.kernel.scheduler.runUntil(1500);
    w.kernel.network.heal(id);
    w.kernel.scheduler.runUntil(10_000);
    expect(log.opened).toBe(1 + 1000 + 2000 + 1); // SYN retries at 1 s, then 2 s later
  });

  it('bridge: the two sides cannot talk, both talk to the bridge node', () => {
    const w = world();
    const ab = connected(w, 'a', 'b');
    const ac = connected(w, 'a', 'c');
    const bc = connected(w, 'b', 'c');
    w.kernel.network.partition(bridge(['a'], ['c'], ['b']), 'blackhole');
    ab.client.sock?.send('x');
    ac.client.sock?.send('x');
    bc.client.sock?.send('x');
    w.kernel.scheduler.runUntil(w.now() + 100);
    expect(ab.server.messages).toEqual([]);
    expect(ac.server.messages).toEqual(['x']);
    expect(bc.server.messages).toEqual(['x']);
  });
});
