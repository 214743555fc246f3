// Shared vocabulary of the checkers: the result shape, the typed errors, and the topology lookup that
// turns the addresses found in Sentinel event messages back into node names.
import type { History, HistoryPayload, TopologyNode } from './history.js';

/** What one checker returns; src/check/index.ts adds the invariant name and the expectation. */
export interface CheckResult {
  readonly valid: boolean | 'unknown';
  readonly detail: string;
  readonly evidence: Readonly<Record<string, unknown>>;
}

export type CheckErrorCode =
  | 'CHECK_NO_TOPOLOGY'
  | 'CHECK_BAD_RECORD'
  | 'CHECK_UNKNOWN_INVARIANT'
  | 'CHECK_BAD_EXPECTATION'
  | 'CHECK_ASSERTION';

export class CheckError extends Error {
  readonly code: CheckErrorCode;
  constructor(code: CheckErrorCode, message: string) {
    super(message);
    this.name = 'CheckError';
    this.code = code;
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckError('CHECK_ASSERTION', `assertion failed: ${message}`);
}

export type TopologyPayload = Extract<HistoryPayload, { kind: 'topology' }>;

export interface Topology {
  readonly record: TopologyPayload;
  readonly nodes: ReadonlyMap<string, TopologyNode>;
  /** Sentinel node names, in topology order. */
  readonly sentinels: readonly string[];
  /** redis-server node names, in topology order. */
  readonly redis: readonly string[];
  readonly masterNames: readonly string[];
  readonly downAfterMs: number;
  readonly failoverTimeoutMs: number;
  /** Majority of all Sentinels in the topology (spec §7.3 counts every known peer). */
  readonly majority: number;
}

/** Reads the `topology` record that must open every history. */
export function topologyOf(history: History): Topology {
  const first = history[0];
  if (first === undefined || first.payload.kind !== 'topology') {
    throw new CheckError('CHECK_NO_TOPOLOGY', 'history[0].payload.kind must be "topology"');
  }
  const record = first.payload;
  const nodes = new Map<string, TopologyNode>();
  for (const node of record.nodes) nodes.set(node.name, node);
  const sentinels = record.nodes.filter((n) => n.kind === 'sentinel').map((n) => n.name);
  return {
    record,
    nodes,
    sentinels,
    redis: record.nodes.filter((n) => n.kind === 'redis').map((n) => n.name),
    masterNames: record.masters.map((m) => m.name),
    downAfterMs: record.downAfterMs,
    failoverTimeoutMs: record.failoverTimeoutMs,
    majority: Math.floor(sentinels.length / 2) + 1,
  };
}

export function addrKey(ip: string, port: number | string): string {
  return `${ip}:${String(port)}`;
}

/** The redis node listening at ip:port, or null when no topology node has that address. */
export function redisAt(topo: Topology, ip: string, port: number): string | null {
  for (const node of topo.record.nodes) {
    if (node.kind === 'redis' && node.ip === ip && node.port === port) return node.name;
  }
  return null;
}

export function sentinelAt(topo: Topology, ip: string, port: number): string | null {
  for (const node of topo.record.nodes) {
    if (node.kind === 'sentinel' && node.ip === ip && node.port === port) return node.name;
  }
  return null;
}

/**
 * Expands fault targets (node or host names) to the node names they touch: a host target hits every
 * node placed on that host. Unknown names are kept as they are, so a check never silently drops them.
 */
export function expandTargets(topo: Topology, targets: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const target of targets) {
    if (topo.nodes.has(target)) out.add(target);
    let matchedHost = false;
    for (const node of topo.record.nodes) {
      if (node.host === target) {
        out.add(node.name);
        matchedHost = true;
      }
    }
    if (!topo.nodes.has(target) && !matchedHost) out.add(target);
  }
  return out;
}

/** Formats milliseconds for one-line details. */
export function fmtMs(ms: number): string {
  return `${String(Math.round(ms))} ms`;
}
