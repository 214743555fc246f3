// docker-compose.chaos.yml as data: the compose document for a ChaosPlan (plan.ts), and a small YAML
// renderer for it. The file at the repository root is this document rendered for DEFAULT_CHAOS_PLAN; a
// test parses the file and compares it with `composeDocument()`, so the file and the testcontainers
// provider describe the same deployment.
//
// Host ports are published on 127.0.0.1 only (the "loopback only"): the Toxiproxy API (8474),
// every inbound proxy (8666…), and each node's own port for observers that must never be cut
// (redis-N on 16378+N, sentinel-N on 36378+N). Configs use compose's inline `content` (Compose ≥ 2.23).
import {
  REDIS_IMAGE,
  SENTINEL_COMMAND,
  SENTINEL_TEMPLATE_PATH,
  TOXIPROXY_ALIAS,
  TOXIPROXY_API_PORT,
  TOXIPROXY_IMAGE,
  type ChaosPlan,
  type PlannedNode,
} from './plan.js';

export type Yaml = string | number | boolean | readonly Yaml[] | { readonly [key: string]: Yaml };

export const COMPOSE_PROJECT = 'sentinel-lab-chaos';
export const NETWORK = 'chaos';
export const TOXIPROXY_CONFIG_PATH = '/config/toxiproxy.json';

/** The host port where an observer reaches `node` directly (not through its proxy). */
export function observerHostPort(node: PlannedNode): number {
  const n = Number(node.name.slice(node.name.lastIndexOf('-') + 1));
  return (node.kind === 'redis' ? 16378 : 36378) + n;
}

const loopback = (host: number, container: number): string => `127.0.0.1:${host}:${container}`;

function nodeService(plan: ChaosPlan, node: PlannedNode): Record<string, Yaml> {
  const redisNames = plan.nodes.filter((n) => n.kind === 'redis').map((n) => n.name);
  const common = {
    image: REDIS_IMAGE,
    networks: [NETWORK],
    ports: [loopback(observerHostPort(node), node.port)],
  };
  if (node.kind === 'redis') {
    return { ...common, command: ['redis-server', ...node.args], depends_on: [TOXIPROXY_ALIAS] };
  }
  return {
    ...common,
    command: [...SENTINEL_COMMAND],
    configs: [{ source: node.name, target: SENTINEL_TEMPLATE_PATH }],
    depends_on: [TOXIPROXY_ALIAS, ...redisNames],
  };
}

/** The compose document (a plain object) for `plan`. */
export function composeDocument(plan: ChaosPlan): Record<string, Yaml> {
  const services: Record<string, Yaml> = {
    [TOXIPROXY_ALIAS]: {
      image: TOXIPROXY_IMAGE,
      command: ['-host=0.0.0.0', `-config=${TOXIPROXY_CONFIG_PATH}`],
      configs: [{ source: 'toxiproxy', target: TOXIPROXY_CONFIG_PATH }],
      networks: [NETWORK],
      ports: [
        loopback(TOXIPROXY_API_PORT, TOXIPROXY_API_PORT),
        ...plan.nodes.map((n) => loopback(n.proxyPort, n.proxyPort)),
      ],
    },
  };
  for (const node of plan.nodes) services[node.name] = nodeService(plan, node);
  const configs: Record<string, Yaml> = {
    toxiproxy: { content: JSON.stringify(plan.proxies, null, 2) + '\n' },
  };
  for (const node of plan.nodes) {
    if (node.sentinelConf !== undefined) configs[node.name] = { content: node.sentinelConf };
  }
  return { name: COMPOSE_PROJECT, services, networks: { [NETWORK]: {} }, configs };
}

// ---- rendering ------------------------------------------------------------------------------------

const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

function scalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return PLAIN.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) ? v : JSON.stringify(v);
}

function isMap(v: Yaml): v is { readonly [key: string]: Yaml } {
  return typeof v === 'object' && !Array.isArray(v);
}

function block(text: string, pad: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `|\n${lines.map((l) => (l === '' ? '' : pad + l)).join('\n')}`;
}

function render(v: Yaml, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    return v.flatMap((item: Yaml) => {
      if (!isMap(item)) return [`${pad}- ${scalar(item as string)}`];
      const [first, ...rest] = render(item, indent + 2);
      return [`${pad}- ${first!.trimStart()}`, ...rest];
    });
  }
  if (!isMap(v)) return [pad + scalar(v as string)];
  return Object.entries(v).flatMap(([key, value]) => {
    const k = `${pad}${scalar(key)}:`;
    if (typeof value === 'string' && value.includes('\n')) return [`${k} ${block(value, pad + '  ')}`];
    if (Array.isArray(value)) return value.length === 0 ? [`${k} []`] : [k, ...render(value, indent + 2)];
    if (isMap(value)) {
      return Object.keys(value).length === 0 ? [`${k} {}`] : [k, ...render(value, indent + 2)];
    }
    return [`${k} ${scalar(value as string)}`];
  });
}

/** The YAML text of `doc`, with a header comment. */
export function renderCompose(doc: Record<string, Yaml>, header: readonly string[]): string {
  return [...header.map((l) => `# ${l}`.trimEnd()), ...render(doc, 0), ''].join('\n');
}

export const COMPOSE_HEADER: readonly string[] = [
  'sentinel-lab chaos deployment: Toxiproxy, three redis-servers and three redis-sentinels on one network.',
  'Generated from src/real/containers/plan.ts (DEFAULT_CHAOS_PLAN); test/real/containers.test.ts checks it.',
  'Every link into a node crosses its inbound proxy `*-><node>` in the toxiproxy container, and every node',
  'announces that proxy (toxiproxy:<port>), so a fault on the proxy cuts the node, as in the local harness.',
  '',
  '  docker compose -f docker-compose.chaos.yml up -d',
  '  curl -s localhost:8474/proxies                        # the proxies (Toxiproxy API)',
  '  redis-cli -p 36379 sentinel get-master-addr-by-name mymaster',
  '  curl -s -XPOST localhost:8474/proxies/*-%3Eredis-1/toxics \\',
  '    -d \'{"type":"timeout","stream":"downstream","attributes":{"timeout":0}}\'   # silence the master',
  '',
  'Sentinels report hostnames (announce-hostnames yes): clients outside the network map toxiproxy:<port>',
  'to 127.0.0.1:<port> (ioredis `natMap`). Needs Docker Compose ≥ 2.23 (inline `configs.content`).',
];
