// One real-tier run: provision the cluster, record the history (topology first, then everything the
// observers, clients and nemesis see), run the fault phase and the healed phase in wall time, take the
// final snapshot, and tear everything down (Provisioner.close, whatever happened).
import { setTimeout as sleep } from 'node:timers/promises';
import seedrandom from 'seedrandom';
import type { History, HistoryPayload, TopologyNode } from '../../check/history.js';
import { clientNodes, hostOf, redisNodes, sentinelNodes } from '../../scenarios/topology.js';
import type { Scenario } from '../../scenarios/types.js';
import { Provisioner } from '../procs.js';
import { startCluster, type Cluster, type Sut } from './cluster.js';
import { Nemesis, type UnsupportedFault } from './nemesis.js';
import { Observers } from './observers.js';
import { Recorder } from './recorder.js';
import { startClients, WRITE_KEY, type WorkloadClient } from './workload.js';

export interface RealRunOptions {
  readonly sut: Sut;
  readonly seed: number;
}

export interface RealRun {
  readonly history: History;
  readonly traceHash: string;
  readonly wallMs: number;
  readonly unsupported: readonly UnsupportedFault[];
  /** The tail of every process log (Toxiproxy, redis, sentinels), for failure reports. */
  readonly logs: string;
  /** How often a workload client's ioredis instance had ended and was replaced (workload.ts). */
  readonly clientRestarts: number;
}

function topologyPayload(cluster: Cluster): HistoryPayload {
  const s = cluster.scenario;
  const t = s.topology;
  const nodes: TopologyNode[] = [];
  for (const name of [...redisNodes(t), ...sentinelNodes(t)]) {
    const n = cluster.nodes.get(name)!;
    nodes.push({ name, kind: n.kind, host: hostOf(t, name), ip: n.publicAddr.host, port: n.publicAddr.port });
  }
  for (const name of clientNodes(t)) {
    nodes.push({ name, kind: 'client', host: hostOf(t, name), ip: '127.0.0.1', port: 0 });
  }
  return {
    kind: 'topology',
    nodes,
    masters: [{ name: s.sentinel.masterName, quorum: s.sentinel.quorum, initial: redisNodes(t)[0]! }],
    downAfterMs: s.sentinel.downAfterMs,
    failoverTimeoutMs: s.sentinel.failoverTimeoutMs,
  };
}

function setsOf(members: string[] | null): Record<string, readonly number[]> {
  const sets: Record<string, readonly number[]> = {};
  if (members !== null) sets[WRITE_KEY] = members.map(Number).sort((a, b) => a - b);
  return sets;
}

async function finalRedis(cluster: Cluster, obs: Observers, node: string) {
  const up = cluster.nodes.get(node)!.proc.state === 'running';
  const c = obs.client(node);
  const role = up ? ((await c.call('ROLE').catch(() => null)) as unknown[] | null) : null;
  const members = up ? await c.smembers(WRITE_KEY).catch(() => null) : null;
  const isMaster = Array.isArray(role) && role[0] === 'master';
  const masterOf = (r: unknown[]): string | null =>
    cluster.nodeAt({ host: String(r[1]), port: Number(r[2]) });
  return {
    node,
    up: up && role !== null,
    role: role === null ? null : isMaster ? ('master' as const) : ('replica' as const),
    masterNode: Array.isArray(role) && !isMaster ? masterOf(role) : null,
    sets: setsOf(members),
  };
}

async function finalPayload(cluster: Cluster, obs: Observers): Promise<HistoryPayload> {
  const t = cluster.scenario.topology;
  const redis = await Promise.all(redisNodes(t).map((node) => finalRedis(cluster, obs, node)));
  const sentinels = await Promise.all(
    sentinelNodes(t).map(async (node) => {
      const running = cluster.nodes.get(node)!.proc.state === 'running';
      const views = running ? await obs.viewsOf(node) : null;
      return { node, up: views !== null, views: views ?? {} };
    }),
  );
  return { kind: 'final', redis, sentinels };
}

/** Runs `scenario` against `sut` in the real tier. Throws (typed) when the environment is missing. */
export async function runRealScenario(scenario: Scenario, opts: RealRunOptions): Promise<RealRun> {
  const prov = new Provisioner({ label: `sentinel-lab-${scenario.name}-` });
  const wallStart = Date.now();
  let obs: Observers | null = null;
  let clients: WorkloadClient[] = [];
  try {
    const cluster = await startCluster(prov, scenario, opts.sut);
    const rec = new Recorder();
    rec.record('nemesis', topologyPayload(cluster), 0);
    obs = new Observers(cluster, rec);
    await obs.start();
    clients = startClients(cluster, rec);
    await Promise.all(clients.map((c) => c.start()));
    const nemesis = new Nemesis(cluster, rec, seedrandom(`${opts.seed}:faults`));
    await nemesis.run();
    await sleep(Math.max(0, scenario.durationMs - rec.nowMs()));
    await Promise.all(clients.map((c) => c.stop()));
    rec.record('nemesis', await finalPayload(cluster, obs));
    const history = rec.history();
    return {
      history,
      traceHash: Recorder.hash(history),
      wallMs: Date.now() - wallStart,
      unsupported: nemesis.unsupported,
      logs: prov.logs(60),
      clientRestarts: clients.reduce((n, c) => n + c.restarts, 0),
    };
  } finally {
    // Idempotent: after a normal run these are already stopped; after a throw they must not keep
    // the event loop alive with reconnecting sockets.
    await Promise.all(clients.map((c) => c.stop()));
    await obs?.stop();
    await prov.close();
  }
}
