// What the harness watches while a run goes on, each turned into history records:
//  - sentinel events: `PSUBSCRIBE *` on every sentinel; channel = event type, message = payload. Pub/sub
//    carries no log level, so `level` is recorded as 'unknown'.
//  - sentinel views: `SENTINEL get-master-addr-by-name` every POLL_MS, recorded when the answer changes.
//  - roles: `ROLE` on every redis node every POLL_MS, recorded when (role, master) changes.
//  - config: redis-sentinel rewrites its sentinel.conf on every epoch change; the harness re-reads it
//    every POLL_MS and records `config` when current-epoch or a master's config/leader epoch changes
//    (parsed with parseSentinelConf; text it cannot parse falls back to the three epoch directives).
// Observers connect to real ports, never through proxies, so faults do not blind them; a paused or
// crashed node simply answers nothing and nothing is recorded for it.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { HistoryPayload } from '../../check/history.js';
import { parseSentinelConf } from '../../engine/conf.js';
import type { Cluster, NodeHandle } from './cluster.js';
import { observerClient } from './probe.js';
import type { Recorder } from './recorder.js';

export const POLL_MS = 100;

type ConfigPayload = Extract<HistoryPayload, { kind: 'config' }>;

export class Observers {
  private readonly clients = new Map<string, Redis>();
  private readonly subs: Redis[] = [];
  private readonly last = new Map<string, string>();
  private running = true;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly cluster: Cluster,
    private readonly rec: Recorder,
  ) {}

  /** Connects every observer; resolves once each sentinel's PSUBSCRIBE is acknowledged. */
  async start(): Promise<void> {
    for (const node of this.cluster.nodes.values()) {
      this.clients.set(node.name, observerClient(node.realAddr));
    }
    const sentinels = [...this.cluster.nodes.values()].filter((n) => n.kind === 'sentinel');
    await Promise.all(sentinels.map((n) => this.subscribe(n)));
    this.loop = this.pollLoop();
  }

  /** The observer connection to a node's real port (also used by the final snapshot). */
  client(node: string): Redis {
    return this.clients.get(node)!;
  }

  private async subscribe(node: NodeHandle): Promise<void> {
    // Its own connection with the offline queue on, so PSUBSCRIBE waits for the connection instead of
    // failing; ioredis re-subscribes after a reconnect (a restarted sentinel).
    const sub = new Redis({
      host: node.realAddr.host,
      port: node.realAddr.port,
      protocol: 2,
      retryStrategy: () => 100,
    });
    sub.on('error', () => {
      // A crashed sentinel: ioredis reconnects and re-subscribes.
    });
    this.subs.push(sub);
    sub.on('pmessage', (_pattern: string, channel: string, message: string) => {
      this.rec.record(node.name, { kind: 'sentinel-event', type: channel, level: 'unknown', message });
    });
    await sub.psubscribe('*');
  }

  private async pollLoop(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      await Promise.all([...this.cluster.nodes.values()].map((n) => this.pollNode(n)));
      await sleep(Math.max(0, POLL_MS - (Date.now() - started)));
    }
  }

  private async pollNode(node: NodeHandle): Promise<void> {
    if (node.proc.state !== 'running') return;
    if (node.kind === 'redis') {
      await this.pollRole(node);
      return;
    }
    await this.pollView(node);
    this.pollConfig(node);
  }

  /** Whether `value` differs from the last one seen in `slot` of `node` (and remembers it). */
  private changed(node: string, slot: string, value: string): boolean {
    const key = `${node}\u0000${slot}`;
    if (this.last.get(key) === value) return false;
    this.last.set(key, value);
    return true;
  }

  private async pollRole(node: NodeHandle): Promise<void> {
    const at = this.rec.nowMs();
    const reply = (await this.client(node.name)
      .call('ROLE')
      .catch(() => null)) as unknown[] | null;
    if (!Array.isArray(reply)) return;
    const role = reply[0] === 'master' ? 'master' : 'replica';
    const masterNode =
      role === 'master' ? null : this.cluster.nodeAt({ host: String(reply[1]), port: Number(reply[2]) });
    if (this.changed(node.name, 'role', `${role}:${masterNode}`)) {
      this.rec.record(node.name, { kind: 'role', role, masterNode }, at);
    }
  }

  private async askView(node: string): Promise<{ addr: string | null; masterNode: string | null } | null> {
    const master = this.cluster.scenario.sentinel.masterName;
    const reply = (await this.client(node)
      .call('SENTINEL', 'get-master-addr-by-name', master)
      .catch(() => undefined)) as unknown;
    if (reply === undefined) return null;
    if (!Array.isArray(reply)) return { addr: null, masterNode: null };
    const addr = { host: String(reply[0]), port: Number(reply[1]) };
    return { addr: `${addr.host}:${addr.port}`, masterNode: this.cluster.nodeAt(addr) };
  }

  private async pollView(node: NodeHandle): Promise<void> {
    const at = this.rec.nowMs();
    const view = await this.askView(node.name);
    if (view === null || !this.changed(node.name, 'view', String(view.addr))) return;
    const master = this.cluster.scenario.sentinel.masterName;
    this.rec.record(node.name, { kind: 'sentinel-view', master, ...view }, at);
  }

  private pollConfig(node: NodeHandle): void {
    let text: string;
    try {
      text = readFileSync(node.confPath!, 'utf8');
    } catch {
      return;
    }
    const payload = configOf(text);
    if (payload !== null && this.changed(node.name, 'config', JSON.stringify(payload))) {
      this.rec.record(node.name, payload);
    }
  }

  /** The sentinel's current view, for the final record; null when it does not answer. */
  async viewsOf(node: string): Promise<Record<string, string | null> | null> {
    const view = await this.askView(node);
    return view === null ? null : { [this.cluster.scenario.sentinel.masterName]: view.masterNode };
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    for (const c of [...this.clients.values(), ...this.subs]) c.disconnect();
  }
}

/** The epochs a sentinel.conf text records, or null when it cannot be read at all. */
export function configOf(text: string): ConfigPayload | null {
  try {
    const conf = parseSentinelConf(text);
    return {
      kind: 'config',
      currentEpoch: conf.currentEpoch,
      masters: conf.masters.map((m) => ({
        name: m.name,
        configEpoch: m.configEpoch,
        leaderEpoch: m.leaderEpoch,
      })),
    };
  } catch {
    return configByLines(text);
  }
}

function configByLines(text: string): ConfigPayload | null {
  const current = /^sentinel current-epoch (\d+)$/m.exec(text);
  const masters = [...text.matchAll(/^sentinel monitor (\S+) /gm)].map((m) => {
    const name = m[1]!;
    const epoch = (what: string): number =>
      Number(new RegExp(`^sentinel ${what} ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    return { name, configEpoch: epoch('config-epoch'), leaderEpoch: epoch('leader-epoch') };
  });
  if (masters.length === 0) return null;
  return { kind: 'config', currentEpoch: Number(current?.[1] ?? 0), masters };
}
