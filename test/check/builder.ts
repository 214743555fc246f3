// A small builder of synthetic histories for the checker tests. Addresses: redis-N at 10.0.0.N:6379,
// sentinel-N at 10.0.1.N:26379; run ids are 40 hex chars derived from the sentinel index.
import type { History, HistoryPayload, HistoryRecord, TopologyNode } from '../../src/check/history.js';

export interface BuilderOptions {
  readonly sentinels?: number;
  readonly replicas?: number;
  readonly clients?: number;
  readonly quorum?: number;
  readonly downAfterMs?: number;
  readonly failoverTimeoutMs?: number;
  readonly masterName?: string;
  /** Put runId into the topology nodes (default true). */
  readonly runIdsInTopology?: boolean;
  /** node → host, for nodes sharing a box. */
  readonly placement?: Readonly<Record<string, string>>;
}

export const MASTER = 'mymaster';

export function runIdOf(sentinel: string): string {
  const n = Number(sentinel.split('-')[1]);
  return n.toString(16).padStart(2, '0').repeat(20);
}

export function ipOf(node: string): string {
  const [kind, n] = node.split('-');
  return kind === 'redis' ? `10.0.0.${String(n)}` : `10.0.1.${String(n)}`;
}

export function portOf(node: string): number {
  return node.startsWith('redis') ? 6379 : 26379;
}

/** `master <name> <ip> <port>` instance details. */
export function masterDet(node: string, name = MASTER): string {
  return `master ${name} ${ipOf(node)} ${String(portOf(node))}`;
}

export function slaveDet(node: string, master: string, name = MASTER): string {
  return `slave ${ipOf(node)}:6379 ${ipOf(node)} 6379 @ ${name} ${ipOf(master)} 6379`;
}

export class HistoryBuilder {
  readonly records: HistoryRecord[] = [];
  readonly sentinels: string[];
  readonly redis: string[];
  nowMs = 0;

  constructor(readonly options: BuilderOptions = {}) {
    const sentinelCount = options.sentinels ?? 3;
    this.sentinels = Array.from({ length: sentinelCount }, (_, i) => `sentinel-${String(i + 1)}`);
    this.redis = Array.from({ length: (options.replicas ?? 2) + 1 }, (_, i) => `redis-${String(i + 1)}`);
    const clients = Array.from({ length: options.clients ?? 1 }, (_, i) => `client-${String(i + 1)}`);
    const node = (name: string, kind: TopologyNode['kind']): TopologyNode => ({
      name,
      kind,
      host: options.placement?.[name] ?? name,
      ip: kind === 'client' ? '10.0.2.1' : ipOf(name),
      port: kind === 'client' ? 0 : portOf(name),
      ...(kind === 'sentinel' && options.runIdsInTopology !== false ? { runId: runIdOf(name) } : {}),
    });
    this.push('nemesis', {
      kind: 'topology',
      nodes: [
        ...this.redis.map((n) => node(n, 'redis')),
        ...this.sentinels.map((n) => node(n, 'sentinel')),
        ...clients.map((n) => node(n, 'client')),
      ],
      masters: [{ name: options.masterName ?? MASTER, quorum: options.quorum ?? 2, initial: 'redis-1' }],
      downAfterMs: options.downAfterMs ?? 5000,
      failoverTimeoutMs: options.failoverTimeoutMs ?? 10_000,
    });
  }

  at(ms: number): this {
    this.nowMs = ms;
    return this;
  }

  push(node: string, payload: HistoryPayload): this {
    this.records.push({ trueMs: this.nowMs, localMs: node === 'nemesis' ? null : this.nowMs, node, payload });
    return this;
  }

  event(node: string, type: string, message: string): this {
    return this.push(node, { kind: 'sentinel-event', type, level: 'warning', message });
  }

  view(sentinel: string, masterNode: string | null, master = MASTER): this {
    const addr = masterNode === null ? null : `${ipOf(masterNode)}:6379`;
    return this.push(sentinel, { kind: 'sentinel-view', master, addr, masterNode });
  }

  viewAll(masterNode: string, sentinels: readonly string[] = this.sentinels): this {
    for (const s of sentinels) this.view(s, masterNode);
    return this;
  }

  role(node: string, role: 'master' | 'replica', masterNode: string | null = null): this {
    return this.push(node, { kind: 'role', role, masterNode });
  }

  process(node: string, state: 'up' | 'crashed' | 'paused' | 'resumed' | 'restarted'): this {
    return this.push(node, { kind: 'process', state });
  }

  fault(
    phase: 'apply' | 'heal',
    op: string,
    targets: readonly string[],
    blocks?: readonly (readonly [string, string])[],
  ): this {
    return this.push('nemesis', {
      kind: 'fault',
      phase,
      op,
      targets,
      ...(blocks === undefined ? {} : { blocks }),
    });
  }

  config(node: string, currentEpoch: number, configEpoch: number, leaderEpoch: number): this {
    return this.push(node, {
      kind: 'config',
      currentEpoch,
      masters: [{ name: MASTER, configEpoch, leaderEpoch }],
    });
  }

  write(
    client: string,
    opId: number,
    value: number,
    target: string,
    outcome: 'ok' | 'fail' | 'info',
    endMs?: number,
  ): this {
    this.push(client, { kind: 'op', phase: 'invoke', opId, op: 'write', key: 'k', value, target });
    const saved = this.nowMs;
    if (endMs !== undefined) this.nowMs = endMs;
    this.push(client, { kind: 'op', phase: outcome, opId, op: 'write', key: 'k', value, target });
    this.nowMs = saved;
    return this;
  }

  healed(): this {
    return this.push('nemesis', { kind: 'healed' });
  }

  /** A `final` record: one master, the other listed redis nodes replicating it, all Sentinels naming it. */
  finalConverged(
    master: string,
    values: readonly number[],
    overrides: Partial<
      Record<
        string,
        {
          up?: boolean;
          role?: 'master' | 'replica' | null;
          masterNode?: string | null;
          views?: string | null;
        }
      >
    > = {},
  ): this {
    return this.push('nemesis', {
      kind: 'final',
      redis: this.redis.map((node) => {
        const o = overrides[node] ?? {};
        const role = o.role !== undefined ? o.role : node === master ? 'master' : 'replica';
        return {
          node,
          up: o.up ?? true,
          role,
          masterNode: o.masterNode !== undefined ? o.masterNode : role === 'replica' ? master : null,
          sets: { k: node === master ? [...values] : [] },
        };
      }),
      sentinels: this.sentinels.map((node) => {
        const o = overrides[node] ?? {};
        return { node, up: o.up ?? true, views: { [MASTER]: o.views !== undefined ? o.views : master } };
      }),
    });
  }

  /**
   * One uncontended failover (spec §15 event sequence): `leader` wins `epoch`, promotes `promoted`
   * (previously replicating `oldMaster`), every Sentinel votes for it, views switch 100 ms apart.
   */
  failover(leader: string, oldMaster: string, promoted: string, epoch: number): this {
    const t0 = this.nowMs;
    const id = runIdOf(leader);
    this.event(leader, '+sdown', masterDet(oldMaster)).event(
      leader,
      '+odown',
      `${masterDet(oldMaster)} #quorum 2/2`,
    );
    this.event(leader, '+new-epoch', String(epoch)).event(leader, '+try-failover', masterDet(oldMaster));
    this.event(leader, '+vote-for-leader', `${id} ${String(epoch)}`);
    for (const s of this.sentinels) {
      if (s !== leader)
        this.event(s, '+new-epoch', String(epoch)).event(s, '+vote-for-leader', `${id} ${String(epoch)}`);
    }
    this.at(t0 + 100).event(leader, '+elected-leader', masterDet(oldMaster));
    this.at(t0 + 300).event(leader, '+selected-slave', slaveDet(promoted, oldMaster));
    this.at(t0 + 1000)
      .role(promoted, 'master')
      .event(leader, '+promoted-slave', slaveDet(promoted, oldMaster));
    this.view(leader, promoted).config(leader, epoch, epoch, epoch);
    const newDet = `${MASTER} ${ipOf(oldMaster)} 6379 ${ipOf(promoted)} 6379`;
    let t = t0 + 1100;
    for (const s of this.sentinels) {
      if (s === leader) continue;
      this.at(t).event(s, '+switch-master', newDet).view(s, promoted).config(s, epoch, epoch, epoch);
      t += 100;
    }
    this.at(t + 1000)
      .event(leader, '+failover-end', masterDet(oldMaster))
      .event(leader, '+switch-master', newDet);
    return this;
  }

  build(): History {
    return [...this.records];
  }
}
