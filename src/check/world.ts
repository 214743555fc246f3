// Replays the history into the observable state the liveness checkers reason about: which processes
// are running, each redis node's replication role, and each Sentinel's answer to
// GET-MASTER-ADDR-BY-NAME. Before a node's first record, the topology's initial layout is assumed:
// every process up, the initial master a master, the other redis nodes its replicas (only when the
// topology monitors a single master), every Sentinel pointing at the initial master.
import type { HistoryRecord } from './history.js';
import type { Topology } from './model.js';

export interface RoleState {
  readonly role: 'master' | 'replica';
  readonly masterNode: string | null;
}

export interface WorldState {
  /** Running and responsive: false after crashed/paused, true after up/restarted/resumed. */
  readonly up: Map<string, boolean>;
  /** sentinel → master name → node it points at (null: no answer). */
  readonly views: Map<string, Map<string, string | null>>;
  readonly roles: Map<string, RoleState>;
}

export function initialWorld(topo: Topology): WorldState {
  const up = new Map<string, boolean>();
  for (const node of topo.record.nodes) up.set(node.name, true);
  const views = new Map<string, Map<string, string | null>>();
  for (const s of topo.sentinels) {
    views.set(s, new Map(topo.record.masters.map((m) => [m.name, m.initial] as const)));
  }
  const roles = new Map<string, RoleState>();
  const single = topo.record.masters.length === 1 ? topo.record.masters[0] : undefined;
  for (const m of topo.record.masters) roles.set(m.initial, { role: 'master', masterNode: null });
  if (single !== undefined) {
    for (const r of topo.redis)
      if (r !== single.initial) roles.set(r, { role: 'replica', masterNode: single.initial });
  }
  return { up, views, roles };
}

/** Applies one record to the state (mutating it). Returns whether anything observable changed. */
export function applyRecord(state: WorldState, record: HistoryRecord): boolean {
  const p = record.payload;
  switch (p.kind) {
    case 'process': {
      const running = p.state === 'up' || p.state === 'restarted' || p.state === 'resumed';
      const before = state.up.get(record.node);
      state.up.set(record.node, running);
      return before !== running;
    }
    case 'role':
      state.roles.set(record.node, { role: p.role, masterNode: p.role === 'master' ? null : p.masterNode });
      return true;
    case 'sentinel-view': {
      let views = state.views.get(record.node);
      if (views === undefined) {
        views = new Map();
        state.views.set(record.node, views);
      }
      views.set(p.master, p.masterNode);
      return true;
    }
    default:
      return false;
  }
}

/** The node a majority of all Sentinels (up ones only) point at for `master`, or null. */
export function majorityView(state: WorldState, topo: Topology, master: string): string | null {
  const counts = new Map<string, number>();
  for (const s of topo.sentinels) {
    if (state.up.get(s) !== true) continue;
    const view = state.views.get(s)?.get(master);
    if (view === null || view === undefined) continue;
    counts.set(view, (counts.get(view) ?? 0) + 1);
  }
  for (const [node, count] of counts) if (count >= topo.majority) return node;
  return null;
}

/**
 * Whether the system is converged: for each monitored master name, every up Sentinel points at one
 * node, that node is up and a master; there are no other up masters; every up replica replicates one
 * of those masters. Returns the reasons it is not.
 */
export function convergenceProblems(state: WorldState, topo: Topology): string[] {
  const problems: string[] = [];
  const chosen = new Set<string>();
  for (const master of topo.masterNames) {
    const seen = new Set<string | null>();
    for (const s of topo.sentinels) {
      if (state.up.get(s) !== true) continue;
      seen.add(state.views.get(s)?.get(master) ?? null);
    }
    if (seen.size > 1) problems.push(`sentinels disagree on ${master}: ${[...seen].map(String).join(', ')}`);
    const [only] = [...seen];
    if (seen.size === 1 && only === null) problems.push(`no sentinel names a master for ${master}`);
    if (seen.size === 1 && typeof only === 'string') chosen.add(only);
  }
  for (const node of topo.redis) {
    if (state.up.get(node) !== true) continue;
    const role = state.roles.get(node);
    if (role === undefined) problems.push(`${node}: role unknown`);
    else if (role.role === 'master' && !chosen.has(node))
      problems.push(`${node} is a master nobody points at`);
    else if (role.role === 'replica' && (role.masterNode === null || !chosen.has(role.masterNode))) {
      problems.push(`${node} replicates ${String(role.masterNode)}, not the agreed master`);
    }
  }
  for (const node of chosen) {
    if (state.up.get(node) !== true) problems.push(`agreed master ${node} is down`);
    else if (state.roles.get(node)?.role !== 'master') problems.push(`agreed master ${node} is not a master`);
  }
  return problems;
}
