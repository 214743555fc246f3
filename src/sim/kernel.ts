// The kernel owns the simulated world's machinery: the scheduler, the root random stream, the network,
// the hosts and their nodes, and the history. It gives each process its ProcessContext and carries out
// lifecycle operations (crash, restart, pause, resume) that faults and the world assembly ask for.
//
// Call order: construct, `addHost` for every host, `addNode` for every node (each on a known host), set
// links (`network.links`), `start()`, then drive time with `scheduler` (runUntil / runWhile).

import type { HistoryPayload, HistoryRecord } from '../check/history.js';
import type { SimProcess } from './api.js';
import { HostClock, type ClockOptions } from './clock.js';
import { NodeContext } from './context.js';
import { SimError, assert } from './errors.js';
import { SimHost, SimNode } from './host.js';
import { Network, type NetworkOptions } from './network.js';
import { SeededStream } from './rng.js';
import { Scheduler } from './scheduler.js';

export interface KernelOptions extends NetworkOptions {
  /** The root seed; every stream of the run is forked from it by name. */
  readonly seed: number | string;
}

export interface HostSpec {
  readonly name: string;
  readonly ip: string;
  readonly clock?: ClockOptions;
  /** Time from a host restart until its processes start; connects are refused meanwhile. Default 0. */
  readonly bootDelayMs?: number;
}

export interface NodeSpec {
  readonly name: string;
  readonly host: string;
  /** Makes a fresh process instance: called at boot and at every restart. */
  readonly factory: () => SimProcess;
  /** The state that survives crashes; a new empty map by default. */
  readonly durable?: Map<string, unknown>;
}

/** How a process dies: 'reset' = its OS resets its connections; 'silent' = the box vanished. */
export type KillMode = 'reset' | 'silent';

export class Kernel {
  readonly scheduler = new Scheduler();
  readonly rng: SeededStream;
  readonly network: Network;
  readonly history: HistoryRecord[] = [];
  private readonly hostsByName = new Map<string, SimHost>();
  private readonly nodesByName = new Map<string, SimNode>();

  constructor(opts: KernelOptions) {
    this.rng = SeededStream.root(opts.seed);
    this.network = new Network(this.scheduler, this.rng.fork('kernel:network'), opts);
  }

  addHost(spec: HostSpec): SimHost {
    if (this.hostsByName.has(spec.name) || this.network.resolve(spec.ip) !== undefined) {
      throw new SimError('DUPLICATE_NAME', `host name '${spec.name}' or ip '${spec.ip}' is already used`);
    }
    const bootDelayMs = spec.bootDelayMs ?? 0;
    if (!(Number.isFinite(bootDelayMs) && bootDelayMs >= 0)) {
      throw new SimError(
        'BAD_TIME',
        `host ${spec.name}: bootDelayMs must be finite and ≥ 0, got ${bootDelayMs}`,
      );
    }
    const host = new SimHost(
      spec.name,
      spec.ip,
      this.network.hosts.length,
      new HostClock(spec.clock),
      bootDelayMs,
    );
    this.hostsByName.set(spec.name, host);
    this.network.addHost(host);
    return host;
  }

  addNode(spec: NodeSpec): SimNode {
    if (this.nodesByName.has(spec.name))
      throw new SimError('DUPLICATE_NAME', `node name '${spec.name}' is already used`);
    const host = this.host(spec.host);
    const durable = spec.durable ?? new Map<string, unknown>();
    const node = new SimNode(spec.name, host, spec.factory, durable, this.rng.fork(`node:${spec.name}`));
    host.nodes.push(node);
    this.nodesByName.set(spec.name, node);
    return node;
  }

  host(name: string): SimHost {
    const h = this.hostsByName.get(name);
    if (h === undefined) throw new SimError('UNKNOWN_HOST', `unknown host '${name}'`);
    return h;
  }

  node(name: string): SimNode {
    const n = this.nodesByName.get(name);
    if (n === undefined) throw new SimError('UNKNOWN_NODE', `unknown node '${name}'`);
    return n;
  }

  hasNode(name: string): boolean {
    return this.nodesByName.has(name);
  }

  hasHost(name: string): boolean {
    return this.hostsByName.has(name);
  }

  get hosts(): readonly SimHost[] {
    return this.network.hosts;
  }

  get nodes(): IterableIterator<SimNode> {
    return this.nodesByName.values();
  }

  /** Starts every node at the current time, in the order they were added (each in its own event). */
  start(): void {
    for (const node of this.nodesByName.values())
      this.scheduler.at(this.scheduler.nowMs, () => this.startNode(node));
  }

  record(node: string, localMs: number | null, payload: HistoryPayload): void {
    this.history.push({ trueMs: this.scheduler.nowMs, localMs, node, payload });
  }

  /** Kills a node's process; its OS stays up (connections reset, connects refused) unless mode is 'silent'. */
  crashProcess(node: SimNode, mode: KillMode = 'reset'): void {
    node.crashed = true;
    this.kill(node, mode);
  }

  /** Lets a crashed node's process start again (now, if its host is up). */
  restartProcess(node: SimNode): void {
    node.crashed = false;
    if (node.host.state === 'up') this.startNode(node);
  }

  /** The box vanishes: every process on it dies silently; its address stops answering. */
  crashHost(host: SimHost): void {
    if (host.state === 'down') return;
    host.state = 'down';
    for (const node of host.nodes) this.kill(node, 'silent');
  }

  /** The box comes back: after its boot delay, every node on it that is not crashed starts. */
  restartHost(host: SimHost): void {
    if (host.state !== 'down') return;
    host.state = 'restarting';
    if (host.bootDelayMs === 0) this.bootHost(host);
    else this.scheduler.at(this.scheduler.nowMs + host.bootDelayMs, () => this.bootHost(host));
  }

  pauseNode(node: SimNode): void {
    node.pauseDepth++;
    if (node.pauseDepth === 1 && node.running) this.recordProcess(node, 'paused');
  }

  /** Ends one pause; at depth 0 everything held runs, in the order it was held, from now. */
  resumeNode(node: SimNode): void {
    if (node.pauseDepth === 0) return;
    node.pauseDepth--;
    if (node.pauseDepth > 0) return;
    if (node.running) this.recordProcess(node, 'resumed');
    this.flushDeferred(node);
  }

  private bootHost(host: SimHost): void {
    if (host.state !== 'restarting') return; // crashed again while booting
    host.state = 'up';
    for (const node of host.nodes) if (!node.crashed) this.startNode(node);
  }

  private startNode(node: SimNode): void {
    if (node.running || node.crashed || node.host.state !== 'up') return;
    const first = node.incarnation === 0;
    node.incarnation++;
    node.running = true;
    node.pauseDepth = 0;
    const proc = node.factory();
    node.process = proc;
    this.recordProcess(node, first ? 'up' : 'restarted');
    proc.start(new NodeContext(this, node, node.incarnation));
  }

  private kill(node: SimNode, mode: KillMode): void {
    if (!node.running) return;
    node.running = false;
    node.process = null;
    // Pending timers are left in the queue: they check the incarnation when they fire.
    node.heldTimers.clear();
    const host = node.host;
    for (const [port, l] of [...host.listeners]) if (l.node === node) host.listeners.delete(port);
    for (const sock of [...node.sockets]) {
      const hadState = sock.state;
      this.network.closeLocally(sock, 'local');
      if (mode === 'reset' && hadState !== 'closed') this.network.abortStream(sock);
    }
    node.sockets.clear();
    node.pauseDepth = 0;
    this.recordProcess(node, 'crashed');
    // Held callbacks are replayed now: each checks its incarnation, and held deliveries must resume
    // (the senders' queues then meet a closed socket and get an RST, or silence if the host is down).
    this.flushDeferred(node);
  }

  private flushDeferred(node: SimNode): void {
    const fns = node.deferredFns.splice(0);
    const args = node.deferredArgs.splice(0);
    assert(fns.length === args.length, 'deferred lists stay parallel');
    const now = this.scheduler.nowMs;
    for (let i = 0; i < fns.length; i++)
      this.scheduler.schedule(now, fns[i] as (a: unknown) => void, args[i]);
  }

  private recordProcess(node: SimNode, state: 'up' | 'crashed' | 'paused' | 'resumed' | 'restarted'): void {
    this.record(node.name, node.host.clock.localAt(this.scheduler.nowMs), { kind: 'process', state });
  }
}
