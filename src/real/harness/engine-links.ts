// Per-link faults for the engine SUT (pure planning). An engine sentinel dials every node through its
// address book (runtime.ts), and the harness gives each one its own proxy per peer:
// `sentinel-i->X` for every redis and sentinel X ≠ sentinel-i (cluster.ts). So, unlike redis-sentinel,
// a directed pair that involves a sentinel maps onto exactly one stream of exactly one proxy:
//
//   [s, X]  s's bytes to X, on the connections s opens          → `s->X` upstream
//   [X, s]  X's bytes to s, i.e. replies on s's connections       → `s->X` downstream
//   [c, s] / [s, c]  client c and sentinel s                      → `c->s` upstream / downstream
//
// (For two sentinels both rules apply: [s, t] is `s->t` upstream AND `t->s` downstream, since t's
// connections to s carry s's replies.) Pairs between two redis nodes or a client and a redis node
// still share the node's inbound proxy `*->X` (redis and ioredis cannot use an address book), so they
// are expressible only as part of isolating a whole redis node X, which cuts `*->X` both ways.
import {
  clientNodes,
  expandTargets,
  nodeNames,
  redisNodes,
  sentinelNodes,
} from '../../scenarios/topology.js';
import type { TopologySpec } from '../../scenarios/types.js';
import type { StreamChoice } from '../toxiproxy.js';

export type Stream = 'upstream' | 'downstream';

/** The engine sentinel `from`'s own proxy to `to`. */
export const engineLinkName = (from: string, to: string): string => `${from}->${to}`;

/** Every directed pair [a, b] (a ≠ b) of the blocks, hosts expanded, in first-seen order. */
export function expandPairs(
  t: TopologySpec,
  blocks: readonly (readonly [string, string])[],
): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const [a, b] of blocks) {
    for (const x of expandTargets(t, [a])) {
      for (const y of expandTargets(t, [b])) {
        const key = `${x}>${y}`;
        if (x === y || seen.has(key)) continue;
        seen.add(key);
        out.push([x, y]);
      }
    }
  }
  return out;
}

export interface Roles {
  readonly sentinel: ReadonlySet<string>;
  readonly redis: ReadonlySet<string>;
  readonly client: ReadonlySet<string>;
}

export function rolesOf(t: TopologySpec): Roles {
  return {
    sentinel: new Set(sentinelNodes(t)),
    redis: new Set(redisNodes(t)),
    client: new Set(clientNodes(t)),
  };
}

/** The (link, stream)s that carry a's bytes to b for the engine SUT; [] when none is exact. */
export function streamsCarrying(r: Roles, a: string, b: string): [string, Stream][] {
  const out: [string, Stream][] = [];
  const server = (x: string): boolean => r.redis.has(x) || r.sentinel.has(x);
  if (r.sentinel.has(a) && server(b)) out.push([engineLinkName(a, b), 'upstream']);
  if (r.sentinel.has(b) && server(a)) out.push([engineLinkName(b, a), 'downstream']);
  if (r.client.has(a) && r.sentinel.has(b)) out.push([`${a}->${b}`, 'upstream']);
  if (r.sentinel.has(a) && r.client.has(b)) out.push([`${b}->${a}`, 'downstream']);
  return out;
}

export interface LinkCuts {
  /** link name → the streams to cut on it, in first-seen order. */
  readonly cuts: ReadonlyMap<string, StreamChoice>;
  /** Pairs no proxy expresses (between two redis nodes or a client and a redis node, not isolated). */
  readonly inexpressible: readonly [string, string][];
}

function merge(prev: StreamChoice | undefined, s: StreamChoice): StreamChoice {
  return prev === undefined || prev === s ? s : 'both';
}

/** Which proxies and streams to cut so that exactly the blocked pairs lose their bytes (engine SUT). */
export function engineCuts(t: TopologySpec, blocks: readonly (readonly [string, string])[]): LinkCuts {
  const r = rolesOf(t);
  const pairs = expandPairs(t, blocks);
  // Whole-node isolation of redis nodes: the only way to cut redis↔redis and client↔redis pairs.
  const has = new Set(pairs.map(([a, b]) => `${a}>${b}`));
  const all = nodeNames(t);
  const isolatedRedis = new Set(
    [...r.redis].filter((x) => all.every((y) => y === x || (has.has(`${x}>${y}`) && has.has(`${y}>${x}`)))),
  );
  const cuts = new Map<string, StreamChoice>();
  for (const x of isolatedRedis) cuts.set(`*->${x}`, 'both');
  const inexpressible: [string, string][] = [];
  for (const [a, b] of pairs) {
    const exact = streamsCarrying(r, a, b);
    for (const [link, stream] of exact) cuts.set(link, merge(cuts.get(link), stream));
    if (exact.length === 0 && !isolatedRedis.has(a) && !isolatedRedis.has(b)) inexpressible.push([a, b]);
  }
  return { cuts, inexpressible };
}

/**
 * The address book of engine sentinel `self`: the public address of every other redis and sentinel node
 * (what INFO, hello and the config carry) → the listen address of `self`'s own proxy to it.
 */
export function addressBookOf(
  self: string,
  publicAddr: ReadonlyMap<string, { host: string; port: number }>,
  linkListen: (name: string) => { host: string; port: number },
): Record<string, string> {
  const book: Record<string, string> = {};
  for (const [node, pub] of publicAddr) {
    if (node === self) continue;
    const l = linkListen(engineLinkName(self, node));
    book[`${pub.host}:${pub.port}`] = `${l.host}:${l.port}`;
  }
  return book;
}
