// The master side of replication: replicas attached to this node, PSYNC decisions, full syncs,
// propagation of the stream, REPLCONF ACK bookkeeping and min-replicas-to-write.
//
// PSYNC rules (Redis 7, `masterTryPartialResynchronization`): a replica asking for `PSYNC <id> <o>`
// (o = its offset + 1) continues from the backlog iff
//   (id == replid, or id == replid2 and o ≤ second_replid_offset)
//   and the backlog holds the bytes from o on (startOffset + 1 ≤ o ≤ endOffset + 1).
// Otherwise it gets a full sync: Redis 7 replicates diskless by default and waits
// `repl-diskless-sync-delay` seconds for more replicas before it starts; the transfer then takes time
// proportional to the dataset size. Writes made after the snapshot point are buffered and sent after it.

import type { TimerId } from '../api.js';
import type { Address, Reply } from '../../engine/io.js';
import { ReplBacklog } from './backlog.js';
import { err, status } from './protocol.js';
import type { Client, RedisServer } from './server.js';

interface AttachedReplica {
  readonly client: Client;
  state: 'wait-bgsave' | 'send-rdb' | 'online';
  ackOffset: number;
  ackLocalMs: number;
  pending: { readonly argv: readonly string[]; readonly offset: number }[];
}

export class MasterSide {
  private readonly replicas = new Map<number, AttachedReplica>();
  private syncTimer: TimerId | null = null;
  private lastPingLocalMs = 0;
  /** Counters like INFO's sync_full / sync_partial_ok. */
  readonly stats = { fullSyncs: 0, partialSyncs: 0 };

  constructor(private readonly s: RedisServer) {}

  replicaCount(): number {
    return this.replicas.size;
  }

  /** PSYNC from `client`; the reply is sent here (it must precede the stream), so returns null. */
  psync(client: Client, requestedReplid: string, psyncOffset: number): Reply | null {
    const s = this.s;
    if (s.link !== null && s.link.state !== 'connected') {
      return err("NOMASTERLINK Can't SYNC while not connected with my master");
    }
    client.isReplica = true;
    const now = s.ctx.localNowMs();
    const replica: AttachedReplica = {
      client,
      state: 'wait-bgsave',
      ackOffset: 0,
      ackLocalMs: now,
      pending: [],
    };
    this.replicas.set(client.id, replica);
    if (this.canContinue(requestedReplid, psyncOffset)) {
      client.sock.send({ t: 'reply', reply: status(`CONTINUE ${s.replid}`) });
      for (const e of s.backlog!.since(psyncOffset - 1)) {
        client.sock.send({ t: 'repl-cmd', argv: e.argv, offset: e.endOffset });
      }
      replica.state = 'online';
      replica.ackOffset = psyncOffset - 1;
      this.stats.partialSyncs++;
      return null;
    }
    if (s.backlog === null) {
      // Like Redis: a backlog created from scratch starts a new history.
      s.replid = s.newReplid();
      s.replid2 = null;
      s.secondOffset = -1;
      s.backlog = new ReplBacklog(s.offset, s.config.replBacklogBytes);
    }
    this.stats.fullSyncs++;
    if (this.syncTimer === null) {
      const delayMs = s.config.replDisklessSyncDelayS * 1000;
      this.syncTimer = s.ctx.setTimer(delayMs, () => this.startFullSync());
    }
    return null;
  }

  private canContinue(requestedReplid: string, psyncOffset: number): boolean {
    const s = this.s;
    const sameHistory =
      requestedReplid === s.replid ||
      (s.replid2 !== null && requestedReplid === s.replid2 && psyncOffset <= s.secondOffset);
    return sameHistory && s.backlog !== null && s.backlog.covers(psyncOffset - 1);
  }

  private startFullSync(): void {
    const s = this.s;
    this.syncTimer = null;
    const batch = [...this.replicas.values()].filter((r) => r.state === 'wait-bgsave');
    if (batch.length === 0) return;
    const rdb = { t: 'repl-rdb', replid: s.replid, offset: s.offset, sets: s.copySets() } as const;
    for (const r of batch) {
      r.client.sock.send({ t: 'reply', reply: status(`FULLRESYNC ${s.replid} ${s.offset}`) });
      r.state = 'send-rdb';
      r.pending = [];
    }
    const transferMs = s.opts.fullSyncBaseMs + Math.ceil(datasetBytes(rdb.sets) / s.opts.fullSyncBytesPerMs);
    s.ctx.setTimer(transferMs, () => {
      for (const r of batch) {
        if (this.replicas.get(r.client.id) !== r) continue;
        r.client.sock.send(rdb);
        for (const e of r.pending) r.client.sock.send({ t: 'repl-cmd', argv: e.argv, offset: e.offset });
        r.pending = [];
        r.state = 'online';
        r.ackLocalMs = s.ctx.localNowMs();
      }
    });
  }

  /** Sends a stream entry (ending at `offset`) to the attached replicas (buffered during a snapshot). */
  propagate(argv: readonly string[], offset: number): void {
    if (this.replicas.size === 0) return;
    // One immutable frame shared by every replica's connection.
    const frame = { t: 'repl-cmd', argv, offset } as const;
    for (const r of this.replicas.values()) {
      if (r.state === 'online') r.client.sock.send(frame);
      else if (r.state === 'send-rdb') r.pending.push({ argv, offset });
    }
  }

  onAck(client: Client, offset: number): void {
    const r = this.replicas.get(client.id);
    if (r === undefined || r.state !== 'online') return;
    r.ackOffset = Math.max(r.ackOffset, offset);
    r.ackLocalMs = this.s.ctx.localNowMs();
  }

  detach(client: Client): void {
    this.replicas.delete(client.id);
  }

  /** Drops every attached replica (their history changed: they must PSYNC again). */
  disconnectReplicas(): void {
    for (const r of [...this.replicas.values()]) this.s.dropClient(r.client, 'close');
  }

  /** Replicas that acknowledged within min-replicas-max-lag seconds (whole seconds, like Redis). */
  goodReplicaCount(): number {
    const now = this.s.ctx.localNowMs();
    let good = 0;
    for (const r of this.replicas.values()) {
      const lagS = Math.floor((now - r.ackLocalMs) / 1000);
      if (r.state === 'online' && lagS <= this.s.config.minReplicasMaxLagS) good++;
    }
    return good;
  }

  /** Whether min-replicas-to-write refuses writes now. */
  refusesWrites(): boolean {
    const { minReplicasToWrite, minReplicasMaxLagS } = this.s.config;
    if (minReplicasToWrite <= 0 || minReplicasMaxLagS <= 0) return false;
    return this.goodReplicaCount() < minReplicasToWrite;
  }

  /** INFO `slaveN` lines: the replica's peer IP and its announced listening port, attach order. */
  slaveAddresses(): Address[] {
    const out: Address[] = [];
    for (const r of this.replicas.values()) {
      const port = r.client.listeningPort;
      if (port !== null) out.push({ host: r.client.sock.remote.host, port });
    }
    return out;
  }

  /** ROLE's replica triples: [ip, port, ack offset] of the online replicas. */
  onlineReplicas(): { addr: Address; ackOffset: number }[] {
    const out: { addr: Address; ackOffset: number }[] = [];
    for (const r of this.replicas.values()) {
      const port = r.client.listeningPort;
      if (r.state === 'online' && port !== null) {
        out.push({ addr: { host: r.client.sock.remote.host, port }, ackOffset: r.ackOffset });
      }
    }
    return out;
  }

  /** Once a second: the periodic stream PING (masters only) and repl-timeout of silent replicas. */
  cron(): void {
    const s = this.s;
    const now = s.ctx.localNowMs();
    if (s.link === null && this.replicas.size > 0 && now - this.lastPingLocalMs >= s.opts.replPingPeriodMs) {
      this.lastPingLocalMs = now;
      s.feedStream(['PING']);
    }
    for (const r of [...this.replicas.values()]) {
      if (r.state === 'online' && now - r.ackLocalMs > s.opts.replTimeoutMs) s.dropClient(r.client, 'close');
    }
  }
}

function datasetBytes(sets: readonly (readonly [string, readonly string[]])[]): number {
  let bytes = 0;
  for (const [key, members] of sets) {
    bytes += key.length + 16;
    for (const m of members) bytes += m.length + 4;
  }
  return bytes;
}
