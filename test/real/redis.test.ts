// A master and two replicas whose replication links and observer links go through Toxiproxy
// (src/real/redis.ts): replicas announce their proxy address, replicate, and a reset partition of a
// replication link takes the replica's link down until heal.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from '../../src/engine/io.js';
import { Provisioner } from '../../src/real/procs.js';
import { redisConfigText, startRedis, type RedisServer } from '../../src/real/redis.js';
import { startToxiproxy, type Link, type ToxiproxyControl } from '../../src/real/toxiproxy.js';
import { requireBinaries, skipReal } from './support.js';

function infoField(info: string, field: string): string | undefined {
  return new RegExp(`^${field}:(.*)\\r?$`, 'm').exec(info)?.[1]?.trim();
}

describe('redis config text', () => {
  it('sets announce address, diskless delay, and no persistence', () => {
    const text = redisConfigText(7000, '/tmp/x', {
      name: 'r',
      replicaOf: { host: '127.0.0.1', port: 7001 },
      announce: { host: '127.0.0.1', port: 7002 },
      disklessSyncDelaySeconds: 3,
    });
    expect(text).toContain('replicaof 127.0.0.1 7001\n');
    expect(text).toContain('replica-announce-ip 127.0.0.1\nreplica-announce-port 7002\n');
    expect(text).toContain('repl-diskless-sync-delay 3\n');
    expect(text).toContain('save ""\n');
  });
});

describe.skipIf(skipReal)('master and replicas behind proxies', () => {
  let prov: Provisioner;
  let toxi: ToxiproxyControl;
  let master: RedisServer;
  const replicas: RedisServer[] = [];
  const replLinks: Link[] = [];
  const observerLinks: Link[] = [];
  const clients: Redis[] = [];

  const client = (a: Address): Redis => {
    const r = new Redis({ host: a.host, port: a.port, protocol: 2 });
    clients.push(r);
    return r;
  };

  beforeAll(async () => {
    requireBinaries(['redis-server', 'toxiproxy-server']);
    prov = new Provisioner();
    toxi = await startToxiproxy(prov);
    master = await startRedis(prov, { name: 'redis-1' });
    for (const n of [2, 3]) {
      // The replication link replica→master, and the address an observer (a sentinel) dials.
      const repl = await toxi.createLink(`redis-${n}->redis-1`, master.address);
      const port = await prov.ports.allocate();
      const observer = await toxi.createLink(`observer->redis-${n}`, { host: '127.0.0.1', port });
      const replica = await startRedis(prov, {
        name: `redis-${n}`,
        port,
        replicaOf: repl.listen,
        announce: observer.listen,
      });
      replicas.push(replica);
      replLinks.push(repl);
      observerLinks.push(observer);
    }
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await prov?.close();
  });

  it("the master's INFO lists each replica at its announced proxy address, online", async () => {
    const m = client(master.address);
    await expect
      .poll(async () => infoField(await m.info('replication'), 'connected_slaves'), { timeout: 10_000 })
      .toBe('2');
    // A replica is listed as soon as it connects (state=wait_bgsave) and turns online after its sync.
    const online = async (): Promise<number> => {
      const text = await m.info('replication');
      return observerLinks.filter((_, i) => /state=online/.test(infoField(text, `slave${i}`) ?? '')).length;
    };
    await expect.poll(online, { timeout: 10_000 }).toBe(observerLinks.length);
    const info = await m.info('replication');
    for (const [i, link] of observerLinks.entries()) {
      expect(infoField(info, `slave${i}`)).toMatch(
        new RegExp(`^ip=127\\.0\\.0\\.1,port=${link.listen.port},state=online`),
      );
    }
  });

  it('a write on the master reaches both replicas; a replica is reachable through its observer proxy', async () => {
    await client(master.address).set('k', 'v1');
    for (const link of observerLinks) {
      const r = client(link.listen);
      await expect.poll(() => r.get('k'), { timeout: 5000 }).toBe('v1');
      expect(infoField(await r.info('replication'), 'role')).toBe('slave');
    }
  });

  it('a reset partition of a replication link takes master_link_status down; heal brings it back up', async () => {
    const r = client(replicas[0]?.address as Address);
    const link = replLinks[0] as Link;
    await link.partitionReset();
    await expect
      .poll(async () => infoField(await r.info('replication'), 'master_link_status'), { timeout: 5000 })
      .toBe('down');
    await link.heal();
    await expect
      .poll(async () => infoField(await r.info('replication'), 'master_link_status'), { timeout: 10_000 })
      .toBe('up');
  });
});
