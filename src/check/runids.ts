// Run id → node name. Sentinel events name Sentinels by run id (`+vote-for-leader <runid> <epoch>`),
// while the history names nodes. Sources, in order of trust: the topology's optional `runId`; the
// `+sentinel sentinel <runid> <ip> <port> …` events (a peer announcing itself at a topology address);
// and self-votes (the first `+vote-for-leader` a node emits right after its own `+try-failover` is, per
// §7.4/§7.3, normally for itself). A run id claimed by two nodes is reported as ambiguous and not mapped.
import type { History } from './history.js';
import { sentinelEvents } from './events.js';
import { sentinelAt, type Topology } from './model.js';

export interface RunIdMap {
  readonly byRunId: ReadonlyMap<string, string>;
  readonly ambiguous: readonly string[];
}

export function runIdMap(history: History, topo: Topology): RunIdMap {
  const claims = new Map<string, Set<string>>();
  const claim = (runId: string, node: string): void => {
    const key = runId.toLowerCase();
    const set = claims.get(key) ?? new Set<string>();
    set.add(node);
    claims.set(key, set);
  };
  for (const node of topo.record.nodes) if (node.runId !== undefined) claim(node.runId, node.name);
  const afterTry = new Set<string>();
  for (const e of sentinelEvents(history)) {
    const ev = e.event;
    if (ev.kind === 'sentinel') {
      const node = sentinelAt(topo, ev.det.ip, ev.det.port);
      if (node !== null) claim(ev.det.name, node);
    } else if (ev.kind === 'try-failover') {
      afterTry.add(e.node);
    } else if (ev.kind === 'vote' && afterTry.has(e.node)) {
      afterTry.delete(e.node);
      // Only trusted when no other source contradicts it (checked below through ambiguity).
      if (!claims.has(ev.candidate)) claim(ev.candidate, e.node);
    }
  }
  const byRunId = new Map<string, string>();
  const ambiguous: string[] = [];
  for (const [runId, nodes] of claims) {
    const [only] = [...nodes];
    if (nodes.size === 1 && only !== undefined) byRunId.set(runId, only);
    else ambiguous.push(runId);
  }
  return { byRunId, ambiguous };
}
