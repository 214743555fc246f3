// election-safety (spec §7.2, §7.3, §7.6): at most one leader per (master, epoch), and no Sentinel
// grants two different candidates its vote in one epoch.
//
// Definitions, from the events alone:
// - A node's failover epoch for master M is the value of the last `+new-epoch` that node emitted before
//   its latest `+try-failover` for M (§7.4 emits `+new-epoch <e>` then `+try-failover` in one step).
//   A `+elected-leader master M …` event is the node's win of M in that epoch. If the node emitted no
//   `+new-epoch` before its `+try-failover` (or no `+try-failover` at all since it last started), the
//   epoch is undetermined and the verdict is 'unknown' unless a violation is found elsewhere.
// - Votes: `+vote-for-leader <runid> <epoch>` carries no master name, so per-epoch vote uniqueness is
//   judged per node only when the topology monitors exactly one master; otherwise it is not judged and
//   the verdict cannot be a pass.
// A double vote across a `config-loss` of the voter is still reported (the protocol's promise is broken
// whatever the cause), flagged `afterConfigLoss` in the evidence.
import { garbledEvidence, sentinelEvents, type EventAt } from './events.js';
import type { History } from './history.js';
import { expandTargets, type CheckResult, type Topology, topologyOf } from './model.js';
import { runIdMap } from './runids.js';

interface Leader {
  readonly node: string;
  readonly trueMs: number;
}
interface Vote {
  readonly candidate: string;
  readonly trueMs: number;
  readonly lossCount: number;
}

/** The event types this checker interprets; a garbled one among them makes a pass impossible. */
const INTERPRETED: ReadonlySet<string> = new Set([
  '+new-epoch',
  '+vote-for-leader',
  '+try-failover',
  '+elected-leader',
]);

interface DoubleVote {
  readonly node: string;
  readonly epoch: number;
  readonly first: { readonly candidate: string; readonly trueMs: number };
  readonly second: { readonly candidate: string; readonly trueMs: number };
  readonly afterConfigLoss: boolean;
}

/** Walks the history once, collecting leaders per (master, epoch) and votes per (node, epoch). */
class ElectionTracker {
  readonly leaders = new Map<string, Leader[]>();
  readonly undetermined: { node: string; master: string; trueMs: number }[] = [];
  readonly doubleVotes: DoubleVote[] = [];
  private readonly lastNewEpoch = new Map<string, number>();
  /** `${node}\0${master}` → failover epoch of the node's latest attempt (null: undetermined). */
  private readonly failoverEpoch = new Map<string, number | null>();
  private readonly votes = new Map<string, Vote>();
  private readonly configLosses = new Map<string, number>();

  constructor(
    private readonly topo: Topology,
    readonly judgeVotes: boolean,
  ) {}

  onConfigLoss(targets: readonly string[]): void {
    for (const n of expandTargets(this.topo, targets))
      this.configLosses.set(n, (this.configLosses.get(n) ?? 0) + 1);
  }

  /** A crash or restart ends any attempt in progress: a later +elected-leader needs a new +try-failover. */
  onRestart(node: string): void {
    for (const key of [...this.failoverEpoch.keys()])
      if (key.startsWith(`${node}\u0000`)) this.failoverEpoch.delete(key);
  }

  onEvent(at: EventAt): void {
    const ev = at.event;
    switch (ev.kind) {
      case 'new-epoch':
        this.lastNewEpoch.set(at.node, ev.epoch);
        return;
      case 'try-failover':
        this.failoverEpoch.set(`${at.node}\u0000${ev.det.name}`, this.lastNewEpoch.get(at.node) ?? null);
        return;
      case 'elected-leader':
        this.onElected(at, ev.det.name);
        return;
      case 'vote':
        if (this.judgeVotes) this.onVote(at, ev.candidate, ev.epoch);
        return;
      default:
        return;
    }
  }

  private onElected(at: EventAt, master: string): void {
    const epoch = this.failoverEpoch.get(`${at.node}\u0000${master}`) ?? null;
    if (epoch === null) {
      this.undetermined.push({ node: at.node, master, trueMs: at.trueMs });
      return;
    }
    const key = `${master} epoch ${String(epoch)}`;
    const list = this.leaders.get(key) ?? [];
    list.push({ node: at.node, trueMs: at.trueMs });
    this.leaders.set(key, list);
  }

  private onVote(at: EventAt, candidate: string, epoch: number): void {
    const key = `${at.node}\u0000${String(epoch)}`;
    const prior = this.votes.get(key);
    const lossCount = this.configLosses.get(at.node) ?? 0;
    if (prior === undefined) {
      this.votes.set(key, { candidate, trueMs: at.trueMs, lossCount });
    } else if (prior.candidate !== candidate) {
      this.doubleVotes.push({
        node: at.node,
        epoch,
        first: { candidate: prior.candidate, trueMs: prior.trueMs },
        second: { candidate, trueMs: at.trueMs },
        afterConfigLoss: lossCount > prior.lossCount,
      });
    }
  }

  twoLeaders(): { masterEpoch: string; leaders: Leader[] }[] {
    return [...this.leaders].flatMap(([key, list]) =>
      new Set(list.map((l) => l.node)).size > 1 ? [{ masterEpoch: key, leaders: list }] : [],
    );
  }
}

export function checkElectionSafety(history: History): CheckResult {
  const topo = topologyOf(history);
  const events = sentinelEvents(history);
  const tracker = new ElectionTracker(topo, topo.masterNames.length === 1);
  let next = 0;
  history.forEach((record, index) => {
    const p = record.payload;
    if (p.kind === 'fault' && p.phase === 'apply' && p.op.includes('config-loss'))
      tracker.onConfigLoss(p.targets);
    if (p.kind === 'process' && p.state !== 'resumed' && p.state !== 'paused') tracker.onRestart(record.node);
    const at = events[next];
    if (at?.index !== index) return;
    next += 1;
    tracker.onEvent(at);
  });
  return verdict(
    tracker,
    garbledEvidence(events.filter((e) => INTERPRETED.has(e.type))),
    runIdMap(history, topo).byRunId,
  );
}

function verdict(
  t: ElectionTracker,
  garbled: readonly unknown[],
  runIds: ReadonlyMap<string, string>,
): CheckResult {
  const twoLeaders = t.twoLeaders();
  const evidence = {
    leaders: Object.fromEntries([...t.leaders].map(([k, list]) => [k, list.map((l) => l.node)])),
    twoLeaders,
    doubleVotes: t.doubleVotes,
    undetermined: t.undetermined,
    garbled,
    votesJudged: t.judgeVotes,
    runIds: Object.fromEntries(runIds),
  };
  if (twoLeaders.length > 0 || t.doubleVotes.length > 0) {
    const parts = [
      ...twoLeaders.map(
        (x) =>
          `two leaders for ${x.masterEpoch}: ${x.leaders.map((l) => `${l.node}@${String(l.trueMs)}ms`).join(', ')}`,
      ),
      ...t.doubleVotes.map((d) => `${d.node} voted twice in epoch ${String(d.epoch)}`),
    ];
    return { valid: false, detail: parts.join('; '), evidence };
  }
  const why = !t.judgeVotes
    ? 'votes name no master and several masters are monitored'
    : garbled.length > 0
      ? 'some interpreted events are garbled'
      : t.undetermined.length > 0
        ? 'the epoch of some elected leaders is undetermined'
        : null;
  if (why !== null) return { valid: 'unknown', detail: `no violation seen, but ${why}`, evidence };
  return {
    valid: true,
    detail: `${String(t.leaders.size)} (master, epoch) pairs each had one leader; no double vote`,
    evidence,
  };
}
