// Test support: a replication group (a master and replicas) watched by engine sentinels running
// in-process (SentinelRuntime) and, optionally, real redis-sentinel processes, all on free loopback
// ports, all stopped by close().
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Address } from '../../src/engine/io.js';
import { findBinary } from '../../src/real/binaries.js';
import type { ManagedProcess } from '../../src/real/procs.js';
import { Provisioner } from '../../src/real/procs.js';
import { startRedis, type RedisServer } from '../../src/real/redis.js';
import { SentinelRuntime } from '../../src/real/runtime.js';

export interface GroupOptions {
  readonly engineSentinels: number;
  readonly realSentinels?: number;
  readonly quorum: number;
  readonly replicas?: number;
  readonly downAfterMs?: number;
  readonly failoverTimeoutMs?: number;
}

export interface SentinelNode {
  readonly name: string;
  readonly kind: 'engine' | 'real';
  readonly address: Address;
  readonly confPath: string;
  readonly runtime: SentinelRuntime | null;
  readonly proc: ManagedProcess | null;
  /** Log lines (engine: collected in memory; real: its log file). */
  logText(): string;
}

export function sentinelConfText(port: number, master: Address, o: GroupOptions): string {
  return [
    `port ${port}`,
    `sentinel monitor m ${master.host} ${master.port} ${o.quorum}`,
    `sentinel down-after-milliseconds m ${o.downAfterMs ?? 1000}`,
    `sentinel failover-timeout m ${o.failoverTimeoutMs ?? 4000}`,
    '',
  ].join('\n');
}

export class Group {
  readonly prov = new Provisioner({ label: 'sentinel-lab-rt-' });
  master!: RedisServer;
  replicas: RedisServer[] = [];
  sentinels: SentinelNode[] = [];
  private readonly clients: Redis[] = [];

  constructor(readonly options: GroupOptions) {}

  async start(): Promise<this> {
    this.master = await startRedis(this.prov, { name: 'redis-0' });
    for (let i = 1; i <= (this.options.replicas ?? 2); i++) {
      this.replicas.push(await startRedis(this.prov, { name: `redis-${i}`, replicaOf: this.master.address }));
    }
    for (let i = 0; i < this.options.engineSentinels; i++) this.sentinels.push(await this.startEngine(i));
    for (let i = 0; i < (this.options.realSentinels ?? 0); i++) this.sentinels.push(await this.startReal(i));
    return this;
  }

  private async startEngine(i: number): Promise<SentinelNode> {
    const name = `engine-${i}`;
    const port = await this.prov.ports.allocate();
    this.prov.ports.release(port);
    const confPath = join(this.prov.dirFor(name), 'sentinel.conf');
    const text = sentinelConfText(port, this.master.address, this.options);
    writeFileSync(confPath, text);
    const lines: string[] = [];
    const runtime = await SentinelRuntime.start({ confText: text, confPath, log: (l) => lines.push(l) });
    return {
      name,
      kind: 'engine',
      address: runtime.address,
      confPath,
      runtime,
      proc: null,
      logText: () => lines.join('\n'),
    };
  }

  private async startReal(i: number): Promise<SentinelNode> {
    const name = `real-${i}`;
    const port = await this.prov.ports.allocate();
    const confPath = join(this.prov.dirFor(name), 'sentinel.conf');
    writeFileSync(confPath, sentinelConfText(port, this.master.address, this.options));
    const proc = await this.prov.start({
      name,
      command: findBinary('redis-sentinel'),
      args: [confPath],
      ready: { kind: 'redis-ping', host: '127.0.0.1', port },
    });
    return {
      name,
      kind: 'real',
      address: { host: '127.0.0.1', port },
      confPath,
      runtime: null,
      proc,
      logText: () => readFileSafe(proc.logPath),
    };
  }

  /** A plain client on one node (closed by close()). */
  client(addr: Address, extra: Record<string, unknown> = {}): Redis {
    const r = new Redis({ host: addr.host, port: addr.port, lazyConnect: false, ...extra });
    r.on('error', () => {});
    this.clients.push(r);
    return r;
  }

  track(r: Redis): Redis {
    r.on('error', () => {});
    this.clients.push(r);
    return r;
  }

  /** `SENTINEL get-master-addr-by-name m` on every sentinel, as "ip:port" (or "null"). */
  async masterAddrs(): Promise<string[]> {
    return Promise.all(
      this.sentinels.map(async (s) => {
        const c = new Redis({ host: s.address.host, port: s.address.port, protocol: 2, lazyConnect: true });
        c.on('error', () => {});
        try {
          await c.connect();
          const r = (await c.call('SENTINEL', 'get-master-addr-by-name', 'm')) as string[] | null;
          return r === null ? 'null' : `${r[0]}:${r[1]}`;
        } catch (e) {
          return `error:${(e as Error).message}`;
        } finally {
          c.disconnect();
        }
      }),
    );
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.disconnect();
    await Promise.all(this.sentinels.map((s) => s.runtime?.stop()));
    await this.prov.close();
  }
}

export function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
