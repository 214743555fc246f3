// Three engine sentinels (SentinelRuntime, in-process) on real sockets watch a real master and two
// replicas. redis-cli and ioredis (RESP2, RESP3, failoverDetector) discover the master through them;
// after a SIGKILL of the master the sentinels fail over (spec §7–§8) and ioredis follows.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBinary } from '../../src/real/binaries.js';
import { Group } from './sentinels.js';
import { eventually, requireBinaries, skipReal } from './support.js';

const run = promisify(execFile);

async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run(findBinary('redis-cli'), ['-p', String(port), ...args], { timeout: 5000 });
  return stdout;
}

describe.skipIf(skipReal)('engine sentinels on real sockets', () => {
  let g: Group;
  const clients: { label: string; redis: Redis }[] = [];

  beforeAll(async () => {
    requireBinaries(['redis-server', 'redis-cli']);
    g = await new Group({
      engineSentinels: 3,
      quorum: 2,
      downAfterMs: 1000,
      failoverTimeoutMs: 4000,
    }).start();
  });
  afterAll(async () => {
    for (const c of clients) c.redis.disconnect();
    await g?.close();
  });

  const masterHostPort = (): string => `${g.master.address.host}:${g.master.address.port}`;

  it('redis-cli reads the master address from every engine sentinel', async () => {
    for (const s of g.sentinels) {
      const out = await redisCli(s.address.port, 'SENTINEL', 'get-master-addr-by-name', 'm');
      expect(out.trim().split('\n')).toEqual(['127.0.0.1', String(g.master.address.port)]);
    }
  });

  it('the sentinels discover each other and the replicas (hello, §9) and answer CKQUORUM OK', async () => {
    const seen = await eventually(async () => {
      const counts = await Promise.all(
        g.sentinels.map((s) => redisCli(s.address.port, 'SENTINEL', 'sentinels', 'm')),
      );
      return counts.every((out) => (out.match(/^flags\nsentinel$/gm) ?? []).length === 2);
    }, 10_000);
    expect(seen).toBe(true);
    const port = g.sentinels[0]!.address.port;
    const replicas = await redisCli(port, 'SENTINEL', 'replicas', 'm');
    expect((replicas.match(/^flags\nslave$/gm) ?? []).length).toBe(2);
    expect((await redisCli(port, 'SENTINEL', 'slaves', 'm')).match(/^flags\nslave$/gm)).toHaveLength(2);
    expect(await redisCli(port, 'SENTINEL', 'ckquorum', 'm')).toMatch(/^OK 3 usable Sentinels/);
    const masters = await redisCli(port, 'SENTINEL', 'masters');
    expect(masters).toContain(`num-other-sentinels\n2\n`);
    expect(await redisCli(port, 'INFO', 'sentinel')).toContain(
      `master0:name=m,status=ok,address=${masterHostPort()}`,
    );
    // RESP3 maps are parseable by redis-cli -3 as well.
    expect(await redisCli(port, '-3', 'SENTINEL', 'master', 'm')).toMatch(/^quorum 2$/m);
  });

  it('ioredis parses SENTINEL MASTERS/SENTINELS/REPLICAS/CKQUORUM and INFO under RESP2 and RESP3', async () => {
    for (const protocol of [2, 3]) {
      const c = g.client(g.sentinels[2]!.address, { protocol });
      const flat = (v: unknown): string => JSON.stringify(v);
      const masters = await c.call('SENTINEL', 'MASTERS');
      expect(Array.isArray(masters)).toBe(true);
      expect(flat(masters)).toMatch(/"name"[,:]"m"/);
      expect(flat(await c.call('SENTINEL', 'SENTINELS', 'm'))).toMatch(/"flags"[,:]"sentinel"/);
      expect(flat(await c.call('SENTINEL', 'REPLICAS', 'm'))).toMatch(/"flags"[,:]"slave"/);
      expect(await c.call('SENTINEL', 'CKQUORUM', 'm')).toMatch(/^OK 3 usable Sentinels/);
      expect(await c.info('sentinel')).toContain('sentinel_masters:1');
    }
  });

  it('ioredis (RESP2, RESP3, failoverDetector) resolves the master through engine sentinels', async () => {
    const sentinels = g.sentinels.map((s) => ({ host: s.address.host, port: s.address.port }));
    const variants: [string, Record<string, unknown>][] = [
      ['resp2', { protocol: 2 }],
      ['resp3', { protocol: 3 }],
      ['resp3+detector', { protocol: 3, failoverDetector: true }],
    ];
    for (const [label, opts] of variants) {
      const redis = g.track(new Redis({ sentinels, name: 'm', ...opts }));
      clients.push({ label, redis });
      await redis.set(`k-${label}`, 'before');
      expect(((await redis.config('GET', 'port')) as string[])[1]).toBe(String(g.master.address.port));
      // ioredis' SENTINEL SENTINELS / SLAVES parsing works on our replies (updateSentinels is on).
      const found = (await redis.call('ROLE')) as unknown[];
      expect(found[0]).toBe('master');
    }
  });

  it('after SIGKILL of the master the sentinels agree on a promoted replica and ioredis writes there', async () => {
    const old = masterHostPort();
    const replicaAddrs = g.replicas.map((r) => `${r.address.host}:${r.address.port}`);
    // Events are published on channels named after them (§13.1); PSUBSCRIBE * sees them all.
    const sub = g.client(g.sentinels[1]!.address, { protocol: 3 });
    const published: string[] = [];
    sub.on('pmessage', (_p: string, channel: string, message: string) =>
      published.push(`${channel} ${message}`),
    );
    await sub.psubscribe('*');
    const t0 = Date.now();
    await g.master.proc.kill();
    let addrs: string[] = [];
    const switched = (): boolean => g.sentinels.every((s) => s.logText().includes('+switch-master'));
    const agreed = await eventually(async () => {
      addrs = await g.masterAddrs();
      return addrs.every((a) => a === addrs[0]) && addrs[0] !== old && switched();
    }, 20_000);
    const failoverMs = Date.now() - t0;
    expect(agreed, `addresses: ${addrs.join(' ')}\n${g.sentinels.map((s) => s.logText()).join('\n')}`).toBe(
      true,
    );
    expect(replicaAddrs).toContain(addrs[0]);
    console.log(`engine failover (down-after 1000): all sentinels agree after ${failoverMs} ms`);
    // Exactly one +switch-master per sentinel, all naming the same new master.
    for (const s of g.sentinels) {
      const switches = s.logText().match(/\+switch-master .*/g) ?? [];
      expect(switches).toEqual([`+switch-master m ${old.replace(':', ' ')} ${addrs[0]!.replace(':', ' ')}`]);
    }
    await expect
      .poll(() => published.filter((p) => p.startsWith('+switch-master ')), { timeout: 2000 })
      .toEqual([`+switch-master m ${old.replace(':', ' ')} ${addrs[0]!.replace(':', ' ')}`]);
    expect(published.some((p) => p.startsWith('+sdown master m '))).toBe(true);
    const newPort = addrs[0]!.split(':')[1]!;
    for (const { label, redis } of clients) {
      const moved = await eventually(async () => {
        try {
          await redis.set(`k-${label}`, 'after');
          return ((await redis.config('GET', 'port')) as string[])[1] === newPort;
        } catch {
          return false;
        }
      }, 20_000);
      expect(moved, `${label} follows to ${addrs[0]}`).toBe(true);
    }
    const direct = g.client({ host: '127.0.0.1', port: Number(newPort) });
    expect(await direct.get('k-resp3+detector')).toBe('after');
    for (const s of g.sentinels) expect([...(s.runtime?.faults ?? [])]).toEqual([]);
  });
});
