// End to end through the RESP server: ioredis (Sentinel mode, failoverDetector on, RESP3) resolves the
// master through our server, and when the server publishes +switch-master (ecosystem-notes §4.1) it
// reconnects to the new master. This is the path the engine runtime will drive for real clients.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address, Reply } from '../../src/engine/io.js';
import { Provisioner } from '../../src/real/procs.js';
import { startRedis, type RedisServer } from '../../src/real/redis.js';
import { RespServer } from '../../src/real/resp-server.js';
import { requireBinaries, skipReal } from './support.js';

describe.skipIf(skipReal)('client failover through the RESP server', () => {
  let prov: Provisioner;
  let server: RespServer;
  let master: RedisServer;
  let replica: RedisServer;
  let current: Address;
  const clients: Redis[] = [];

  const addrReply = (a: Address): Reply => ({
    kind: 'array',
    items: [
      { kind: 'bulk', value: a.host },
      { kind: 'bulk', value: String(a.port) },
    ],
  });

  beforeAll(async () => {
    requireBinaries(['redis-server']);
    prov = new Provisioner();
    master = await startRedis(prov, { name: 'redis-1' });
    replica = await startRedis(prov, { name: 'redis-2', replicaOf: master.address });
    current = master.address;
    server = new RespServer({
      commandNames: ['sentinel'],
      dispatch: (argv) => {
        const sub = argv[1]?.toLowerCase();
        if (sub === 'get-master-addr-by-name') return addrReply(current);
        if (sub === 'sentinels') return { kind: 'array', items: [] };
        return { kind: 'error', text: `ERR unsupported SENTINEL ${sub ?? ''}` };
      },
    });
    await server.listen();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await server?.close();
    await prov?.close();
  });

  const portOf = async (r: Redis): Promise<string> => ((await r.config('GET', 'port')) as string[])[1] ?? '';

  it('ioredis follows +switch-master to the promoted replica', async () => {
    const r = new Redis({
      sentinels: [{ host: '127.0.0.1', port: server.address.port }],
      name: 'mymaster',
      failoverDetector: true,
      protocol: 3,
    });
    clients.push(r);
    await r.set('before', '1');
    expect(await portOf(r)).toBe(String(master.address.port));
    // The failover detector subscribes on our server once the data connection is up.
    await expect.poll(() => server.clients().some((c) => c.channelCount > 0), { timeout: 5000 }).toBe(true);

    const admin = new Redis({ port: replica.address.port });
    clients.push(admin);
    await admin.replicaof('NO', 'ONE');
    current = replica.address;
    const receivers = server.publish(
      '+switch-master',
      `mymaster ${master.address.host} ${master.address.port} ${replica.address.host} ${replica.address.port}`,
    );
    expect(receivers).toBeGreaterThanOrEqual(1);
    await expect.poll(() => portOf(r), { timeout: 10_000 }).toBe(String(replica.address.port));
    await r.set('after', '2');
    expect(await admin.get('after')).toBe('2');
  });
});
