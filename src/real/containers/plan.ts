// The container layout of a chaos deployment, as plain data: one Toxiproxy, N redis-servers (the first
// the initial master) and M redis-sentinels on one container network. Both the testcontainers provider
// (provider.ts) and docker-compose.chaos.yml (compose.ts renders it; a test keeps the file in sync) are
// built from this plan, so the two cannot drift apart.
//
// Addressing mirrors the local harness (harness/cluster.ts): every node gets ONE inbound proxy `*->X` in
// the Toxiproxy container, and every node announces that proxy's address (`replica-announce-ip/port`,
// `sentinel announce-ip/port`), so every link into X crosses `*->X` and a fault on it cuts X. Inside
// the network the proxies are reached by the alias `toxiproxy`, which is a hostname: the sentinels run
// with `resolve-hostnames yes` and `announce-hostnames yes` (Redis ≥ 6.2) so they accept and report it.
import { RealTierError } from '../errors.js';

export const TOXIPROXY_IMAGE = 'ghcr.io/shopify/toxiproxy:2.12.0';
/** The Debian package here is 7.0.15; the container uses the same release. */
export const REDIS_IMAGE = 'redis:7.0.15';
export const TOXIPROXY_ALIAS = 'toxiproxy';
export const TOXIPROXY_API_PORT = 8474;
/** First proxy port; ToxiProxyContainer uses 8666–8697, and so do we (outside the ephemeral range). */
export const FIRST_PROXY_PORT = 8666;
export const REDIS_PORT = 6379;
export const SENTINEL_PORT = 26379;

export interface ChaosPlanOptions {
  readonly redis: number;
  readonly sentinels: number;
  readonly masterName: string;
  readonly quorum: number;
  readonly downAfterMs: number;
  readonly failoverTimeoutMs: number;
}

export const DEFAULT_CHAOS_PLAN: ChaosPlanOptions = {
  redis: 3,
  sentinels: 3,
  masterName: 'mymaster',
  quorum: 2,
  downAfterMs: 1000,
  failoverTimeoutMs: 4000,
};

export interface PlannedNode {
  readonly name: string;
  readonly kind: 'redis' | 'sentinel';
  /** The network alias (DNS name inside the network) and the port the process listens on there. */
  readonly alias: string;
  readonly port: number;
  /** The inbound proxy: its name in Toxiproxy and its listen port in the Toxiproxy container. */
  readonly proxyName: string;
  readonly proxyPort: number;
  /** redis: the redis-server arguments. sentinel: empty (it runs from `sentinelConf`). */
  readonly args: readonly string[];
  /** sentinel: the sentinel.conf it starts from (copied to a writable path: Sentinel rewrites it). */
  readonly sentinelConf?: string;
}

export interface ChaosPlan {
  readonly options: ChaosPlanOptions;
  readonly nodes: readonly PlannedNode[];
  /** Toxiproxy's `-config` / `POST /populate` body: one proxy per node. */
  readonly proxies: readonly { name: string; listen: string; upstream: string; enabled: true }[];
}

function check(o: ChaosPlanOptions): void {
  const bad = (field: string, why: string): never => {
    throw new RealTierError('E_BAD_PLAN', `${field}: ${why}`);
  };
  if (!Number.isInteger(o.redis) || o.redis < 1 || o.redis > 16) bad('redis', 'an integer in 1..16');
  if (!Number.isInteger(o.sentinels) || o.sentinels < 0 || o.sentinels > 15)
    bad('sentinels', 'an integer in 0..15');
  if (!/^[A-Za-z0-9_.-]+$/.test(o.masterName)) bad('masterName', 'letters, digits, "_.-" only');
  if (!Number.isInteger(o.quorum) || o.quorum < 1) bad('quorum', 'a positive integer');
  if (!Number.isInteger(o.downAfterMs) || o.downAfterMs < 1) bad('downAfterMs', 'a positive integer');
  if (!Number.isInteger(o.failoverTimeoutMs) || o.failoverTimeoutMs < 1)
    bad('failoverTimeoutMs', 'a positive integer');
}

function sentinelConf(o: ChaosPlanOptions, self: number, masterProxyPort: number): string {
  const m = o.masterName;
  return [
    `port ${SENTINEL_PORT}`,
    'dir /data',
    'sentinel resolve-hostnames yes',
    'sentinel announce-hostnames yes',
    `sentinel announce-ip ${TOXIPROXY_ALIAS}`,
    `sentinel announce-port ${self}`,
    `sentinel monitor ${m} ${TOXIPROXY_ALIAS} ${masterProxyPort} ${o.quorum}`,
    `sentinel down-after-milliseconds ${m} ${o.downAfterMs}`,
    `sentinel failover-timeout ${m} ${o.failoverTimeoutMs}`,
    `sentinel parallel-syncs ${m} 1`,
    '',
  ].join('\n');
}

/** The plan for `options` (default: 3 redis, 3 sentinels, down-after 1000 ms). */
export function chaosPlan(options: ChaosPlanOptions = DEFAULT_CHAOS_PLAN): ChaosPlan {
  check(options);
  const nodes: PlannedNode[] = [];
  const masterProxyPort = FIRST_PROXY_PORT;
  for (let i = 1; i <= options.redis; i++) {
    const proxyPort = FIRST_PROXY_PORT + i - 1;
    const args = [
      '--port',
      String(REDIS_PORT),
      '--protected-mode',
      'no',
      '--replica-announce-ip',
      TOXIPROXY_ALIAS,
      '--replica-announce-port',
      String(proxyPort),
      ...(i === 1 ? [] : ['--replicaof', TOXIPROXY_ALIAS, String(masterProxyPort)]),
    ];
    const name = `redis-${i}`;
    nodes.push({
      name,
      kind: 'redis',
      alias: name,
      port: REDIS_PORT,
      proxyName: `*->${name}`,
      proxyPort,
      args,
    });
  }
  for (let i = 1; i <= options.sentinels; i++) {
    const proxyPort = FIRST_PROXY_PORT + options.redis + i - 1;
    const name = `sentinel-${i}`;
    nodes.push({
      name,
      kind: 'sentinel',
      alias: name,
      port: SENTINEL_PORT,
      proxyName: `*->${name}`,
      proxyPort,
      args: [],
      sentinelConf: sentinelConf(options, proxyPort, masterProxyPort),
    });
  }
  const proxies = nodes.map((n) => ({
    name: n.proxyName,
    listen: `0.0.0.0:${n.proxyPort}`,
    upstream: `${n.alias}:${n.port}`,
    enabled: true as const,
  }));
  return { options, nodes, proxies };
}

/** Where a sentinel container keeps its (rewritable) config, and the command that starts it from a copy. */
export const SENTINEL_TEMPLATE_PATH = '/etc/sentinel-lab/sentinel.conf';
export const SENTINEL_CONF_PATH = '/data/sentinel.conf';
export const SENTINEL_COMMAND: readonly string[] = [
  'sh',
  '-c',
  `cp ${SENTINEL_TEMPLATE_PATH} ${SENTINEL_CONF_PATH} && exec redis-sentinel ${SENTINEL_CONF_PATH}`,
];
