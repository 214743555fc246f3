import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { SocketLog, addr, world } from './helpers.js';

describe('network: connections', () => {
  it('a connect to a listening process opens after one round trip and messages flow both ways', () => {
    const w = world({ echo: true, defaultLatency: { kind: 'constant', ms: 5 } });
    const log = new SocketLog(w.now);
    const sock = w.ctx('a').connect(addr('b'), log);
    sock.send('before-open'); // buffered until the connection opens
    w.kernel.scheduler.runUntil(100);
    expect(log.opened).toBe(10);
    expect(w.accepted('b')[0]?.messages).toEqual(['before-open']);
    expect(log.messages).toEqual(['before-open']);
    expect(log.times).toEqual([20]);
  });

  it('127.0.0.1 and localhost reach the connecting host itself over the loopback link', () => {
    const w = world({
      defaultLatency: { kind: 'constant', ms: 5 },
      loopbackLatency: { kind: 'constant', ms: 0.5 },
    });
    for (const host of ['127.0.0.1', 'localhost']) {
      const log = new SocketLog(w.now);
      const start = w.now();
      w.ctx('b').connect({ host, port: 6379 }, log);
      w.kernel.scheduler.runUntil(start + 10);
      expect(log.opened).toBe(start + 1);
    }
    expect(w.accepted('b')).toHaveLength(2);
  });

  it('a server that greets from onAccept: the client opens first, then receives the greeting', () => {
    const w = world({ defaultLatency: { kind: 'uniform', minMs: 0, maxMs: 10 } });
    const greeter = w.kernel.node('c');
    const ctx = w.ctx('c');
    ctx.listen(7000, (sock) => {
      sock.send('hello');
      return { onMessage: () => undefined, onClose: () => undefined };
    });
    const order: string[] = [];
    w.ctx('a').connect(addr('c', 7000), {
      onOpen: () => order.push('open'),
      onMessage: (_s, m) => order.push(String(m)),
      onClose: () => order.push('close'),
    });
    w.kernel.scheduler.runUntil(100);
    expect(greeter.running).toBe(true);
    expect(order).toEqual(['open', 'hello']);
  });

  it('a connect to a port nobody listens on is refused after a round trip, not timed out', () => {
    const w = world({ defaultLatency: { kind: 'constant', ms: 5 } });
    const log = new SocketLog(w.now);
    w.ctx('a').connect(addr('b', 9999), log);
    w.kernel.scheduler.runUntil(5000);
    expect(log.closed).toEqual({ reason: 'refused', atMs: 10 });
    expect(log.opened).toBeNull();
  });

  it('a connect to an address no host has times out after connectTimeoutMs', () => {
    const w = world({ connectTimeoutMs: 700 });
    const log = new SocketLog(w.now);
    w.ctx('a').connect({ host: '10.9.9.9', port: 6379 }, log);
    w.kernel.scheduler.runUntil(5000);
    expect(log.closed).toEqual({ reason: 'timeout', atMs: 700 });
  });

  it('a per-call connectTimeoutMs overrides the default', () => {
    const w = world({ connectTimeoutMs: 700 });
    const log = new SocketLog(w.now);
    w.ctx('a').connect({ host: '10.9.9.9', port: 6379 }, log, { connectTimeoutMs: 50 });
    w.kernel.scheduler.runUntil(5000);
    expect(log.closed?.atMs).toBe(50);
  });

  it('close(): the peer sees "closed" after every message sent before it', () => {
    const w = world({ defaultLatency: { kind: 'uniform', minMs: 1, maxMs: 30 } });
    const log = new SocketLog(w.now);
    const sock = w.ctx('a').connect(addr('b'), log);
    w.kernel.scheduler.runUntil(100);
    for (let i = 0; i < 20; i++) sock.send(i);
    sock.close();
    expect(sock.state).toBe('closed');
    sock.send('after-close'); // a no-op
    w.kernel.scheduler.runUntil(1000);
    const server = w.accepted('b')[0] as SocketLog;
    expect(server.messages).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(server.closed?.reason).toBe('closed');
    expect(log.closed).toBeNull(); // no callback for one's own close
  });

  it('close() before the connection opened aborts it: buffered messages are discarded, the server sees a reset', () => {
    const w = world({ defaultLatency: { kind: 'constant', ms: 5 } });
    const sock = w.ctx('a').connect(addr('b'), new SocketLog(w.now));
    sock.send('buffered');
    w.kernel.scheduler.runUntil(7); // the SYN has reached b (accepted at 5), its SYN-ACK has not come back
    sock.close();
    w.kernel.scheduler.runUntil(1000);
    const server = w.accepted('b')[0] as SocketLog;
    expect(server.messages).toEqual([]);
    expect(server.closed?.reason).toBe('reset');
  });

  it('reset(): the peer sees "reset" and the messages still in flight are discarded', () => {
    const w = world({ defaultLatency: { kind: 'constant', ms: 10 } });
    const log = new SocketLog(w.now);
    const sock = w.ctx('a').connect(addr('b'), log);
    w.kernel.scheduler.runUntil(100);
    sock.send('in-flight');
    sock.reset();
    w.kernel.scheduler.runUntil(1000);
    const server = w.accepted('b')[0] as SocketLog;
    expect(server.messages).toEqual([]);
    expect(server.closed?.reason).toBe('reset');
    expect(w.kernel.network.stats.resets).toBe(1);
  });

  test.prop(
    [
      fc.integer(),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.constantFrom('a', 'b')), {
        minLength: 1,
        maxLength: 60,
      }),
      fc.constantFrom(
        { kind: 'uniform', minMs: 0, maxMs: 50 } as const,
        { kind: 'exponential', minMs: 1, meanMs: 20 } as const,
        { kind: 'long-tail', baseMs: 2, tailProbability: 0.3, alpha: 1.2, maxMs: 500 } as const,
      ),
    ],
    { numRuns: 60 },
  )('each direction of a connection is FIFO whatever the latencies sampled', (seed, sends, latency) => {
    const w = world({ seed, defaultLatency: latency });
    const client = new SocketLog(w.now);
    const sock = w.ctx('a').connect(addr('b'), client);
    w.kernel.scheduler.runUntil(1000);
    const server = w.accepted('b')[0] as SocketLog;
    const sent = { a: [] as number[], b: [] as number[] };
    sends.forEach(([atMs, from], i) => {
      w.kernel.scheduler.at(1000 + atMs, () => {
        sent[from].push(i);
        if (from === 'a') sock.send(i);
        else server.sock?.send(i);
      });
    });
    w.kernel.scheduler.runUntil(10_000);
    expect(server.messages).toEqual(sent.a);
    expect(client.messages).toEqual(sent.b);
    for (const log of [server, client]) {
      for (let i = 1; i < log.times.length; i++)
        expect(log.times[i]).toBeGreaterThanOrEqual(log.times[i - 1] as number);
    }
  });
});

describe('network: link degradation', () => {
  it('loss delays a message by retransmissions but keeps the stream ordered (head-of-line blocking)', () => {
    const w = world({ seed: 3, defaultLatency: { kind: 'constant', ms: 1 } });
    const log = new SocketLog(w.now);
    const sock = w.ctx('a').connect(addr('b'), log);
    w.kernel.scheduler.runUntil(100);
    w.kernel.network.links.degrade(0, 1, { lossRate: 0.5 });
    for (let i = 0; i < 200; i++) sock.send(i);
    w.kernel.scheduler.runUntil(1_000_000);
    const server = w.accepted('b')[0] as SocketLog;
    expect(server.messages).toEqual(Array.from({ length: 200 }, (_, i) => i));
    const stats = w.kernel.network.stats;
    expect(stats.retransmissions).toBeGreaterThan(50);
    // some message waited at least one RTO (200 ms), and everything behind it waited too
    expect(Math.max(...server.times)).toBeGreaterThanOrEqual(100 + 200);
  });

  it('duplication is counted and invisible: each message arrives exactly once', () => {
    const w = world({ seed: 4 });
    const sock = w.ctx('a').connect(addr('b'), new SocketLog(w.now));
    w.kernel.scheduler.runUntil(100);
    w.kernel.network.links.degrade(0, 1, { duplicateRate: 0.5 });
    for (let i = 0; i < 100; i++) sock.send(i);
    w.kernel.scheduler.runUntil(1000);
    expect(w.accepted('b')[0]?.messages).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(w.kernel.network.stats.duplicates).toBeGreaterThan(20);
  });

  it('bandwidth adds a serialisation delay per message (bytes / KBps ms), one message at a time', () => {
    const w = world({ defaultLatency: { kind: 'constant', ms: 1 }, messageSizeBytes: () => 1000 });
    const sock = w.ctx('a').connect(addr('b'), new SocketLog(w.now));
    w.kernel.scheduler.runUntil(100);
    w.kernel.network.links.degrade(0, 1, { bandwidthKBps: 100 }); // 1000 bytes → 10 ms each
    for (let i = 0; i < 5; i++) sock.send(i);
    w.kernel.scheduler.runUntil(1000);
    expect(w.accepted('b')[0]?.times).toEqual([111, 121, 131, 141, 151]);
  });

  it('setLink by host name sets one direction, or both when symmetric', () => {
    const w = world();
    w.kernel.network.setLink('a', 'b', { latency: { kind: 'constant', ms: 7 } });
    w.kernel.network.setLink('10.0.0.1', 'c', { latency: { kind: 'constant', ms: 9 } }, { symmetric: true });
    const links = w.kernel.network.links;
    expect(links.get(0, 1).params.latency).toEqual({ kind: 'constant', ms: 7 });
    expect(links.get(1, 0).params.latency).toEqual({ kind: 'constant', ms: 1 });
    expect(links.get(0, 2).params.latency).toEqual({ kind: 'constant', ms: 9 });
    expect(links.get(2, 0).params.latency).toEqual({ kind: 'constant', ms: 9 });
    expect(() => w.kernel.network.setLink('a', 'nowhere', {})).toThrow(/unknown host 'nowhere'/);
  });

  it('restoring a degraded link brings back its base parameters', () => {
    const w = world({ defaultLatency: { kind: 'constant', ms: 1 } });
    const id = w.kernel.network.links.degrade(0, 1, { latency: { kind: 'constant', ms: 50 } });
    expect(w.kernel.network.links.get(0, 1).params.latency).toEqual({ kind: 'constant', ms: 50 });
    expect(w.kernel.network.links.get(1, 0).params.latency).toEqual({ kind: 'constant', ms: 1 });
    w.kernel.network.links.restore(id);
    expect(w.kernel.network.links.get(0, 1).params.latency).toEqual({ kind: 'constant', ms: 1 });
  });

  it('rejects invalid link parameters with a typed error naming the field', () => {
    const w = world();
    expect(() => w.kernel.network.links.degrade(0, 1, { lossRate: 1.5 })).toThrow(/lossRate/);
    expect(() =>
      w.kernel.network.links.degrade(0, 1, { latency: { kind: 'uniform', minMs: 5, maxMs: 1 } }),
    ).toThrow(/maxMs/);
  });
});

describe('network: message sizes', () => {
  it('the size function is asked only about the caller’s own messages, never about control segments', () => {
    const asked: unknown[] = [];
    const w = world({
      messageSizeBytes: (m) => {
        asked.push(m);
        return 100;
      },
    });
    w.kernel.network.links.setBase(0, 1, { bandwidthKBps: 10 });
    w.kernel.network.links.setBase(1, 0, { bandwidthKBps: 10 });
    const sock = w.ctx('a').connect(addr('b'), new SocketLog(w.now));
    sock.send('payload');
    w.kernel.scheduler.runUntil(100);
    sock.close();
    w.kernel.scheduler.runUntil(1000);
    expect(asked).toEqual(['payload']);
    expect(w.accepted('b')[0]?.closed?.reason).toBe('closed');
  });
});
