// Toxiproxy fault primitives against a real redis-server behind a proxy (toxiproxy.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Provisioner } from '../../src/real/procs.js';
import { startRedis, type RedisServer } from '../../src/real/redis.js';
import { startToxiproxy, type Link, type ToxiproxyControl } from '../../src/real/toxiproxy.js';
import { RawClient } from './raw-client.js';
import { portAccepts, requireBinaries, skipReal } from './support.js';

describe.skipIf(skipReal)('Toxiproxy faults on a redis link', () => {
  let prov: Provisioner;
  let redis: RedisServer;
  let toxi: ToxiproxyControl;
  let link: Link;
  const clients: RawClient[] = [];

  const open = async (port = link.listen.port): Promise<RawClient> => {
    const c = await RawClient.open(port);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    requireBinaries(['redis-server', 'toxiproxy-server']);
    prov = new Provisioner();
    redis = await startRedis(prov, { name: 'redis-1' });
    toxi = await startToxiproxy(prov);
    link = await toxi.createLink('client->redis-1', redis.address);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await link.heal();
  });
  afterAll(async () => {
    await prov?.close();
  });

  it('proxies are created with the requested name (including "->") on a loopback listen port', async () => {
    expect(link.listen.host).toBe('127.0.0.1');
    expect(link.listen.port).not.toBe(redis.address.port);
    const proxies = (await toxi.request('GET', '/proxies', [200])) as Record<string, { upstream: string }>;
    expect(proxies['client->redis-1']?.upstream).toBe(`127.0.0.1:${redis.address.port}`);
    expect(await toxi.version()).toBe('2.12.0');
  });

  // Toxiproxy's timeout toxic drops the bytes (it does not hold them) and its Cleanup closes the stub when
  // the toxic is removed (toxics/timeout.go, link.go RemoveToxic, v2.12.0): connections that lived through
  // a silent partition are closed at heal, new ones work. Sentinel then reconnects, as after a TCP timeout.
  it('a silent partition makes PING hang while the connection stays open; heal closes it and new connections work', async () => {
    const c = await open();
    c.send('PING');
    expect(await c.waitFor('+PONG', 1000)).toBe(true);
    c.take();
    await link.partitionSilent();
    const toxics = await link.toxics();
    expect(toxics.map((t) => [t.type, t.stream, t.attributes['timeout']]).sort()).toEqual([
      ['timeout', 'downstream', 0],
      ['timeout', 'upstream', 0],
    ]);
    c.send('PING');
    expect(await c.waitFor('+PONG', 500)).toBe(false);
    expect(c.closed).toBe(false);
    await link.heal();
    expect(await link.toxics()).toEqual([]);
    expect(await c.waitClosed(1000)).toBe(true);
    expect(c.received).not.toContain('+PONG');
    const d = await open();
    d.send('PING');
    expect(await d.waitFor('+PONG', 1000)).toBe(true);
  });

  it('a reset partition closes open connections and refuses new ones; heal re-listens', async () => {
    const c = await open();
    await link.partitionReset();
    expect(await c.waitClosed(1000)).toBe(true);
    expect(await portAccepts(link.listen.port)).toBe(false);
    await link.heal();
    expect(link.isEnabled).toBe(true);
    const d = await open();
    d.send('PING');
    expect(await d.waitFor('+PONG', 1000)).toBe(true);
  });

  it('latency delays a round trip by at least the applied value, drawn from the seeded random()', async () => {
    const c = await open();
    const applied = await link.latency({
      latencyMs: 150,
      jitterMs: 50,
      random: () => 0.9,
      streams: 'downstream',
    });
    expect(applied).toBe(190); // 150 + round((2*0.9-1)*50)
    const [toxic] = await link.toxics();
    expect(toxic).toMatchObject({ type: 'latency', toxicity: 1, attributes: { latency: 190, jitter: 0 } });
    const t0 = Date.now();
    c.send('PING');
    expect(await c.waitFor('+PONG', 2000)).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });

  it('latency with jitter but no random() is rejected, because Toxiproxy jitter is unseeded', async () => {
    await expect(link.latency({ latencyMs: 100, jitterMs: 10 })).rejects.toMatchObject({
      code: 'E_BAD_FAULT',
    });
  });

  it('bandwidth limits throughput: 64 KB at 128 KB/s takes at least ~0.4 s', async () => {
    const direct = await open(redis.address.port);
    direct.send('SET', 'big', 'x'.repeat(64 * 1024));
    expect(await direct.waitFor('+OK', 1000)).toBe(true);
    const c = await open();
    await link.bandwidth(128, 'downstream');
    const t0 = Date.now();
    c.send('GET', 'big');
    expect(await c.waitFor('x'.repeat(100) + '\r\n', 5000)).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
  });

  it('a one-way upstream partition blocks client→server only: published messages still arrive', async () => {
    const sub = await open();
    sub.send('SUBSCRIBE', 'ch');
    expect(await sub.waitFor('ch', 1000)).toBe(true);
    await link.partitionSilent('upstream');
    sub.send('PING'); // must not reach redis
    const pub = await open(redis.address.port);
    pub.send('PUBLISH', 'ch', 'through-downstream');
    expect(await sub.waitFor('through-downstream', 1000)).toBe(true);
    expect(sub.received).not.toContain('pong');
  });

  it('a one-way downstream partition blocks server→client only: commands still reach redis', async () => {
    const c = await open();
    await link.partitionSilent('downstream');
    c.send('SET', 'oneway', 'arrived');
    const direct = await open(redis.address.port);
    let value = '';
    for (let i = 0; i < 50 && !value.includes('arrived'); i++) {
      direct.send('GET', 'oneway');
      await direct.waitFor('\r\n', 200);
      value = direct.take();
    }
    expect(value).toContain('arrived');
    expect(await c.waitFor('+OK', 300)).toBe(false);
  });

  it('API failures keep their HTTP status (the client drops it): 409 on a duplicate, 404 on a gone proxy', async () => {
    const body = { name: 'client->redis-1', listen: '127.0.0.1:0', upstream: '127.0.0.1:1' };
    await expect(toxi.request('POST', '/proxies', [201], body)).rejects.toMatchObject({
      code: 'E_TOXIPROXY_API',
      status: 409,
    });
    const doomed = await toxi.createLink('doomed->redis-1', redis.address);
    await toxi.request('DELETE', '/proxies/doomed-%3Eredis-1', [204]);
    await expect(doomed.partitionSilent()).rejects.toMatchObject({ code: 'E_TOXIPROXY_API', status: 404 });
    await expect(doomed.setEnabled(false)).rejects.toMatchObject({ status: 404 });
  });

  it('removeLink deletes the proxy and its listener', async () => {
    const extra = await toxi.createLink('extra->redis-1', redis.address);
    expect(await portAccepts(extra.listen.port)).toBe(true);
    await toxi.removeLink('extra->redis-1');
    expect(await portAccepts(extra.listen.port)).toBe(false);
    expect(() => toxi.link('extra->redis-1')).toThrow(expect.objectContaining({ code: 'E_UNKNOWN_LINK' }));
  });
});
