// Starting redis-server processes (master or replica) for the real tier.
//
// Each server listens on a loopback port of its own and is configured through a file in its own
// directory, never through fixed ports. A replica that sits behind a Toxiproxy proxy announces the
// proxy's address (replica-announce-ip/port), so that a Sentinel discovering replicas from the master's
// INFO dials the proxy and not the real port (ecosystem-notes §1.5).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Address } from '../engine/io.js';
import { findBinary } from './binaries.js';
import type { ManagedProcess, Provisioner } from './procs.js';

export interface RedisOptions {
  /** Unique process name, e.g. "redis-1". */
  readonly name: string;
  /**
   * Listen port, when the caller allocated it already (to create this server's proxies before it
   * starts, so that it can announce them); otherwise one is allocated here.
   */
  readonly port?: number;
  /** Replicate from this address (usually the master's proxy for this replica's link). */
  readonly replicaOf?: Address;
  /** The address this server should announce as a replica (its proxy address). */
  readonly announce?: Address;
  /** repl-diskless-sync-delay in seconds; Redis's default is 5, which slows tests, so ours is 0. */
  readonly disklessSyncDelaySeconds?: number;
  readonly replicaPriority?: number;
  readonly requirePass?: string;
  /** Extra directives appended verbatim, e.g. ["min-replicas-to-write 1"]. */
  readonly extraConfig?: readonly string[];
}

export interface RedisServer {
  readonly name: string;
  readonly address: Address;
  readonly proc: ManagedProcess;
  readonly configPath: string;
}

/** The redis.conf text for one server. Persistence is off: a restarted server comes back empty. */
export function redisConfigText(port: number, dir: string, options: RedisOptions): string {
  const lines = [
    `port ${port}`,
    'bind 127.0.0.1',
    `dir ${dir}`,
    'daemonize no',
    'save ""',
    'appendonly no',
    // Keep argv intact so `pgrep -f <tmpdir>` finds the process (the title would hide the config path).
    'set-proc-title no',
    'repl-diskless-sync yes',
    `repl-diskless-sync-delay ${options.disklessSyncDelaySeconds ?? 0}`,
    'loglevel notice',
  ];
  if (options.replicaOf) lines.push(`replicaof ${options.replicaOf.host} ${options.replicaOf.port}`);
  if (options.announce) {
    lines.push(
      `replica-announce-ip ${options.announce.host}`,
      `replica-announce-port ${options.announce.port}`,
    );
  }
  if (options.replicaPriority !== undefined) lines.push(`replica-priority ${options.replicaPriority}`);
  if (options.requirePass !== undefined) {
    lines.push(`requirepass ${options.requirePass}`, `masterauth ${options.requirePass}`);
  }
  lines.push(...(options.extraConfig ?? []));
  return lines.join('\n') + '\n';
}

/** Writes the config and starts the server; resolves when it answers PING. */
export async function startRedis(prov: Provisioner, options: RedisOptions): Promise<RedisServer> {
  const port = options.port ?? (await prov.ports.allocate());
  const dir = prov.dirFor(options.name);
  const configPath = join(dir, 'redis.conf');
  writeFileSync(configPath, redisConfigText(port, dir, options));
  const proc = await prov.start({
    name: options.name,
    command: findBinary('redis-server'),
    args: [configPath],
    ready: {
      kind: 'redis-ping',
      host: '127.0.0.1',
      port,
      ...(options.requirePass === undefined ? {} : { password: options.requirePass }),
    },
  });
  return { name: options.name, address: { host: '127.0.0.1', port }, proc, configPath };
}
