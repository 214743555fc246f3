// Toxiproxy control: one toxiproxy-server per harness, one proxy per directed link, and the fault
// primitives the real tier applies to a link. Built on toxiproxy-node-client for proxy and toxic
// creation/update/removal; a thin fetch wrapper (api.ts-style helpers below) fills the client's gaps
// (ecosystem-notes §2.3): it keeps HTTP status codes and lists a proxy's toxics.
//
// Randomness: Toxiproxy's jitter and toxicity draw from an unseeded Go RNG, so every toxic here has
// toxicity 1 and jitter 0; a latency "with jitter" is a fixed latency whose value the harness draws from
// its own seeded random() when the fault is applied.
import pkg from 'toxiproxy-node-client';
import type { Proxy as TpProxy, Toxiproxy as TpToxiproxy, ICreateToxicBody } from 'toxiproxy-node-client';
import type { Address, RandomFn } from '../engine/io.js';
import { findBinary } from './binaries.js';
import { RealTierError, ToxiproxyApiError } from './errors.js';
import type { PortAllocator } from './ports.js';
import type { ManagedProcess, Provisioner } from './procs.js';

const { Toxiproxy } = pkg;

export type StreamChoice = 'both' | 'upstream' | 'downstream';

/** The toxic JSON the server returns. */
export interface ToxicInfo {
  readonly name: string;
  readonly type: string;
  readonly stream: 'upstream' | 'downstream';
  readonly toxicity: number;
  readonly attributes: Readonly<Record<string, number>>;
}

function streamsOf(choice: StreamChoice): readonly ('upstream' | 'downstream')[] {
  return choice === 'both' ? ['upstream', 'downstream'] : [choice];
}

function parseHostPort(text: string): Address {
  const i = text.lastIndexOf(':');
  return { host: text.slice(0, i), port: Number(text.slice(i + 1)) };
}

/** Turns the client's status-less error into a typed one when the message carries the status. */
function rethrow(err: unknown, method: string, path: string): never {
  const message = err instanceof Error ? err.message : String(err);
  const m = /status code (\d+)/.exec(message);
  throw new ToxiproxyApiError(m ? Number(m[1]) : 0, method, path, message);
}

/** A proxy for one directed link, e.g. `sentinel-1->redis-2`. */
export class Link {
  private enabled = true;

  constructor(
    private readonly control: ToxiproxyControl,
    private proxy: TpProxy,
    readonly name: string,
    /** Where the link's client connects. */
    readonly listen: Address,
    readonly upstream: Address,
  ) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  /**
   * Silent partition: a `timeout` toxic with timeout 0 drops every byte and never closes, so peers see
   * a hung connection (what exercises down-after-milliseconds). 'both' blocks both directions;
   * 'upstream' only client→server, 'downstream' only server→client (a one-way partition).
   * Bytes sent meanwhile are lost, not delayed, and removing the toxic (heal) closes the connections
   * that lived through it (TimeoutToxic.Cleanup closes the stub, v2.12.0); new connections then work.
   */
  async partitionSilent(streams: StreamChoice = 'both'): Promise<void> {
    for (const stream of streamsOf(streams)) {
      await this.addToxic('timeout', stream, { timeout: 0 }, `blackhole_${stream}`);
    }
  }

  /**
   * Reset partition: the proxy is disabled, so Toxiproxy closes every connection and refuses new ones.
   * The client exposes this only through update() with all of enabled/listen/upstream.
   */
  async partitionReset(): Promise<void> {
    await this.setEnabled(false);
  }

  /**
   * Adds `latencyMs` to every chunk in the chosen direction(s). With `jitterMs`, the actual latency is
   * drawn once here, uniformly from [latencyMs - jitterMs, latencyMs + jitterMs], from the harness's
   * seeded `random`; Toxiproxy's own jitter stays 0. Returns the latency applied.
   */
  async latency(options: {
    readonly latencyMs: number;
    readonly jitterMs?: number;
    readonly random?: RandomFn;
    readonly streams?: StreamChoice;
  }): Promise<number> {
    const jitterMs = options.jitterMs ?? 0;
    if (jitterMs > 0 && options.random === undefined) {
      throw new RealTierError(
        'E_BAD_FAULT',
        'random: required when jitterMs > 0 (Toxiproxy jitter is unseeded)',
      );
    }
    const offset = jitterMs > 0 && options.random ? Math.round((2 * options.random() - 1) * jitterMs) : 0;
    const appliedMs = Math.max(0, Math.round(options.latencyMs) + offset);
    for (const stream of streamsOf(options.streams ?? 'both')) {
      await this.addToxic('latency', stream, { latency: appliedMs, jitter: 0 }, `latency_${stream}`);
    }
    return appliedMs;
  }

  /** Limits throughput to `rateKBps` kilobytes per second in the chosen direction(s). */
  async bandwidth(rateKBps: number, streams: StreamChoice = 'both'): Promise<void> {
    for (const stream of streamsOf(streams)) {
      await this.addToxic('bandwidth', stream, { rate: rateKBps }, `bandwidth_${stream}`);
    }
  }

  /** Removes every toxic and re-enables the proxy. */
  async heal(): Promise<void> {
    for (const toxic of await this.toxics()) {
      await this.control.request(
        'DELETE',
        `${this.path()}/toxics/${encodeURIComponent(toxic.name)}`,
        [204, 404],
      );
    }
    if (!this.enabled) await this.setEnabled(true);
  }

  /** The toxics currently on this proxy (the client has no call for this). */
  async toxics(): Promise<readonly ToxicInfo[]> {
    const body = await this.control.request('GET', `${this.path()}/toxics`, [200]);
    return body as ToxicInfo[];
  }

  async setEnabled(enabled: boolean): Promise<void> {
    const listen = `${this.listen.host}:${this.listen.port}`;
    const upstream = `${this.upstream.host}:${this.upstream.port}`;
    try {
      this.proxy = await this.proxy.update({ enabled, listen, upstream });
    } catch (err) {
      rethrow(err, 'POST', this.path());
    }
    this.enabled = enabled;
  }

  private path(): string {
    return `/proxies/${encodeURIComponent(this.name)}`;
  }

  private async addToxic<T>(
    type: ToxicInfo['type'],
    stream: ToxicInfo['stream'],
    attributes: T,
    name: string,
  ) {
    const body = { name, type, stream, toxicity: 1, attributes } as ICreateToxicBody<T>;
    try {
      await this.proxy.addToxic<T>(body);
    } catch (err) {
      rethrow(err, 'POST', `${this.path()}/toxics`);
    }
  }
}

/** A running toxiproxy-server (or one reached by URL) and the links created on it. */
export class ToxiproxyControl {
  readonly client: TpToxiproxy;
  private readonly links = new Map<string, Link>();

  constructor(
    readonly apiUrl: string,
    private readonly ports: PortAllocator,
    readonly proc: ManagedProcess | null = null,
  ) {
    this.client = new Toxiproxy(apiUrl);
  }

  /** Creates a proxy listening on a fresh loopback port and forwarding to `upstream`. */
  async createLink(name: string, upstream: Address): Promise<Link> {
    if (this.links.has(name)) throw new RealTierError('E_DUPLICATE_LINK', `name: link ${name} exists`);
    const port = await this.ports.allocate();
    const listen: Address = { host: '127.0.0.1', port };
    let proxy: TpProxy;
    try {
      proxy = await this.client.createProxy({
        name,
        listen: `${listen.host}:${listen.port}`,
        upstream: `${upstream.host}:${upstream.port}`,
      });
    } catch (err) {
      this.ports.release(port);
      rethrow(err, 'POST', '/proxies');
    }
    const link = new Link(this, proxy, name, parseHostPort(proxy.listen), upstream);
    this.links.set(name, link);
    return link;
  }

  /** Deletes the proxy (closing its connections) and releases its listen port. */
  async removeLink(name: string): Promise<void> {
    const link = this.link(name);
    await this.request('DELETE', `/proxies/${encodeURIComponent(name)}`, [204, 404]);
    this.links.delete(name);
    this.ports.release(link.listen.port);
  }

  link(name: string): Link {
    const link = this.links.get(name);
    if (link === undefined) throw new RealTierError('E_UNKNOWN_LINK', `name: no link ${name}`);
    return link;
  }

  allLinks(): readonly Link[] {
    return [...this.links.values()];
  }

  /** Heals every link (removes toxics, re-enables). */
  async healAll(): Promise<void> {
    for (const link of this.links.values()) await link.heal();
  }

  /** The server's version, parsed (the client returns the raw JSON text). */
  async version(): Promise<string> {
    const body = (await this.request('GET', '/version', [200])) as { version?: string };
    return body.version ?? 'unknown';
  }

  /** One API call with status checking; used where the client falls short. */
  async request(
    method: string,
    path: string,
    okStatuses: readonly number[],
    body?: unknown,
  ): Promise<unknown> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'Content-Type': 'application/json' };
    }
    const res = await fetch(this.apiUrl + path, init);
    const text = await res.text();
    if (!okStatuses.includes(res.status)) throw new ToxiproxyApiError(res.status, method, path, text.trim());
    return text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
  }
}

/** Starts a toxiproxy-server on a free loopback port under the provisioner and waits for GET /version. */
export async function startToxiproxy(prov: Provisioner, name = 'toxiproxy'): Promise<ToxiproxyControl> {
  const ports = prov.ports;
  const port = await ports.allocate();
  const apiUrl = `http://127.0.0.1:${port}`;
  const proc = await prov.start({
    name,
    command: findBinary('toxiproxy-server'),
    args: ['-host', '127.0.0.1', '-port', String(port)],
    env: { LOG_LEVEL: 'info' },
    ready: { kind: 'http-get', url: `${apiUrl}/version` },
  });
  return new ToxiproxyControl(apiUrl, ports, proc);
}
