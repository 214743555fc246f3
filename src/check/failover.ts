// Failovers as clients see them: the node a majority of all Sentinels name for a master (from
// `sentinel-view` records, up Sentinels only) changes. A *switch* is a change of that majority node
// from X to Y ≠ X; stretches without a majority are skipped over, so X → (none) → Y is one switch.
//
// A *master-failure episode* is a fault applied while M is the majority node that stops M (crash or
// pause of M or its host) or cuts it from at least one Sentinel (partition with a pair involving M;
// a partition whose pairs are not recorded counts when M is among its targets). Each switch away from M
// completes the earliest open episode of M that started before it; later open episodes of M are
// marked as covered by it. measureFailovers reports, per completed episode, fault → switch time.
import { memoView } from './memo.js';
import { failoverBudget } from './budget.js';
import { faultSpans, type FaultSpan } from './faults.js';
import type { History } from './history.js';
import { type Topology, topologyOf } from './model.js';
import { applyRecord, initialWorld, majorityView, type WorldState } from './world.js';

export interface Switch {
  readonly master: string;
  readonly fromNode: string;
  readonly toNode: string;
  readonly atMs: number;
}

export interface Episode {
  readonly master: string;
  readonly oldMaster: string;
  readonly fault: {
    readonly index: number;
    readonly kind: string;
    readonly startMs: number;
    /** Heal time; null when the history never heals it (JSON has no Infinity). */
    readonly endMs: number | null;
  };
  /** Up Sentinels that cannot reach the old master; null when the partition's pairs are unknown. */
  readonly cutSentinels: readonly string[] | null;
  /**
   * The largest group of cut Sentinels that can all talk to each other (they must, to elect a leader,
   * §7.3); null when unknown.
   */
  readonly electorate: readonly string[] | null;
  /** Up replicas (other than M) that every member of the electorate reaches; null when unknown. */
  readonly reachableReplicas: readonly string[] | null;
  newMaster: string | null;
  completedMs: number | null;
  durationMs: number | null;
  /** Index (in the episode list) of the episode whose switch also ended this one. */
  coveredBy: number | null;
}

/** Whether `a` cannot talk to `b` under the span (either direction blocked, or `a`/`b` stopped). */
function cut(span: FaultSpan, a: string, b: string): boolean | null {
  if (span.kind === 'crash' || span.kind === 'pause') return span.nodes.has(a) || span.nodes.has(b);
  if (span.kind !== 'partition') return false;
  if (span.blocks === null) return null;
  return span.blocks.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/**
 * Whether the span stops M or cuts it from a Sentinel. A partition that only separates M from clients or
 * replicas is no master failure: Sentinel cannot see it and no failover is owed.
 */
function failsMaster(span: FaultSpan, master: string, sentinels: ReadonlySet<string>): boolean {
  if (span.kind === 'crash' || span.kind === 'pause') return span.nodes.has(master);
  if (span.kind !== 'partition') return false;
  if (span.blocks === null) return span.nodes.has(master);
  return span.blocks.some(
    ([x, y]) => (x === master && sentinels.has(y)) || (y === master && sentinels.has(x)),
  );
}

/**
 * The largest subset of `nodes` whose members are pairwise `linked` (first found in subset order on
 * ties). Exhaustive over subsets: Sentinel groups are small; above 12 members it falls back to the
 * greedy group grown from the first node, which can only under-estimate (never makes a failover required
 * that is not).
 */
export function largestClique(nodes: readonly string[], linked: (a: string, b: string) => boolean): string[] {
  if (nodes.length > 12) {
    const group: string[] = [];
    for (const n of nodes) if (group.every((g) => linked(g, n))) group.push(n);
    return group;
  }
  let best: string[] = [];
  for (let mask = 1; mask < 1 << nodes.length; mask += 1) {
    const group = nodes.filter((_, i) => (mask & (1 << i)) !== 0);
    if (group.length <= best.length) continue;
    if (group.every((a, i) => group.slice(i + 1).every((b) => linked(a, b)))) best = group;
  }
  return best;
}

function episodeFor(
  span: FaultSpan,
  master: string,
  oldMaster: string,
  state: WorldState,
  topo: Topology,
): Episode {
  const stopped = (n: string): boolean =>
    (span.kind === 'crash' || span.kind === 'pause') && span.nodes.has(n);
  const upSentinels = topo.sentinels.filter((s) => state.up.get(s) === true && !stopped(s));
  const cuts = upSentinels.map((s) => cut(span, s, oldMaster));
  const known = cuts.every((c) => c !== null);
  const cutSentinels = known ? upSentinels.filter((_, i) => cuts[i] === true) : null;
  const electorate =
    cutSentinels === null ? null : largestClique(cutSentinels, (a, b) => cut(span, a, b) === false);
  let reachableReplicas: string[] | null = null;
  if (electorate !== null) {
    reachableReplicas = topo.redis.filter((r) => {
      if (r === oldMaster || state.up.get(r) !== true || stopped(r)) return false;
      if (state.roles.get(r)?.role !== 'replica') return false;
      return electorate.every((s) => cut(span, s, r) === false);
    });
  }
  return {
    master,
    oldMaster,
    fault: {
      index: span.index,
      kind: span.kind,
      startMs: span.startMs,
      endMs: Number.isFinite(span.endMs) ? span.endMs : null,
    },
    cutSentinels,
    electorate,
    reachableReplicas,
    newMaster: null,
    completedMs: null,
    durationMs: null,
    coveredBy: null,
  };
}

export interface FailoverTimeline {
  readonly switches: readonly Switch[];
  readonly episodes: readonly Episode[];
  readonly spans: readonly FaultSpan[];
}

export function failoverTimeline(history: History, topo: Topology = topologyOf(history)): FailoverTimeline {
  return memoView(history, 'failover-timeline', () => computeTimeline(history, topo));
}

function computeTimeline(history: History, topo: Topology): FailoverTimeline {
  const spans = faultSpans(history, topo);
  const spanAt = new Map(spans.map((s) => [s.index, s] as const));
  const majority = new Map<string, string | null>();
  const switches: Switch[] = [];
  const episodes: Episode[] = [];
  const state = initialWorld(topo);
  const sentinelSet = new Set(topo.sentinels);
  history.forEach((record, index) => {
    const changed = applyRecord(state, record);
    const span = spanAt.get(index);
    // Only view and process changes move the majority; only fault applies open episodes.
    if (!changed && span === undefined) return;
    for (const master of topo.masterNames) {
      const now = majorityView(state, topo, master);
      const before = majority.get(master) ?? null;
      if (now !== null && before !== null && now !== before) {
        switches.push({ master, fromNode: before, toNode: now, atMs: record.trueMs });
        completeEpisodes(episodes, master, before, now, record.trueMs);
      }
      if (now !== null) majority.set(master, now);
      const current = majority.get(master) ?? null;
      if (span !== undefined && current !== null && failsMaster(span, current, sentinelSet)) {
        episodes.push(episodeFor(span, master, current, state, topo));
      }
    }
  });
  return { switches, episodes, spans };
}

function completeEpisodes(
  episodes: Episode[],
  master: string,
  fromNode: string,
  toNode: string,
  atMs: number,
): void {
  let first: number | null = null;
  episodes.forEach((ep, i) => {
    if (ep.master !== master || ep.oldMaster !== fromNode || ep.completedMs !== null || ep.coveredBy !== null)
      return;
    if (first === null) {
      first = i;
      ep.newMaster = toNode;
      ep.completedMs = atMs;
      // Differences of float times carry noise (6487.817000000003): keep the kernel's microsecond grain.
      ep.durationMs = Math.round((atMs - ep.fault.startMs) * 1000) / 1000;
    } else ep.coveredBy = first;
  });
}

export interface FailoverMeasurement {
  /** Every majority switch in the run, whatever caused it (same as failover-count). */
  readonly count: number;
  /** Fault → majority-switch time of each completed master-failure episode, in episode order. */
  readonly durationsMs: readonly number[];
  readonly episodes: readonly Episode[];
  readonly switches: readonly Switch[];
  readonly budgetMs: number;
}

export function measureFailovers(history: History): FailoverMeasurement {
  const topo = topologyOf(history);
  const { switches, episodes } = failoverTimeline(history, topo);
  const durationsMs = episodes.flatMap((e) => (e.durationMs === null ? [] : [e.durationMs]));
  return {
    count: switches.length,
    durationsMs,
    episodes,
    switches,
    budgetMs: failoverBudget(topo.downAfterMs).totalMs,
  };
}
