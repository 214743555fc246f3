import { describe, expect, it } from 'vitest';
import { cluster, members, probe, server } from './redis-helpers.js';

function write(p: ReturnType<typeof probe>, ...values: number[]): void {
  for (const v of values) p.send('SADD', 'k', String(v));
}

describe('simulated redis replication', () => {
  it('a new replica waits repl-diskless-sync-delay, full-syncs, then receives the stream', () => {
    const k = cluster(2);
    const c = probe(k, 'client-1');
    k.runUntil(100);
    write(c, 1, 2, 3);
    k.runUntil(4_900);
    // Still inside the 5 s diskless delay: PSYNC is not answered yet, nothing transferred.
    expect(server(k, 'redis-2').link!.state).toBe('handshake');
    expect(members(k, 'redis-2')).toEqual([]);
    k.runUntil(6_000);
    expect(server(k, 'redis-2').link!.state).toBe('connected');
    expect(members(k, 'redis-2')).toEqual([1, 2, 3]);
    write(c, 4);
    k.runUntil(6_100);
    expect(members(k, 'redis-3')).toEqual([1, 2, 3, 4]);
    expect(server(k, 'redis-3').offset).toBe(server(k, 'redis-1').offset);
    expect(server(k, 'redis-1').master.stats.fullSyncs).toBe(2);
  });

  it('INFO shows the master with its replicas and each replica with link up and its offset', () => {
    const k = cluster(2);
    const c = probe(k, 'client-1');
    k.runUntil(7_000);
    c.send('INFO');
    k.runUntil(7_100);
    const reply = c.replies[0]!;
    expect(reply.kind).toBe('info');
    if (reply.kind !== 'info') return;
    expect(reply.info.role).toBe('master');
    expect(reply.info.runId).toMatch(/^[0-9a-f]{40}$/);
    expect(reply.info.slaves).toEqual([
      { host: '10.0.0.2', port: 6379 },
      { host: '10.0.0.3', port: 6379 },
    ]);
    const r2 = server(k, 'redis-2');
    const c2 = probe(k, 'client-2', '10.0.0.2');
    k.runUntil(7_200);
    c2.send('INFO');
    k.runUntil(7_300);
    const info2 = c2.replies[0];
    expect(info2?.kind === 'info' && info2.info).toMatchObject({
      role: 'slave',
      masterHost: '10.0.0.1',
      masterPort: 6379,
      masterLinkStatus: 'up',
      masterLinkDownSinceSeconds: null,
      slaveReplOffset: r2.offset,
      slavePriority: 100,
      replicaAnnounced: 1,
    });
  });

  it('master_link_down_since_seconds is -1 before the first sync and counts seconds after a loss', () => {
    const k = cluster(1);
    k.runUntil(100);
    expect(server(k, 'redis-2').link!.downSinceSeconds()).toBe(-1);
    k.runUntil(7_000);
    expect(server(k, 'redis-2').link!.downSinceSeconds()).toBeNull();
    k.crash('redis-1');
    k.runUntil(10_000);
    const seconds = server(k, 'redis-2').link!.downSinceSeconds();
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThanOrEqual(3);
  });

  it('a promoted replica keeps its old replid as replid2, so the other replica partial-resyncs (PSYNC2)', () => {
    const k = cluster(2);
    const c = probe(k, 'client-1');
    k.runUntil(7_000);
    write(c, 1, 2);
    k.runUntil(7_100);
    const oldReplid = server(k, 'redis-1').replid;
    const ctl = probe(k, 'ctl', '10.0.0.2');
    const ctl3 = probe(k, 'ctl3', '10.0.0.3');
    k.runUntil(7_200);
    ctl.send('SLAVEOF', 'NO', 'ONE');
    k.runUntil(7_300);
    const promoted = server(k, 'redis-2');
    expect(promoted.role).toBe('master');
    expect(promoted.replid2).toBe(oldReplid);
    expect(promoted.replid).not.toBe(oldReplid);
    ctl3.send('SLAVEOF', '10.0.0.2', '6379');
    k.runUntil(7_400);
    // No diskless delay: the replica continued from the new master's backlog.
    expect(server(k, 'redis-3').link!.state).toBe('connected');
    expect(promoted.master.stats).toEqual({ fullSyncs: 0, partialSyncs: 1 });
    expect(server(k, 'redis-3').replid).toBe(promoted.replid);
    expect(members(k, 'redis-3')).toEqual([1, 2]);
  });

  it('a replica whose offset is past second_replid_offset gets a full resync (its extra writes are lost)', () => {
    const k = cluster(1);
    const c = probe(k, 'client-1');
    k.runUntil(7_000);
    write(c, 1);
    k.runUntil(7_100);
    const ctl = probe(k, 'ctl', '10.0.0.2');
    k.runUntil(7_200);
    ctl.send('SLAVEOF', 'NO', 'ONE');
    k.runUntil(7_300);
    // The old master accepted a write the promoted replica never saw, then is demoted.
    write(c, 2);
    c.send('SLAVEOF', '10.0.0.2', '6379');
    k.runUntil(7_400);
    expect(server(k, 'redis-1').link!.state).toBe('handshake');
    k.runUntil(13_000);
    expect(server(k, 'redis-2').master.stats.fullSyncs).toBe(1);
    expect(members(k, 'redis-1')).toEqual([1]);
  });

  it('a replica too far behind the backlog gets a full resync after the diskless delay; one within it continues', () => {
    const k = cluster(1, { replBacklogBytes: 200 });
    const c = probe(k, 'client-1');
    k.runUntil(7_000);
    // Within the backlog: kill the replica link, it reconnects and continues.
    write(c, 1);
    c.send('CLIENT', 'KILL', 'TYPE', 'replica');
    write(c, 2);
    k.runUntil(8_500);
    const master = server(k, 'redis-1');
    expect(master.master.stats).toEqual({ fullSyncs: 1, partialSyncs: 1 });
    expect(members(k, 'redis-2')).toEqual([1, 2]);
    // Beyond it: 20 writes of ~40 bytes each overflow a 200-byte backlog.
    c.send('CLIENT', 'KILL', 'TYPE', 'replica');
    write(c, ...Array.from({ length: 20 }, (_, i) => 100 + i));
    k.runUntil(10_000);
    expect(master.master.stats.fullSyncs).toBe(2);
    expect(server(k, 'redis-2').link!.state).toBe('handshake');
    k.runUntil(15_500);
    expect(server(k, 'redis-2').link!.state).toBe('connected');
    expect(members(k, 'redis-2')).toHaveLength(22);
  });
});
