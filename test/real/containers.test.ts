// The container provider (src/real/containers/) and docker-compose.chaos.yml. The plan and the compose
// file are checked everywhere; starting containers needs a container runtime, and where there is none
// (this machine) that part skips and prints testcontainers' reason.
// SENTINEL_LAB_WRITE_COMPOSE=1 rewrites docker-compose.chaos.yml from the plan before checking it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseSentinelConf } from '../../src/engine/conf.js';
import {
  COMPOSE_HEADER,
  composeDocument,
  observerHostPort,
  renderCompose,
} from '../../src/real/containers/compose.js';
import { chaosPlan, DEFAULT_CHAOS_PLAN, FIRST_PROXY_PORT } from '../../src/real/containers/plan.js';
import { containerRuntime, startContainerCluster } from '../../src/real/containers/provider.js';
import { RealTierError } from '../../src/real/errors.js';

const root = join(import.meta.dirname, '..', '..');
const composePath = join(root, 'docker-compose.chaos.yml');

if (process.env['SENTINEL_LAB_WRITE_COMPOSE'] === '1') {
  writeFileSync(composePath, renderCompose(composeDocument(chaosPlan()), COMPOSE_HEADER));
}

describe('chaos plan (containers)', () => {
  const plan = chaosPlan();

  it('has one inbound proxy per node, on distinct ports from 8666, forwarding to that node', () => {
    expect(plan.nodes.map((n) => n.name)).toEqual([
      'redis-1',
      'redis-2',
      'redis-3',
      'sentinel-1',
      'sentinel-2',
      'sentinel-3',
    ]);
    const ports = plan.proxies.map((p) => Number(p.listen.split(':')[1]));
    expect(ports).toEqual([0, 1, 2, 3, 4, 5].map((i) => FIRST_PROXY_PORT + i));
    for (const n of plan.nodes) {
      expect(plan.proxies).toContainEqual({
        name: `*->${n.name}`,
        listen: `0.0.0.0:${n.proxyPort}`,
        upstream: `${n.name}:${n.port}`,
        enabled: true,
      });
    }
  });

  it('every redis announces its own proxy, and the replicas replicate through the master proxy', () => {
    for (const n of plan.nodes.filter((x) => x.kind === 'redis')) {
      const args = n.args.join(' ');
      expect(args).toContain(`--replica-announce-ip toxiproxy --replica-announce-port ${n.proxyPort}`);
      if (n.name === 'redis-1') expect(args).not.toContain('--replicaof');
      else expect(args).toContain(`--replicaof toxiproxy ${FIRST_PROXY_PORT}`);
    }
  });

  it('every sentinel.conf parses (engine parser), announces its proxy and monitors the master proxy', () => {
    for (const n of plan.nodes.filter((x) => x.kind === 'sentinel')) {
      const conf = parseSentinelConf(n.sentinelConf!, { fileName: `${n.name}.conf` });
      expect(conf.port).toBe(26379);
      expect(n.sentinelConf).toContain(
        `sentinel announce-ip toxiproxy\nsentinel announce-port ${n.proxyPort}`,
      );
      expect(n.sentinelConf).toContain(`sentinel monitor mymaster toxiproxy ${FIRST_PROXY_PORT} 2`);
      expect(n.sentinelConf).toContain('sentinel down-after-milliseconds mymaster 1000');
      expect(n.sentinelConf).toContain('sentinel resolve-hostnames yes');
    }
  });

  it('bad plan options are rejected with E_BAD_PLAN naming the field', () => {
    const bad = (o: Partial<typeof DEFAULT_CHAOS_PLAN>) => () => chaosPlan({ ...DEFAULT_CHAOS_PLAN, ...o });
    expect(bad({ redis: 0 })).toThrow(
      expect.objectContaining({ code: 'E_BAD_PLAN', message: expect.stringMatching(/^redis:/) }),
    );
    expect(bad({ masterName: 'a b' })).toThrow(/^masterName:/);
    expect(bad({ downAfterMs: 1.5 })).toThrow(RealTierError);
  });
});

describe('docker-compose.chaos.yml', () => {
  const text = readFileSync(composePath, 'utf8');
  const doc = parseYaml(text) as {
    services: Record<
      string,
      { image: string; command: string[]; ports: string[]; configs?: { source: string }[] }
    >;
    configs: Record<string, { content: string }>;
  };

  it('is valid YAML describing exactly the plan (regenerate with SENTINEL_LAB_WRITE_COMPOSE=1)', () => {
    expect(doc).toEqual(composeDocument(chaosPlan()));
  });

  it('has Toxiproxy, three redis-servers and three redis-sentinels, publishing on 127.0.0.1 only', () => {
    expect(Object.keys(doc.services)).toEqual([
      'toxiproxy',
      'redis-1',
      'redis-2',
      'redis-3',
      'sentinel-1',
      'sentinel-2',
      'sentinel-3',
    ]);
    expect(doc.services['toxiproxy']!.image).toBe('ghcr.io/shopify/toxiproxy:2.12.0');
    for (const s of ['sentinel-1', 'sentinel-2', 'sentinel-3']) {
      expect(doc.services[s]!.command.join(' ')).toContain('exec redis-sentinel /data/sentinel.conf');
    }
    for (const svc of Object.values(doc.services)) {
      for (const p of svc.ports) expect(p).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    }
  });

  it("every proxy in Toxiproxy's config reaches a service of the file, and each is published", () => {
    const proxies = JSON.parse(doc.configs['toxiproxy']!.content) as { listen: string; upstream: string }[];
    const published = doc.services['toxiproxy']!.ports.map((p) => p.split(':')[2]);
    for (const p of proxies) {
      const [service, port] = p.upstream.split(':');
      expect(Object.keys(doc.services)).toContain(service);
      expect(published).toContain(p.listen.split(':')[1]);
      const svcPorts = doc.services[service!]!.ports.map((x) => x.split(':')[2]);
      expect(svcPorts).toContain(port);
    }
  });

  it('the sentinels monitor the address that the proxy forwards to redis-1 (the initial master)', () => {
    const proxies = JSON.parse(doc.configs['toxiproxy']!.content) as { listen: string; upstream: string }[];
    for (const s of ['sentinel-1', 'sentinel-2', 'sentinel-3']) {
      const m = /sentinel monitor mymaster toxiproxy (\d+) 2/.exec(doc.configs[s]!.content);
      expect(m).not.toBeNull();
      expect(proxies.find((p) => p.listen.endsWith(`:${m![1]}`))?.upstream).toBe('redis-1:6379');
    }
  });
});

describe('the production import graph', () => {
  it('reaches testcontainers only through the provider, with type-only static imports', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const users = files(join(root, 'src')).filter((f) =>
      /from 'testcontainers'|import\('testcontainers'\)/.test(readFileSync(f, 'utf8')),
    );
    expect(users.map((f) => f.slice(root.length + 1))).toEqual(['src/real/containers/provider.ts']);
    const provider = readFileSync(users[0]!, 'utf8');
    const statics = provider.match(/^import .*'testcontainers';$/gm) ?? [];
    expect(statics.length).toBeGreaterThan(0);
    for (const line of statics) expect(line).toMatch(/^import type /);
    const importers = files(join(root, 'src')).filter((f) =>
      readFileSync(f, 'utf8').includes('containers/provider.js'),
    );
    expect(importers).toEqual([]);
  });
});

const runtime = await containerRuntime();
if (runtime.kind === 'unavailable') {
  console.log(`containers.test.ts: skipping the container cluster tests: ${runtime.reason}`);
}

describe.skipIf(runtime.kind === 'unavailable')('container cluster (testcontainers)', () => {
  it('replicates through the proxies, the sentinels agree on redis-1, and cutting its proxy fails it over', async () => {
    const cluster = await startContainerCluster();
    const clients: Redis[] = [];
    try {
      const open = (name: string) => {
        const c = new Redis({
          ...cluster.nodes.get(name)!.observerAddr,
          lazyConnect: true,
          maxRetriesPerRequest: 1,
        });
        clients.push(c);
        return c;
      };
      const master = open('redis-1');
      const until = async (f: () => Promise<boolean>, ms: number) => {
        const end = Date.now() + ms;
        while (Date.now() < end)
          if (await f().catch(() => false)) return true;
          else await sleep(200);
        return false;
      };
      expect(
        await until(async () => (await master.info('replication')).includes('connected_slaves:2'), 20_000),
      ).toBe(true);
      const s1 = open('sentinel-1');
      const addr = () => s1.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster') as Promise<string[]>;
      expect(await addr()).toEqual(['toxiproxy', String(FIRST_PROXY_PORT)]);
      for (const stream of ['upstream', 'downstream']) {
        const res = await fetch(
          `${cluster.toxiproxyApiUrl}/proxies/${encodeURIComponent('*->redis-1')}/toxics`,
          {
            method: 'POST',
            body: JSON.stringify({
              name: `cut_${stream}`,
              type: 'timeout',
              stream,
              attributes: { timeout: 0 },
            }),
          },
        );
        expect(res.status).toBe(200);
      }
      expect(await until(async () => (await addr())[1] !== String(FIRST_PROXY_PORT), 30_000)).toBe(true);
      expect(observerHostPort(cluster.plan.nodes[0]!)).toBe(16379);
    } finally {
      for (const c of clients) c.disconnect();
      await cluster.stop();
    }
  }, 180_000);
});
