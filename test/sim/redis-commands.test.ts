import { describe, expect, it } from 'vitest';
import { cluster, members, probe, server } from './redis-helpers.js';

describe('simulated redis commands', () => {
  it("MULTI queues Sentinel's reconfiguration transaction and EXEC runs it with per-command replies (§10.1)", () => {
    const k = cluster(1);
    const sentinel = probe(k, 'sentinel-1', '10.0.0.2');
    k.runUntil(7_000);
    for (const argv of [
      ['MULTI'],
      ['SLAVEOF', 'NO', 'ONE'],
      ['CONFIG', 'REWRITE'],
      ['CLIENT', 'KILL', 'TYPE', 'normal'],
      ['CLIENT', 'KILL', 'TYPE', 'pubsub'],
      ['NOSUCHCMD', 'x'],
    ]) {
      sentinel.send(...argv);
    }
    k.runUntil(7_100);
    expect(sentinel.replies.map((r) => r.kind === 'status' && r.text)).toEqual([
      'OK',
      'QUEUED',
      'QUEUED',
      'QUEUED',
      'QUEUED',
      false,
    ]);
    // The unknown command poisoned the transaction: EXEC aborts and nothing ran.
    sentinel.send('EXEC');
    k.runUntil(7_200);
    expect(sentinel.replies[6]).toMatchObject({ kind: 'error', text: expect.stringMatching(/^EXECABORT/) });
    expect(server(k, 'redis-2').role).toBe('replica');
    sentinel.send('MULTI');
    sentinel.send('SLAVEOF', 'NO', 'ONE');
    sentinel.send('CLIENT', 'KILL', 'TYPE', 'bogus');
    sentinel.send('EXEC');
    k.runUntil(7_300);
    const exec = sentinel.replies[10]!;
    expect(exec.kind).toBe('array');
    if (exec.kind !== 'array') return;
    expect(exec.items[0]).toEqual({ kind: 'status', text: 'OK' });
    expect(exec.items[1]?.kind).toBe('error');
    expect(server(k, 'redis-2').role).toBe('master');
  });

  it('CLIENT KILL TYPE normal kills the other normal clients but spares the caller (SKIPME yes)', () => {
    const k = cluster(1);
    const caller = probe(k, 'sentinel-1');
    const app = probe(k, 'client-1');
    const sub = probe(k, 'client-2');
    k.runUntil(7_000);
    sub.send('SUBSCRIBE', '__sentinel__:hello');
    caller.send('CLIENT', 'KILL', 'TYPE', 'normal');
    k.runUntil(7_100);
    expect(caller.replies[0]).toEqual({ kind: 'int', value: 1 });
    expect(app.closed).toBe('closed');
    expect(caller.closed).toBeNull();
    expect(sub.closed).toBeNull();
    // The replica's replication link is not a normal client either.
    expect(server(k, 'redis-2').link!.state).toBe('connected');
    caller.send('CLIENT', 'KILL', 'TYPE', 'pubsub');
    k.runUntil(7_200);
    expect(caller.replies[1]).toEqual({ kind: 'int', value: 1 });
    expect(sub.closed).toBe('closed');
  });

  it('PUBLISH fans a hello out to every subscriber of the channel', () => {
    const k = cluster(0);
    const a = probe(k, 'sentinel-1');
    const b = probe(k, 'sentinel-2');
    const pub = probe(k, 'sentinel-3');
    k.runUntil(100);
    a.send('SUBSCRIBE', '__sentinel__:hello');
    b.send('SUBSCRIBE', '__sentinel__:hello');
    k.runUntil(200);
    pub.send('PUBLISH', '__sentinel__:hello', 'hello-payload');
    pub.send('PUBLISH', 'other', 'x');
    k.runUntil(300);
    expect(pub.replies).toEqual([
      { kind: 'int', value: 2 },
      { kind: 'int', value: 0 },
    ]);
    expect(a.pushes).toEqual(['hello-payload']);
    expect(b.pushes).toEqual(['hello-payload']);
    // A subscribed connection may not run ordinary commands.
    a.send('SADD', 'k', '1');
    k.runUntil(400);
    expect(a.replies[1]?.kind).toBe('error');
  });

  it('a replica refuses writes with -READONLY', () => {
    const k = cluster(1);
    const c = probe(k, 'client-1', '10.0.0.2');
    k.runUntil(100);
    c.send('SADD', 'k', '1');
    k.runUntil(200);
    expect(c.replies[0]).toEqual({
      kind: 'error',
      text: "READONLY You can't write against a read only replica.",
    });
  });

  it('min-replicas-to-write refuses writes unless enough replicas acked within min-replicas-max-lag', () => {
    const k = cluster(1, { minReplicasToWrite: 1, minReplicasMaxLagS: 2 });
    const c = probe(k, 'client-1');
    k.runUntil(100);
    // The replica has not synced yet.
    c.send('SADD', 'k', '1');
    k.runUntil(7_000);
    c.send('SADD', 'k', '2');
    k.runUntil(7_100);
    expect(c.replies[0]).toEqual({ kind: 'error', text: 'NOREPLICAS Not enough good replicas to write.' });
    expect(c.replies[1]).toEqual({ kind: 'int', value: 1 });
    // Cut the replica off: its acks stop, and after more than 2 s of lag writes are refused again.
    k.partition('redis-1', 'redis-2');
    k.runUntil(11_000);
    c.send('SADD', 'k', '3');
    k.runUntil(11_100);
    expect(c.replies[2]).toEqual({ kind: 'error', text: 'NOREPLICAS Not enough good replicas to write.' });
    expect(members(k, 'redis-1')).toEqual([2]);
    c.send('CONFIG', 'SET', 'min-replicas-to-write', '0');
    c.send('SADD', 'k', '3');
    c.send('CONFIG', 'GET', 'min-replicas-*');
    k.runUntil(11_200);
    expect(c.replies[4]).toEqual({ kind: 'int', value: 1 });
    expect(c.replies[5]).toEqual({
      kind: 'array',
      items: [
        { kind: 'bulk', value: 'min-replicas-to-write' },
        { kind: 'bulk', value: '0' },
        { kind: 'bulk', value: 'min-replicas-max-lag' },
        { kind: 'bulk', value: '2' },
      ],
    });
  });

  it("a crash with persistence 'none' loses the whole dataset and the replication id", () => {
    const k = cluster(0, { persistence: 'none' });
    const c = probe(k, 'client-1');
    k.runUntil(100);
    c.send('SADD', 'k', '1');
    k.runUntil(20_000);
    const before = server(k, 'redis-1');
    k.crash('redis-1');
    k.restart('redis-1');
    const after = server(k, 'redis-1');
    expect(members(k, 'redis-1')).toEqual([]);
    expect(after.replid).not.toBe(before.replid);
    expect(after.runId).not.toBe(before.runId);
    expect(after.offset).toBe(0);
  });

  it("a crash with persistence 'snapshot' keeps the last snapshot and loses only later writes", () => {
    const k = cluster(0, { persistence: 'snapshot' }, { snapshotEveryMs: 5000 });
    const c = probe(k, 'client-1');
    k.runUntil(100);
    c.send('SADD', 'k', '1');
    // The snapshot cron runs once a second; the first snapshot is due 5 s after start.
    k.runUntil(5_500);
    c.send('SADD', 'k', '2');
    k.runUntil(6_000);
    k.crash('redis-1');
    k.restart('redis-1');
    expect(members(k, 'redis-1')).toEqual([1]);
  });

  it('CONFIG REWRITE makes a REPLICAOF survive a restart; without it the initial role comes back', () => {
    const k = cluster(1);
    const ctl = probe(k, 'ctl');
    k.runUntil(100);
    ctl.send('SLAVEOF', '10.0.0.2', '6379');
    k.runUntil(200);
    k.crash('redis-1');
    k.restart('redis-1');
    expect(server(k, 'redis-1').role).toBe('master');
    ctl.open('10.0.0.1');
    k.runUntil(300);
    ctl.send('MULTI');
    ctl.send('SLAVEOF', '10.0.0.2', '6379');
    ctl.send('CONFIG', 'REWRITE');
    ctl.send('EXEC');
    k.runUntil(400);
    k.crash('redis-1');
    k.restart('redis-1');
    expect(server(k, 'redis-1').role).toBe('replica');
    expect(
      k.history.filter((r) => r.node === 'redis-1' && r.payload.kind === 'role').at(-1)?.payload,
    ).toEqual({
      kind: 'role',
      role: 'replica',
      masterNode: 'redis-2',
    });
  });
});
