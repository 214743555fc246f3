// Maps a scenario's fault operations onto what the real tier can do for a given SUT (pure planning).
//
// For redis-sentinel every node is reached through ONE inbound proxy (cluster.ts), so:
//  - crash / pause / config-loss of a redis or sentinel node: supported (SIGKILL, SIGSTOP, rewrite conf).
//  - partition: supported when its directed pairs are exactly "node X cut from every other node, both
//    ways" for a set of redis nodes X — realised by cutting X's inbound proxy. Connections X opens
//    itself (a replica's link to its master) go through the master's proxy and stay up; a master opens
//    none. Any other shape (one-way, partial, sentinel or client isolation) is unsupported: a sentinel's
//    outgoing links share the proxies of the nodes it dials and cannot be cut on their own.
//  - link degradation (latency, bandwidth) from → to: applied to `to`'s inbound proxy, i.e. widened to
//    every link into `to` (client→sentinel links are exact); loss and duplication are unsupported
//    (Toxiproxy has no per-segment loss on a TCP stream).
//  - clock faults: unsupported (libfaketime cannot start Debian's jemalloc redis-server; docs/real-tier.md).
// For the engine SUT every sentinel also has its own proxy per peer (engine-links.ts), so partitions and
// link faults that involve a sentinel are exact per directed pair (one-way and partial ones included),
// and clock faults on a sentinel go through its injected clock (`SENTINEL-LAB CLOCK`, runtime-lab.ts).
// Latency values are drawn here from the harness's seeded random(); Toxiproxy's own jitter stays 0.
import type { RandomFn } from '../../engine/io.js';
import { expandTargets, nodeNames, redisNodes } from '../../scenarios/topology.js';
import type { FaultOp, LatencySpec, TimedFault, TopologySpec } from '../../scenarios/types.js';
import type { StreamChoice } from '../toxiproxy.js';
import type { Sut } from './cluster.js';
import { engineCuts, expandPairs, streamsCarrying, rolesOf } from './engine-links.js';

export type Action =
  | { readonly kind: 'crash'; readonly node: string }
  | { readonly kind: 'pause'; readonly node: string }
  | { readonly kind: 'config-loss'; readonly node: string }
  /**
   * Cut a proxy: `silent` drops bytes (timeout toxic) on `streams` (default both), `reset` disables it
   * (connections reset, both directions).
   */
  | {
      readonly kind: 'cut';
      readonly link: string;
      readonly mode: 'silent' | 'reset';
      readonly streams?: StreamChoice;
    }
  | {
      readonly kind: 'degrade';
      readonly link: string;
      readonly latencyMs?: number;
      readonly bandwidthKBps?: number;
      readonly streams?: StreamChoice;
    }
  /** Engine sentinels only: step or skew the injected clock (healing a drift restores the old rate). */
  | { readonly kind: 'clock-jump'; readonly node: string; readonly deltaMs: number }
  | { readonly kind: 'clock-drift'; readonly node: string; readonly ppm: number };

export interface Plan {
  readonly actions: readonly Action[];
  /** Parts of the op that could not be applied (the run output lists them). */
  readonly unsupported: readonly string[];
  readonly detail: string;
}

const CLOCK_REASON =
  "clock faults are unsupported for redis-sentinel: libfaketime cannot start Debian's jemalloc redis-server/redis-sentinel (recursive clock_gettime)";

const inbound = (node: string): string => `*->${node}`;

export function drawLatencyMs(spec: LatencySpec, random: RandomFn): number {
  const r = random();
  switch (spec.kind) {
    case 'constant':
      return spec.ms;
    case 'uniform':
      return spec.minMs + r * (spec.maxMs - spec.minMs);
    case 'exponential':
      return spec.minMs - spec.meanMs * Math.log(1 - r);
    case 'long-tail':
      return r < spec.tailProbability ? spec.maxMs : spec.baseMs;
    default: {
      const never: never = spec;
      return never;
    }
  }
}

function describe(actions: readonly Action[]): string {
  const one = (a: Action): string => {
    const what = 'node' in a ? a.node : a.link;
    const streams =
      'streams' in a && a.streams !== undefined && a.streams !== 'both' ? ` (${a.streams})` : '';
    return `${a.kind} ${what}${streams}`;
  };
  return actions.map(one).join(', ');
}

function processFault(t: TopologySpec, kind: 'crash' | 'pause' | 'config-loss', target: string): Plan {
  const actions: Action[] = [];
  const unsupported: string[] = [];
  for (const node of expandTargets(t, [target])) {
    if (node.startsWith('client-'))
      unsupported.push(`${kind} ${node}: the harness's own clients are not faulted`);
    else if (kind === 'config-loss' && !node.startsWith('sentinel-'))
      unsupported.push(`config-loss ${node}: not a sentinel`);
    else actions.push({ kind, node });
  }
  return { actions, unsupported, detail: describe(actions) };
}

/** The nodes X whose blocks are exactly "X isolated from every other node", if that covers all pairs. */
export function isolatedNodes(
  t: TopologySpec,
  blocks: readonly (readonly [string, string])[],
): string[] | null {
  const all = nodeNames(t);
  const pairs = new Set<string>();
  for (const [a, b] of blocks) {
    for (const x of expandTargets(t, [a])) {
      for (const y of expandTargets(t, [b])) if (x !== y) pairs.add(`${x}>${y}`);
    }
  }
  const both = (x: string, y: string): boolean => pairs.has(`${x}>${y}`) && pairs.has(`${y}>${x}`);
  const isolated = all.filter((x) => all.every((y) => y === x || both(x, y)));
  const covered = new Set<string>();
  for (const x of isolated) for (const y of all) if (y !== x) covered.add(`${x}>${y}`).add(`${y}>${x}`);
  return [...pairs].every((p) => covered.has(p)) ? isolated : null;
}

function partitionFault(t: TopologySpec, op: Extract<FaultOp, { kind: 'partition' }>): Plan {
  const isolated = isolatedNodes(t, op.blocks);
  const redis = new Set(redisNodes(t));
  if (isolated === null || isolated.length === 0 || !isolated.every((n) => redis.has(n))) {
    return {
      actions: [],
      unsupported: [
        'partition: redis-sentinel sees one address per node, so only whole-node isolation of redis nodes is expressible; these directed pairs are not',
      ],
      detail: '',
    };
  }
  const mode = op.mode === 'reset' ? 'reset' : 'silent';
  const hold = op.mode === 'hold' || op.mode === undefined;
  const note = hold ? " ('hold' applied as a silent drop: bytes are lost, not delayed)" : '';
  return {
    actions: isolated.map((n) => ({ kind: 'cut', link: inbound(n), mode })),
    unsupported: [],
    detail: `${mode} cut of ${isolated.map(inbound).join(', ')}${note}`,
  };
}

function enginePartitionFault(t: TopologySpec, op: Extract<FaultOp, { kind: 'partition' }>): Plan {
  const { cuts, inexpressible } = engineCuts(t, op.blocks);
  if (inexpressible.length > 0 || cuts.size === 0) {
    const pairs = inexpressible.map(([a, b]) => `${a}->${b}`).join(', ');
    return {
      actions: [],
      unsupported: [
        `partition: pairs between redis nodes or a client and a redis node share the node's inbound proxy and are cut only with the whole node isolated; not expressible: ${pairs}`,
      ],
      detail: '',
    };
  }
  const mode = op.mode === 'reset' ? 'reset' : 'silent';
  const actions: Action[] = [...cuts].map(([link, streams]) =>
    mode === 'reset' ? { kind: 'cut', link, mode } : { kind: 'cut', link, mode, streams },
  );
  const hold = op.mode === 'hold' || op.mode === undefined;
  const note = hold ? " ('hold' applied as a silent drop: bytes are lost, not delayed)" : '';
  const resetNote = mode === 'reset' ? ' (reset disables a proxy: both directions of its connections)' : '';
  return { actions, unsupported: [], detail: `${mode} ${describe(actions)}${note}${resetNote}` };
}

function linkFault(
  t: TopologySpec,
  sut: Sut,
  op: Extract<FaultOp, { kind: 'link' }>,
  random: RandomFn,
): Plan {
  const unsupported: string[] = [];
  if ((op.lossRate ?? 0) > 0)
    unsupported.push('link lossRate: Toxiproxy cannot drop segments of a TCP stream');
  if ((op.duplicateRate ?? 0) > 0) unsupported.push('link duplicateRate: not expressible on a TCP proxy');
  const latencyMs = op.latency === undefined ? undefined : Math.round(drawLatencyMs(op.latency, random));
  const pairs: [string, string][] = [[op.from, op.to]];
  if (op.symmetric === true) pairs.push([op.to, op.from]);
  const actions: Action[] = [];
  const degrade = {
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(op.bandwidthKBps === undefined ? {} : { bandwidthKBps: op.bandwidthKBps }),
  };
  let widened = false;
  for (const [from, to] of pairs) {
    if (sut === 'engine') {
      const exact = expandPairs(t, [[from, to]]).flatMap(([a, b]) => streamsCarrying(rolesOf(t), a, b));
      if (exact.length > 0) {
        for (const [link, streams] of exact) actions.push({ kind: 'degrade', link, ...degrade, streams });
        continue;
      }
    }
    widened = true;
    for (const dst of expandTargets(t, [to])) {
      if (dst.startsWith('client-')) {
        unsupported.push(`link ${from}->${dst}: links into a client are not proxied`);
        continue;
      }
      const exact = from.startsWith('client-') && dst.startsWith('sentinel-');
      const link = exact ? `${from}->${dst}` : inbound(dst);
      if (actions.some((a) => a.kind === 'degrade' && a.link === link)) continue;
      actions.push({ kind: 'degrade', link, ...degrade });
    }
  }
  const what = [
    latencyMs === undefined ? '' : `latency ${latencyMs} ms`,
    op.bandwidthKBps === undefined ? '' : `bandwidth ${op.bandwidthKBps} KB/s`,
  ].join(' ');
  return {
    actions,
    unsupported,
    detail: `${what.trim()} on ${describe(actions)}${widened ? ' (widened to every link into the target)' : ''}`,
  };
}

const REDIS_CLOCK_REASON =
  "clock faults on redis-server are unsupported: libfaketime cannot start Debian's jemalloc redis-server (recursive clock_gettime)";

/** Engine sentinels take clock faults through their injected clock; redis nodes cannot. */
function engineClockFault(
  t: TopologySpec,
  op: Extract<FaultOp, { kind: 'clock-jump' | 'clock-drift' }>,
): Plan {
  const actions: Action[] = [];
  const unsupported: string[] = [];
  for (const node of expandTargets(t, [op.target])) {
    if (!node.startsWith('sentinel-')) unsupported.push(`${op.kind} ${node}: ${REDIS_CLOCK_REASON}`);
    else if (op.kind === 'clock-jump') actions.push({ kind: 'clock-jump', node, deltaMs: op.deltaMs });
    else actions.push({ kind: 'clock-drift', node, ppm: op.ppm });
  }
  const what = op.kind === 'clock-jump' ? `jump ${op.deltaMs} ms` : `drift ${op.ppm} ppm`;
  return {
    actions,
    unsupported,
    detail: `clock ${what} on ${actions.map((a) => ('node' in a ? a.node : '')).join(', ')}`,
  };
}

/** How the real tier applies `fault` for `sut`. */
export function planFault(t: TopologySpec, sut: Sut, fault: TimedFault, random: RandomFn): Plan {
  const op = fault.op;
  switch (op.kind) {
    case 'crash':
    case 'pause':
    case 'config-loss':
      return processFault(t, op.kind, op.target);
    case 'partition':
      return sut === 'engine' ? enginePartitionFault(t, op) : partitionFault(t, op);
    case 'link':
      return linkFault(t, sut, op, random);
    case 'clock-jump':
    case 'clock-drift':
      return sut === 'engine'
        ? engineClockFault(t, op)
        : { actions: [], unsupported: [CLOCK_REASON], detail: '' };
    default: {
      const never: never = op;
      return never;
    }
  }
}
