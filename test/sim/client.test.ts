import { describe, expect, it } from 'vitest';
import type { HistoryPayload } from '../../src/check/history.js';
import type { ProcessContext, SimProcess } from '../../src/sim/api.js';
import { WorkloadClient, type ClientOptions } from '../../src/sim/client.js';
import { fixedDiscovery, sentinelDiscovery, type DiscoveryStrategy } from '../../src/sim/discovery.js';
import { arr, asRedisMessage, bulk, nullBulk } from '../../src/sim/redis/protocol.js';
import type { FakeKernel } from './fake-kernel.js';
import { cluster, members, server } from './redis-helpers.js';

type Op = Extract<HistoryPayload, { kind: 'op' }>;

function ops(k: FakeKernel): Op[] {
  return k.history.map((r) => r.payload).filter((p): p is Op => p.kind === 'op');
}

function addClient(k: FakeKernel, discovery: DiscoveryStrategy, extra: Partial<ClientOptions> = {}): void {
  const opts: ClientOptions = {
    index: 1,
    key: 'k',
    writesPerSec: 10,
    opTimeoutMs: 1000,
    activeForMs: 1_000_000,
    connectTimeoutMs: 1000,
    discovery,
    nodeAt: k.nodeAt,
    rediscoverAfterTimeouts: null,
    ...extra,
  };
  k.add('client-1', () => new WorkloadClient(opts));
}

/** A stand-in Sentinel that answers GET-MASTER-ADDR-BY-NAME with whatever `answer` says now. */
class StubSentinel implements SimProcess {
  constructor(private readonly answer: () => [string, string] | null) {}
  start(ctx: ProcessContext): void {
    ctx.listen(26379, (sock) => ({
      onMessage: (_s, m) => {
        const msg = asRedisMessage(m);
        if (msg?.t !== 'cmd') return;
        const a = this.answer();
        sock.send({ t: 'reply', reply: a === null ? nullBulk : arr(a.map(bulk)) });
      },
      onClose: () => {},
    }));
  }
}

describe('workload client', () => {
  it('records invoke then exactly one completion per write, and acknowledged values are on the master', () => {
    const k = cluster(1);
    addClient(k, fixedDiscovery({ host: '10.0.0.1', port: 6379 }));
    k.runUntil(3_000);
    const all = ops(k);
    const invoked = all.filter((o) => o.phase === 'invoke').map((o) => o.opId);
    const completed = all.filter((o) => o.phase !== 'invoke').map((o) => o.opId);
    expect(invoked.length).toBeGreaterThanOrEqual(29);
    expect(new Set(invoked).size).toBe(invoked.length);
    // Every op but possibly the last in flight completed exactly once.
    expect(completed.length).toBeGreaterThanOrEqual(invoked.length - 1);
    expect(new Set(completed).size).toBe(completed.length);
    const acked = all.filter((o) => o.phase === 'ok').map((o) => o.value!);
    expect(acked.length).toBeGreaterThan(0);
    expect(members(k, 'redis-1')).toEqual(expect.arrayContaining(acked));
    expect(all.every((o) => o.target === 'redis-1')).toBe(true);
  });

  it('writes in flight when the master crashes are recorded as unknown (info), later ones fail', () => {
    const k = cluster(0);
    k.latencyMs = 50;
    addClient(k, fixedDiscovery({ host: '10.0.0.1', port: 6379 }));
    k.runUntil(1_020);
    k.crash('redis-1');
    k.runUntil(2_000);
    const all = ops(k);
    const infos = all.filter((o) => o.phase === 'info');
    expect(infos.length).toBeGreaterThan(0);
    expect(infos[0]!.error).toMatch(/^CONNLOST/);
    expect(all.filter((o) => o.phase === 'fail').length).toBeGreaterThan(0);
  });

  it('a write that gets no reply within opTimeoutMs is unknown, and its late reply is ignored', () => {
    const k = cluster(0);
    addClient(k, fixedDiscovery({ host: '10.0.0.1', port: 6379 }), { opTimeoutMs: 300 });
    k.runUntil(500);
    k.partition('client-1', 'redis-1');
    k.runUntil(1_000);
    k.heal();
    k.runUntil(1_500);
    const all = ops(k);
    const timedOut = all.filter((o) => o.phase === 'info').map((o) => o.opId);
    expect(timedOut.length).toBeGreaterThan(0);
    for (const id of timedOut)
      expect(all.filter((o) => o.opId === id && o.phase !== 'invoke')).toHaveLength(1);
  });

  it('with sentinel discovery it follows the address Sentinels give, verifying the role with INFO', () => {
    const k = cluster(1);
    let master: [string, string] | null = null;
    k.add('sentinel-1', () => new StubSentinel(() => null));
    k.add('sentinel-2', () => new StubSentinel(() => master));
    const sentinels = [k.addrOf('sentinel-1', 26379), k.addrOf('sentinel-2', 26379)];
    addClient(k, sentinelDiscovery({ sentinels, masterName: 'mymaster', commandTimeoutMs: 500 }));
    k.runUntil(2_000);
    // No Sentinel knows the master yet: writes fail without a connection.
    expect(ops(k).filter((o) => o.phase === 'ok')).toHaveLength(0);
    // A Sentinel points at the replica: the INFO check rejects it.
    master = ['10.0.0.2', '6379'];
    k.runUntil(4_000);
    expect(ops(k).filter((o) => o.phase === 'ok')).toHaveLength(0);
    master = ['10.0.0.1', '6379'];
    k.runUntil(7_000);
    const oks = ops(k).filter((o) => o.phase === 'ok');
    expect(oks.length).toBeGreaterThan(0);
    expect(oks.every((o) => o.target === 'redis-1')).toBe(true);
  });

  function silentMasterRun(rediscoverAfterTimeouts: number | null): Op[] {
    const k = cluster(1);
    let master: [string, string] = ['10.0.0.1', '6379'];
    k.add('sentinel-1', () => new StubSentinel(() => master));
    const sentinels = [k.addrOf('sentinel-1', 26379)];
    addClient(k, sentinelDiscovery({ sentinels, masterName: 'm', commandTimeoutMs: 500 }), {
      opTimeoutMs: 300,
      rediscoverAfterTimeouts,
    });
    k.runUntil(7_000);
    // The master falls silent for this client (no reset), and the Sentinels promote redis-2.
    k.partition('client-1', 'redis-1');
    server(k, 'redis-2').setMaster(null);
    master = ['10.0.0.2', '6379'];
    k.runUntil(12_000);
    return ops(k);
  }

  it('with rediscoverAfterTimeouts, consecutive timeouts make the client ask the Sentinels again and move on', () => {
    const after = silentMasterRun(3).filter((o) => o.phase === 'ok');
    expect(after.at(-1)?.target).toBe('redis-2');
  });

  it('without it, the client stays on a silent master (ioredis without keepalive detection)', () => {
    const all = silentMasterRun(null);
    expect(all.filter((o) => o.phase === 'ok' && o.target === 'redis-2')).toHaveLength(0);
    expect(all.filter((o) => o.phase === 'info' && o.target === 'redis-1').length).toBeGreaterThan(10);
  });

  it('on -READONLY the client rediscovers and moves to the new master', () => {
    const k = cluster(1);
    let master: [string, string] = ['10.0.0.1', '6379'];
    k.add('sentinel-1', () => new StubSentinel(() => master));
    addClient(
      k,
      sentinelDiscovery({
        sentinels: [k.addrOf('sentinel-1', 26379)],
        masterName: 'm',
        commandTimeoutMs: 500,
      }),
    );
    k.runUntil(7_000);
    // Swap roles behind the client's back, without killing its connection.
    const r1 = server(k, 'redis-1');
    const r2 = server(k, 'redis-2');
    r2.setMaster(null);
    r1.setMaster({ host: '10.0.0.2', port: 6379 });
    master = ['10.0.0.2', '6379'];
    k.runUntil(10_000);
    const all = ops(k);
    expect(all.some((o) => o.phase === 'fail' && o.error?.startsWith('READONLY'))).toBe(true);
    expect(all.filter((o) => o.phase === 'ok').at(-1)?.target).toBe('redis-2');
  });
});
