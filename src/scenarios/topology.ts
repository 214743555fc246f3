// Node and host names of a topology (src/scenarios/types.ts fixes the naming): `redis-1` is the initial
// master, `redis-2…` its replicas, `sentinel-1…`, `client-1…`. A node runs on a host of its own name
// unless `placement` puts it on a shared one.

import type { TopologySpec } from './types.js';

const range = (count: number, prefix: string): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);

export const redisNodes = (t: TopologySpec): string[] => range(t.replicas + 1, 'redis');
export const sentinelNodes = (t: TopologySpec): string[] => range(t.sentinels, 'sentinel');
export const clientNodes = (t: TopologySpec): string[] => range(t.clients, 'client');

/** Every node, in the order redis, sentinels, clients. */
export function nodeNames(t: TopologySpec): string[] {
  return [...redisNodes(t), ...sentinelNodes(t), ...clientNodes(t)];
}

export function hostOf(t: TopologySpec, node: string): string {
  return t.placement?.[node] ?? node;
}

/** Every host, in first-use order of `nodeNames`. */
export function hostNames(t: TopologySpec): string[] {
  return [...new Set(nodeNames(t).map((n) => hostOf(t, n)))];
}

export function nodesOnHost(t: TopologySpec, host: string): string[] {
  return nodeNames(t).filter((n) => hostOf(t, n) === host);
}

/** Expand names that may be hosts into the nodes they stand for (a node name stands for itself). */
export function expandTargets(t: TopologySpec, names: readonly string[]): string[] {
  const nodes = new Set(nodeNames(t));
  const out: string[] = [];
  for (const name of names) {
    for (const n of nodes.has(name) ? [name] : nodesOnHost(t, name)) if (!out.includes(n)) out.push(n);
  }
  return out;
}
