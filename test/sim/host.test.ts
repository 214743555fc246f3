import { describe, expect, it } from 'vitest';
import type { ProcessContext, SimProcess } from '../../src/sim/api.js';
import { Kernel } from '../../src/sim/kernel.js';
import { SocketLog, addr, world } from './helpers.js';

describe('hosts: pause (SIGSTOP)', () => {
  it('a paused process runs nothing: its timers fire late, at resume, in order', () => {
    const w = world();
    const fired: [string, number][] = [];
    const ctx = w.ctx('b');
    ctx.setTimer(10, () => fired.push(['t10', w.now()]));
    ctx.setTimer(20, () => fired.push(['t20', w.now()]));
    ctx.setTimer(500, () => fired.push(['t500', w.now()]));
    w.kernel.scheduler.runUntil(5);
    w.kernel.pauseNode(w.kernel.node('b'));
    w.kernel.scheduler.runUntil(100);
    expect(fired).toEqual([]);
    w.kernel.resumeNode(w.kernel.node('b'));
    w.kernel.scheduler.runUntil(1000);
    expect(fired).toEqual([
      ['t10', 100],
      ['t20', 100],
      ['t500', 500],
    ]);
  });

  it('a timer cleared while it is held by a pause never fires', () => {
    const w = world();
    const fired: number[] = [];
    const id = w.ctx('b').setTimer(10, () => fired.push(w.now()));
    w.kernel.pauseNode(w.kernel.node('b'));
    w.kernel.scheduler.runUntil(50);
    w.ctx('b').clearTimer(id);
    w.kernel.resumeNode(w.kernel.node('b'));
    w.kernel.scheduler.runUntil(100);
    expect(fired).toEqual([]);
  });

  it('deliveries to a paused process wait; its connections stay open; messages are processed in order on resume', () => {
    const w = world({ defaultLatency: { kind: 'constant', ms: 1 } });
    const client = new SocketLog(w.now);
    const sock = w.ctx('a').connect(addr('b'), client);
    w.kernel.scheduler.runUntil(10);
    w.kernel.pauseNode(w.kernel.node('b'));
    for (let i = 0; i < 5; i++) sock.send(i);
    w.kernel.scheduler.runUntil(3000);
    const server = w.accepted('b')[0] as SocketLog;
    expect(server.messages).toEqual([]);
    expect(client.closed).toBeNull();
    expect(sock.state).toBe('open');
    w.kernel.resumeNode(w.kernel.node('b'));
    w.kernel.scheduler.runUntil(3001);
    expect(server.messages).toEqual([0, 1, 2, 3, 4]);
    expect(server.times).toEqual([3000, 3000, 3000, 3000, 3000]);
  });

  it('a connect to a paused process completes in the kernel; the accept runs at resume, before queued data', () => {
    const w = world({ defaultLatency: { kind: 'constant', ms: 1 } });
    w.kernel.pauseNode(w.kernel.node('b'));
    const client = new SocketLog(w.now);
    const sock = w.ctx('a').connect(addr('b'), client);
    sock.send('hello');
    w.kernel.scheduler.runUntil(100);
    expect(client.opened).toBe(2);
    expect(w.accepted('b')).toEqual([]);
    w.kernel.resumeNode(w.kernel.node('b'));
    w.kernel.scheduler.runUntil(101);
    expect(w.accepted('b')[0]?.messages).toEqual(['hello']);
  });

  it('nested pauses (node inside host) need every resume', () => {
    const w = world();
    const fired: number[] = [];
    w.ctx('b').setTimer(10, () => fired.push(w.now()));
    const b = w.kernel.node('b');
    w.kernel.pauseNode(b);
    w.kernel.pauseNode(b);
    w.kernel.scheduler.runUntil(50);
    w.kernel.resumeNode(b);
    w.kernel.scheduler.runUntil(60);
    expect(fired).toEqual([]);
    w.kernel.resumeNode(b);
    w.kernel.scheduler.runUntil(70);
    expect(fired).toEqual([60]);
  });
});

describe('hosts: crashes and restarts', () => {
  it("crash mode 'process': peers see 'reset' at once, new connects are refused, timers die", () => {
    const w = world({ defaultLatency: { kind: 'constant', ms: 1 } });
    const client = new SocketLog(w.now);
    w.ctx('a').connect(addr('b'), client);
    const fired: number[] = [];
    w.ctx('b').setTimer(100, () => fired.push(w.now()));
    w.kernel.scheduler.runUntil(10);
    w.kernel.crashProcess(w.kernel.node('b'));
    const refused = new SocketLog(w.now);
    w.ctx('a').connect(addr('b'), refused);
    w.kernel.scheduler.runUntil(1000);
    expect(client.closed).toEqual({ reason: 'reset', atMs: 11 });
    expect(refused.closed).toEqual({ reason: 'refused', atMs: 12 });
    expect(fired).toEqual([]);
  });

  it("crash mode 'host': silence — peers notice nothing, connects time out; after reboot old connections get RST", () => {
    const w = world({ defaultLatency: { kind: 'constant', ms: 1 }, connectTimeoutMs: 500 });
    const client = new SocketLog(w.now);
    const sock = w.ctx('a').connect(addr('b'), client);
    w.kernel.scheduler.runUntil(10);
    w.kernel.crashHost(w.kernel.host('b'));
    sock.send('into the void');
    const late = new SocketLog(w.now);
    w.ctx('a').connect(addr('b'), late);
    w.kernel.scheduler.runUntil(2000);
    expect(client.closed).toBeNull();
    expect(late.closed).toEqual({ reason: 'timeout', atMs: 510 });
    w.kernel.restartHost(w.kernel.host('b'));
    sock.send('hello again');
    w.kernel.scheduler.runUntil(3000);
    expect(client.closed).toEqual({ reason: 'reset', atMs: 2002 });
  });

  it('a restart runs start() on a fresh instance with the same durable map; the random stream continues', () => {
    const kernel = new Kernel({ seed: 9 });
    kernel.addHost({ name: 'h', ip: '10.0.0.1' });
    const instances: Counter[] = [];
    class Counter implements SimProcess {
      boots = 0;
      draw = 0;
      start(ctx: ProcessContext): void {
        instances.push(this);
        const n = ((ctx.durable.get('boots') as number | undefined) ?? 0) + 1;
        ctx.durable.set('boots', n);
        this.boots = n;
        this.draw = ctx.random.next();
      }
    }
    kernel.addNode({ name: 'n', host: 'h', factory: () => new Counter() });
    kernel.start();
    kernel.scheduler.runUntil(1);
    kernel.crashProcess(kernel.node('n'));
    kernel.restartProcess(kernel.node('n'));
    expect(instances).toHaveLength(2);
    expect(instances[0]).not.toBe(instances[1]);
    expect(instances.map((i) => i.boots)).toEqual([1, 2]);
    expect(instances[0]?.draw).not.toBe(instances[1]?.draw);
    expect(kernel.history.map((r) => r.payload)).toEqual([
      { kind: 'process', state: 'up' },
      { kind: 'process', state: 'crashed' },
      { kind: 'process', state: 'restarted' },
    ]);
  });

  it('a timer set before a crash does not fire in the restarted process, whose own timers do', () => {
    const w = world();
    const fired: string[] = [];
    w.ctx('b').setTimer(100, () => fired.push('old'));
    w.kernel.scheduler.runUntil(10);
    w.kernel.crashProcess(w.kernel.node('b'));
    w.kernel.restartProcess(w.kernel.node('b'));
    const fresh = w.ctx('b');
    const cleared = fresh.setTimer(90, () => fired.push('cleared'));
    fresh.setTimer(90, () => fired.push('new'));
    fresh.clearTimer(cleared);
    w.kernel.scheduler.runUntil(1000);
    expect(fired).toEqual(['new']);
  });

  it('a dead process’s context is inert: no timers, no sockets, no records, no listeners', () => {
    const w = world();
    const old = w.ctx('b');
    w.kernel.crashProcess(w.kernel.node('b'));
    const fired: number[] = [];
    old.setTimer(1, () => fired.push(1));
    const sock = old.connect(addr('a'), new SocketLog(w.now));
    old.record({ kind: 'healed' });
    w.kernel.scheduler.runUntil(5000);
    expect(fired).toEqual([]);
    expect(sock.state).toBe('closed');
    expect(w.kernel.history.some((r) => r.payload.kind === 'healed')).toBe(false);
    // the port is free again: a connect to it is refused
    const probe = new SocketLog(w.now);
    w.ctx('a').connect(addr('b'), probe);
    w.kernel.scheduler.runUntil(6000);
    expect(probe.closed?.reason).toBe('refused');
  });

  it('a host with a boot delay refuses connects while restarting, then accepts', () => {
    const kernel = new Kernel({ seed: 1, defaultLatency: { kind: 'constant', ms: 1 } });
    kernel.addHost({ name: 'a', ip: '10.0.0.1' });
    kernel.addHost({ name: 'b', ip: '10.0.0.2', bootDelayMs: 1000 });
    let actx: ProcessContext | null = null;
    kernel.addNode({ name: 'a', host: 'a', factory: () => ({ start: (c) => void (actx = c) }) });
    kernel.addNode({
      name: 'b',
      host: 'b',
      factory: () => ({
        start: (c) => c.listen(6379, () => ({ onMessage: () => undefined, onClose: () => undefined })),
      }),
    });
    kernel.start();
    kernel.scheduler.runUntil(0);
    kernel.crashHost(kernel.host('b'));
    kernel.restartHost(kernel.host('b'));
    expect(kernel.host('b').state).toBe('restarting');
    const early = new SocketLog(() => kernel.scheduler.nowMs);
    (actx as unknown as ProcessContext).connect(addr('b'), early);
    kernel.scheduler.runUntil(1500);
    expect(early.closed?.reason).toBe('refused');
    const late = new SocketLog(() => kernel.scheduler.nowMs);
    (actx as unknown as ProcessContext).connect(addr('b'), late);
    kernel.scheduler.runUntil(2000);
    expect(late.opened).not.toBeNull();
  });

  it('records carry true time, the host’s local time and the node', () => {
    const kernel = new Kernel({ seed: 1 });
    kernel.addHost({ name: 'h', ip: '10.0.0.1', clock: { offsetMs: 1000, driftPpm: 1000 } });
    kernel.addNode({
      name: 'n',
      host: 'h',
      factory: () => ({ start: (c) => c.setTimer(100, () => c.record({ kind: 'healed' })) }),
    });
    kernel.start();
    kernel.scheduler.runUntil(1000);
    const rec = kernel.history.find((r) => r.payload.kind === 'healed');
    expect(rec?.node).toBe('n');
    expect(rec?.trueMs).toBe(99.9); // a fast clock's 100 ms pass sooner (99.9000999…, to the µs)
    expect(rec?.localMs).toBeCloseTo(1100, 3);
  });
});
