// A simulated redis-server 7: enough of its replication, pub/sub and client handling for Sentinel's
// decisions to matter and for lost writes to be real (ARCHITECTURE.md, "Simulated redis-server").
//
// One `RedisServer` object lives from a start to the next crash; the host builds a fresh object on
// restart and everything not in `ctx.durable` is gone. Persistence (RedisSettings.persistence):
// - 'none': a restarted server comes back empty, with a new replication id and offset 0.
// - 'snapshot': every `snapshotEveryMs` of host time, if the dataset changed, the server stores a
//   snapshot (dataset, replication id and offset, like the RDB aux fields of Redis 7) in durable
//   state; a restart loads the last one, so writes acknowledged after it are lost.
// The configuration (role included) comes from the initial config unless CONFIG REWRITE stored a newer
// one, as redis.conf would.

import type {
  Address,
  ProcessContext,
  RandomStream,
  SimProcess,
  SimSocket,
  SocketHandler,
  TimerId,
} from '../api.js';
import type { Reply } from '../../engine/io.js';
import { assert } from './assert.js';
import { ReplBacklog } from './backlog.js';
import { runCommand } from './commands.js';
import {
  DURABLE_CONFIG,
  DURABLE_STARTS,
  DURABLE_SNAPSHOT,
  type RedisConfig,
  type RedisOptions,
  type Snapshot,
} from './config.js';
import { MasterSide } from './master.js';
import { MemberSet } from './members.js';
import { asRedisMessage, respSizeBytes, type RedisWireMessage } from './protocol.js';
import { MasterLink } from './replica.js';

/** One accepted connection. */
export interface Client {
  readonly id: number;
  readonly sock: SimSocket;
  name: string | null;
  readonly subscriptions: Set<string>;
  /** Commands queued since MULTI; `dirty` when one could not be queued (EXEC then aborts). */
  multi: { queue: (readonly string[])[]; dirty: boolean } | null;
  /** Set by PSYNC: this connection is now a replica's replication link. */
  isReplica: boolean;
  /** From REPLCONF listening-port. */
  listeningPort: number | null;
}

const CRON_MS = 1000;

export class RedisServer implements SimProcess {
  ctx!: ProcessContext;
  config!: RedisConfig;
  private random!: RandomStream;
  runId = '';
  replid = '';
  /**
   * The previous replication id a promoted replica still accepts PSYNC for, up to `secondOffset`
   * (Redis's second_replid_offset: the offset at the switch + 1, compared with PSYNC's offset).
   */
  replid2: string | null = null;
  secondOffset = -1;
  offset = 0;
  readonly sets = new Map<string, MemberSet>();
  backlog: ReplBacklog | null = null;
  readonly clients = new Map<number, Client>();
  readonly channels = new Map<string, Client[]>();
  readonly master: MasterSide;
  link: MasterLink | null = null;
  private dirty = false;
  private lastSnapshotLocalMs = 0;
  private cron: TimerId | null = null;

  constructor(readonly opts: RedisOptions) {
    this.master = new MasterSide(this);
  }

  start(ctx: ProcessContext): void {
    this.ctx = ctx;
    this.config = (ctx.durable.get(DURABLE_CONFIG) as RedisConfig | undefined) ?? this.opts.config;
    // A fresh stream per start: the run id must differ after every restart even if the kernel hands
    // a restarted process the same stream again.
    const starts = ((ctx.durable.get(DURABLE_STARTS) as number | undefined) ?? 0) + 1;
    ctx.durable.set(DURABLE_STARTS, starts);
    this.random = ctx.random.fork(`start-${starts}`);
    this.runId = randomHex(this.random, 40);
    this.replid = randomHex(this.random, 40);
    if (this.opts.persistence === 'snapshot') this.loadSnapshot();
    this.lastSnapshotLocalMs = ctx.localNowMs();
    ctx.listen(this.opts.port, (sock) => this.accept(sock));
    this.cron = ctx.setTimer(CRON_MS, () => this.onCron());
    if (this.config.replicaOf !== null) this.link = new MasterLink(this, this.config.replicaOf);
    this.recordRole();
  }

  get role(): 'master' | 'replica' {
    return this.link === null ? 'master' : 'replica';
  }

  /**
   * Appends `argv` to the replication stream: offset, backlog, attached replicas (§ PSYNC). `sizeBytes`
   * is its RESP size, passed by a caller that has already computed it.
   */
  feedStream(argv: readonly string[], sizeBytes: number = respSizeBytes(argv)): void {
    if (this.backlog === null && this.master.replicaCount() === 0) return;
    if (this.backlog === null) this.backlog = new ReplBacklog(this.offset, this.config.replBacklogBytes);
    this.offset = this.backlog.append(argv, sizeBytes);
    this.master.propagate(argv, this.offset);
  }

  /** Applies a write to the dataset (master command or replicated stream). */
  applyWrite(argv: readonly string[]): number {
    const name = argv[0];
    const key = argv[1];
    assert(
      name !== undefined && (name === 'SADD' || name.toUpperCase() === 'SADD'),
      'only SADD is a write here',
    );
    assert(key !== undefined, 'SADD needs a key');
    let set = this.sets.get(key);
    if (set === undefined) {
      set = new MemberSet();
      this.sets.set(key, set);
    }
    let added = 0;
    for (let i = 2; i < argv.length; i++) if (set.add(argv[i] as string)) added++;
    if (added > 0) this.dirty = true;
    return added;
  }

  replaceDataset(sets: Snapshot['sets']): void {
    this.sets.clear();
    for (const [key, members] of sets) this.sets.set(key, new MemberSet(members));
    this.dirty = true;
  }

  newReplid(): string {
    return randomHex(this.random, 40);
  }

  /** REPLICAOF: `target` null promotes (NO ONE). Returns false when nothing changed. */
  setMaster(target: Address | null): boolean {
    if (target === null) {
      if (this.link === null) return false;
      this.link.close();
      this.link = null;
      // A promoted replica keeps accepting PSYNC for its old history (PSYNC2).
      this.replid2 = this.replid;
      this.secondOffset = this.offset + 1;
      this.replid = this.newReplid();
      this.master.disconnectReplicas();
      this.setConfig({ replicaOf: null });
    } else {
      if (this.link !== null && sameAddr(this.link.target, target)) return false;
      this.link?.close();
      this.link = new MasterLink(this, target);
      this.setConfig({ replicaOf: target });
    }
    this.recordRole();
    return true;
  }

  setConfig(change: Partial<RedisConfig>): void {
    this.config = { ...this.config, ...change };
    if (change.replBacklogBytes !== undefined) this.backlog?.resize(change.replBacklogBytes);
  }

  rewriteConfig(): void {
    this.ctx.durable.set(DURABLE_CONFIG, this.config);
  }

  /** Sends a pub/sub message to every subscriber of `channel`; returns how many received it. */
  publish(channel: string, message: string): number {
    const subscribers = this.channels.get(channel) ?? [];
    for (const c of subscribers) c.sock.send({ t: 'push', kind: 'message', channel, message });
    return subscribers.length;
  }

  subscribe(client: Client, channel: string): void {
    if (client.subscriptions.has(channel)) return;
    client.subscriptions.add(channel);
    const list = this.channels.get(channel) ?? [];
    list.push(client);
    this.channels.set(channel, list);
  }

  /** Closes a client's connection (CLIENT KILL, replica dropped) and forgets it. */
  dropClient(client: Client, how: 'close' | 'reset'): void {
    this.forget(client);
    if (how === 'close') client.sock.close();
    else client.sock.reset();
  }

  private accept(sock: SimSocket): SocketHandler {
    const client: Client = {
      id: sock.id,
      sock,
      name: null,
      subscriptions: new Set(),
      multi: null,
      isReplica: false,
      listeningPort: null,
    };
    this.clients.set(sock.id, client);
    return {
      onMessage: (_s, message) => this.onClientMessage(client, asRedisMessage(message)),
      onClose: () => this.forget(client),
    };
  }

  private onClientMessage(client: Client, message: RedisWireMessage | null): void {
    if (message === null || message.t !== 'cmd' || !this.clients.has(client.id)) return;
    const reply: Reply | null = runCommand(this, client, message.argv);
    if (reply !== null) client.sock.send({ t: 'reply', reply });
  }

  private forget(client: Client): void {
    if (!this.clients.delete(client.id)) return;
    for (const channel of client.subscriptions) {
      const list = this.channels.get(channel);
      if (list === undefined) continue;
      const rest = list.filter((c) => c !== client);
      if (rest.length === 0) this.channels.delete(channel);
      else this.channels.set(channel, rest);
    }
    if (client.isReplica) this.master.detach(client);
  }

  private onCron(): void {
    this.cron = this.ctx.setTimer(CRON_MS, () => this.onCron());
    this.link?.cron();
    this.master.cron();
    this.maybeSnapshot();
  }

  private maybeSnapshot(): void {
    if (this.opts.persistence !== 'snapshot' || !this.dirty) return;
    const now = this.ctx.localNowMs();
    if (now - this.lastSnapshotLocalMs < this.opts.snapshotEveryMs) return;
    this.lastSnapshotLocalMs = now;
    this.dirty = false;
    const snapshot: Snapshot = { replid: this.replid, offset: this.offset, sets: this.copySets() };
    this.ctx.durable.set(DURABLE_SNAPSHOT, snapshot);
  }

  copySets(): Snapshot['sets'] {
    const out: [string, string[]][] = [];
    for (const [key, set] of this.sets) out.push([key, set.list().slice()]);
    return out;
  }

  private loadSnapshot(): void {
    const snapshot = this.ctx.durable.get(DURABLE_SNAPSHOT) as Snapshot | undefined;
    if (snapshot === undefined) return;
    this.replaceDataset(snapshot.sets);
    this.dirty = false;
    this.replid = snapshot.replid;
    this.offset = snapshot.offset;
  }

  recordRole(): void {
    const target = this.link?.target ?? null;
    this.ctx.record({
      kind: 'role',
      role: this.role,
      masterNode: target === null ? null : this.opts.nodeAt(target),
    });
  }

  /** For tests and the final-state collection. */
  cancelCron(): void {
    if (this.cron !== null) this.ctx.clearTimer(this.cron);
  }
}

export function sameAddr(a: Address, b: Address): boolean {
  return a.port === b.port && a.host.toLowerCase() === b.host.toLowerCase();
}

function randomHex(random: RandomStream, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[random.int(16)];
  return out;
}
