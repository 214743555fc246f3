// The layout of a simulated world: which nodes exist, on which host, at which IP and port. Node names
// are fixed by the topology (src/scenarios/types.ts); hosts get IPs 10.0.0.1, 10.0.0.2 … in order of
// first appearance (redis nodes, then sentinels, then clients).
import type { TopologyNode } from '../check/history.js';
import type { Scenario } from '../scenarios/types.js';
import { ScenarioError } from './validate.js';

export const REDIS_PORT = 6379;
export const SENTINEL_PORT = 26379;
/** Clients listen on nothing; the port is recorded for completeness. */
export const CLIENT_PORT = 0;

export interface Layout {
  readonly nodes: readonly TopologyNode[];
  readonly hosts: readonly { readonly name: string; readonly ip: string }[];
}

export function nodeNames(scenario: Scenario): { redis: string[]; sentinels: string[]; clients: string[] } {
  const t = scenario.topology;
  const range = (prefix: string, n: number): string[] =>
    Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
  return {
    redis: range('redis', t.replicas + 1),
    sentinels: range('sentinel', t.sentinels),
    clients: range('client', t.clients),
  };
}

/**
 * Lays the scenario out. `ports` overrides a node's port (default 6379 for redis, 26379 for sentinels;
 * a second node of the same kind on a shared host gets the next port up). Two nodes on one host may not
 * listen on the same port.
 */
export function layout(scenario: Scenario, ports: Readonly<Record<string, number>> = {}): Layout {
  const names = nodeNames(scenario);
  const placement = scenario.topology.placement ?? {};
  const all = new Set([...names.redis, ...names.sentinels, ...names.clients]);
  for (const node of Object.keys(placement)) {
    if (!all.has(node)) throw new ScenarioError(`topology.placement.${node}`, `unknown node '${node}'`);
  }
  const hosts: { name: string; ip: string }[] = [];
  const ipOf = new Map<string, string>();
  const used = new Map<string, Set<number>>();
  const nodes: TopologyNode[] = [];
  const place = (name: string, kind: TopologyNode['kind'], basePort: number): void => {
    const host = placement[name] ?? name;
    let ip = ipOf.get(host);
    if (ip === undefined) {
      ip = `10.0.${Math.floor((hosts.length + 1) / 256)}.${(hosts.length + 1) % 256}`;
      ipOf.set(host, ip);
      hosts.push({ name: host, ip });
      used.set(host, new Set());
    }
    const taken = used.get(host)!;
    let port = ports[name] ?? basePort;
    if (ports[name] !== undefined && taken.has(port)) {
      throw new ScenarioError(`ports.${name}`, `port ${port} is already used on host ${host}`);
    }
    while (port !== CLIENT_PORT && taken.has(port)) port++;
    if (port !== CLIENT_PORT) taken.add(port);
    nodes.push({ name, kind, host, ip, port });
  };
  for (const n of names.redis) place(n, 'redis', REDIS_PORT);
  for (const n of names.sentinels) place(n, 'sentinel', SENTINEL_PORT);
  for (const n of names.clients) place(n, 'client', CLIENT_PORT);
  return { nodes, hosts };
}
