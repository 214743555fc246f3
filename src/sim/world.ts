// World assembly: turns a Scenario into hosts and processes on the kernel, runs the fault phase and
// the healed phase, and collects the final state (ARCHITECTURE.md, "The simulated world").
//
// Order of a run: the `topology` record (always the first record), processes boot at t = 0 (redis-1
// master, redis-2… replicas of it, then Sentinels, then clients), the nemesis applies the schedule and
// heals what is still active at `faultPhaseEndMs` (a `healed` record marks it), the run continues to
// `durationMs`, then a `final` record describes every redis-server and Sentinel.
//
// Sentinels are not built here: the engine's process adapter plugs in through `sentinelFactory`.
import type { HistoryPayload, History, TopologyNode } from '../check/history.js';
import type { Address } from '../engine/io.js';
import type { FaultSchedule, Scenario } from '../scenarios/types.js';
import type { SimProcess } from './api.js';
import { WorkloadClient } from './client.js';
import { fixedDiscovery, sentinelDiscovery, type DiscoveryStrategy } from './discovery.js';
import { layout, type Layout } from './layout.js';
import { configFromSettings, redisOptionDefaults, type RedisOptions } from './redis/config.js';
import { RedisServer } from './redis/server.js';
import { ScenarioError, validateScenario } from './validate.js';

/**
 * What the world needs of the simulation kernel; src/sim/kernel-port.ts adapts the real kernel (its
 * default latency comes from the scenario when the port is made).
 */
export interface KernelPort {
  addHost(name: string, ip: string): void;
  /** Registers a node on `host`; `factory()` makes a fresh process at boot and after each restart. */
  addProcess(node: string, host: string, factory: () => SimProcess): void;
  /**
   * Boots every process (in the order added) and installs the fault schedule with the nemesis, which
   * heals what is still active at `faultPhaseEndMs` and records `{kind:'healed'}` there.
   */
  start(faults: FaultSchedule, faultPhaseEndMs: number): void;
  /** Appends a record for `node` with no local time (nemesis / world). */
  record(node: string, payload: HistoryPayload): void;
  runUntil(atMs: number): void;
  isUp(node: string): boolean;
  readonly history: History;
  /** Scheduler events processed so far. */
  eventsProcessed(): number;
  /**
   * Optional: from now on, record `message` records for Sentinel conversations (message-capture.ts).
   * Only observes; the run is otherwise unchanged.
   */
  captureMessages?(): void;
}

/** Makes the kernel for one run. */
export type KernelFactory = (seed: number, scenario: Scenario) => KernelPort;

/** A Sentinel process as the world sees it: a SimProcess that can report its current view. */
export interface SentinelProcess extends SimProcess {
  /** master name → node its GET-MASTER-ADDR-BY-NAME names now (null: none / unknown address). */
  views(): Readonly<Record<string, string | null>>;
}

export interface SentinelSpec {
  readonly node: TopologyNode;
  readonly scenario: Scenario;
  /** The initial master (redis-1) every Sentinel monitors. */
  readonly initialMaster: Address;
  readonly layout: Layout;
  readonly nodeAt: (addr: Address) => string | null;
}

/** Builds a fresh Sentinel process object; called at boot and at every restart. */
export type SentinelFactory = (spec: SentinelSpec) => SentinelProcess;

export interface WorldOptions {
  readonly sentinelFactory?: SentinelFactory;
  /** Port overrides by node name (validated: no two nodes of one host on one port). */
  readonly ports?: Readonly<Record<string, number>>;
  /** Replaces the scenario's discovery for every client (e.g. a custom strategy in tests). */
  readonly discovery?: (client: TopologyNode) => DiscoveryStrategy;
  readonly redis?: Partial<Omit<RedisOptions, 'port' | 'config' | 'persistence' | 'nodeAt'>>;
  /**
   * Record the Sentinels' messages (sentinel↔sentinel, sentinel↔redis) as `message` records, for the
   * report's space-time diagram. Off by default: campaigns and sweeps never pay for it, and the history
   * without the message records is the same with it on or off.
   */
  readonly captureMessages?: boolean;
}

export const WRITE_KEY = 'set';

export class World {
  readonly layout: Layout;
  private readonly live = new Map<string, SimProcess>();
  private readonly byIp = new Map<string, TopologyNode[]>();

  constructor(
    readonly scenario: Scenario,
    private readonly kernel: KernelPort,
    private readonly opts: WorldOptions = {},
  ) {
    this.layout = layout(scenario, opts.ports);
    const known = new Set([...this.layout.nodes.map((n) => n.name), ...this.layout.hosts.map((h) => h.name)]);
    validateScenario(scenario, known);
    if (scenario.topology.sentinels > 0 && opts.sentinelFactory === undefined) {
      throw new ScenarioError(
        'topology.sentinels',
        'this world has no Sentinel implementation (sentinelFactory)',
      );
    }
    for (const n of this.layout.nodes) this.byIp.set(n.ip, [...(this.byIp.get(n.ip) ?? []), n]);
  }

  /** The node listening at `addr` (IP and port), or null. */
  readonly nodeAt = (addr: Address): string | null =>
    this.byIp.get(addr.host)?.find((n) => n.port === addr.port)?.name ?? null;

  /** Runs the whole scenario; returns the history (topology first, final last). */
  run(): History {
    const s = this.scenario;
    const k = this.kernel;
    k.record('nemesis', this.topologyRecord());
    if (this.opts.captureMessages === true) {
      if (k.captureMessages === undefined) {
        throw new ScenarioError('captureMessages', 'this kernel cannot capture messages');
      }
      k.captureMessages();
    }
    for (const h of this.layout.hosts) k.addHost(h.name, h.ip);
    this.addProcesses();
    k.start(s.faults, s.faultPhaseEndMs);
    k.runUntil(s.durationMs);
    k.record('nemesis', this.finalRecord());
    return k.history;
  }

  private topologyRecord(): HistoryPayload {
    const s = this.scenario;
    return {
      kind: 'topology',
      nodes: this.layout.nodes,
      masters: [{ name: s.sentinel.masterName, quorum: s.sentinel.quorum, initial: 'redis-1' }],
      downAfterMs: s.sentinel.downAfterMs,
      failoverTimeoutMs: s.sentinel.failoverTimeoutMs,
    };
  }

  private spawn(node: TopologyNode, make: () => SimProcess): void {
    this.kernel.addProcess(node.name, node.host, () => {
      const process = make();
      this.live.set(node.name, process);
      return process;
    });
  }

  private addProcesses(): void {
    const s = this.scenario;
    const master = this.address('redis-1');
    for (const node of this.layout.nodes) {
      if (node.kind === 'redis') {
        const opts: RedisOptions = {
          ...redisOptionDefaults,
          ...this.opts.redis,
          port: node.port,
          config: configFromSettings(s.redis, node.name === 'redis-1' ? null : master),
          persistence: s.redis.persistence,
          nodeAt: this.nodeAt,
        };
        this.spawn(node, () => new RedisServer(opts));
      } else if (node.kind === 'sentinel') {
        const spec: SentinelSpec = {
          node,
          scenario: s,
          initialMaster: master,
          layout: this.layout,
          nodeAt: this.nodeAt,
        };
        const factory = this.opts.sentinelFactory!;
        this.spawn(node, () => factory(spec));
      } else if (node.kind === 'client') {
        this.spawnClient(node);
      }
    }
  }

  private spawnClient(node: TopologyNode): void {
    const s = this.scenario;
    const index = Number(node.name.slice('client-'.length));
    const discovery = this.opts.discovery?.(node) ?? this.scenarioDiscovery();
    const settleMs = Math.max(s.workload.opTimeoutMs, 1000) + 1000;
    this.spawn(
      node,
      () =>
        new WorkloadClient({
          index,
          key: WRITE_KEY,
          writesPerSec: s.workload.writesPerSec,
          opTimeoutMs: s.workload.opTimeoutMs,
          rediscoverAfterTimeouts: s.workload.rediscoverAfterTimeouts ?? null,
          activeForMs: Math.max(0, s.durationMs - settleMs),
          connectTimeoutMs: 10_000,
          discovery,
          nodeAt: this.nodeAt,
        }),
    );
  }

  private scenarioDiscovery(): DiscoveryStrategy {
    const s = this.scenario;
    if (s.workload.discovery === 'fixed') return fixedDiscovery(this.address('redis-1'));
    const sentinels = this.layout.nodes.filter((n) => n.kind === 'sentinel').map((n) => this.address(n.name));
    return sentinelDiscovery({ sentinels, masterName: s.sentinel.masterName, commandTimeoutMs: 1000 });
  }

  address(node: string): Address {
    const n = this.layout.nodes.find((x) => x.name === node);
    if (n === undefined) throw new ScenarioError('node', `unknown node '${node}'`);
    return { host: n.ip, port: n.port };
  }

  private finalRecord(): HistoryPayload {
    const redis = [];
    const sentinels = [];
    for (const node of this.layout.nodes) {
      const up = this.kernel.isUp(node.name);
      const process = up ? this.live.get(node.name) : undefined;
      if (node.kind === 'redis') {
        const r = process instanceof RedisServer ? process : null;
        redis.push({
          node: node.name,
          up,
          role: r?.role ?? null,
          masterNode: r?.link ? this.nodeAt(r.link.target) : null,
          sets: r === null ? {} : setsAsNumbers(r),
        });
      } else if (node.kind === 'sentinel') {
        const views = process !== undefined ? (process as SentinelProcess).views() : {};
        sentinels.push({ node: node.name, up, views });
      }
    }
    return { kind: 'final', redis, sentinels };
  }
}

function setsAsNumbers(r: RedisServer): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [key, members] of r.sets) {
    const numbers: number[] = [];
    const list = members.list();
    for (let i = 0; i < list.length; i++) {
      const n = Number(list[i]);
      if (Number.isInteger(n)) numbers.push(n);
    }
    out[key] = numbers.sort(ascending);
  }
  return out;
}

function ascending(a: number, b: number): number {
  return a - b;
}
