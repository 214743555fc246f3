// The replica side of replication: one link to the configured master.
//
// States (Redis's repl_state, simplified): 'connect' (waiting for the next cron to connect),
// 'connecting' (TCP connect in flight), 'handshake' (REPLCONF + PSYNC sent), 'transfer' (FULLRESYNC
// received, waiting for the snapshot) and 'connected' (applying the stream; master_link_status:up).
// A lost link is retried from the once-a-second cron. A connected replica acknowledges its offset
// every second (REPLCONF ACK) and drops a link silent for repl-timeout.

import type { Address, SimSocket, SocketHandler } from '../api.js';
import { assert } from './assert.js';
import { ReplBacklog } from './backlog.js';
import { asRedisMessage, cmd, respSizeBytes, type RedisWireMessage } from './protocol.js';
import type { RedisServer } from './server.js';

export type LinkState = 'connect' | 'connecting' | 'handshake' | 'transfer' | 'connected';

export class MasterLink {
  state: LinkState = 'connect';
  /** Host time the link went down; null while it never was up (INFO then prints -1). */
  downSinceLocalMs: number | null = null;
  private sock: SimSocket | null = null;
  private awaiting: ('port' | 'psync')[] = [];
  private lastIoLocalMs = 0;

  constructor(
    private readonly s: RedisServer,
    readonly target: Address,
  ) {
    this.connect();
  }

  /** Identifies the current connection (tests: "stayed connected" means the same id). */
  get socketId(): number | null {
    return this.sock?.id ?? null;
  }

  /** INFO's master_link_down_since_seconds: null while up, -1 if never up. */
  downSinceSeconds(): number | null {
    if (this.state === 'connected') return null;
    if (this.downSinceLocalMs === null) return -1;
    return Math.floor((this.s.ctx.localNowMs() - this.downSinceLocalMs) / 1000);
  }

  /** Closes the link for good (REPLICAOF to another master or NO ONE). */
  close(): void {
    this.sock?.close();
    this.sock = null;
    this.state = 'connect';
  }

  cron(): void {
    const now = this.s.ctx.localNowMs();
    if (this.state === 'connect') {
      this.connect();
      return;
    }
    if (this.state !== 'connecting' && now - this.lastIoLocalMs > this.s.opts.replTimeoutMs) {
      this.sock?.close();
      this.lost();
      return;
    }
    if (this.state === 'connected') this.sendAck();
  }

  private connect(): void {
    const s = this.s;
    this.state = 'connecting';
    this.awaiting = ['port', 'psync'];
    // Events of a socket this link has already given up are ignored.
    const handler: SocketHandler = {
      onOpen: (sock) => {
        if (sock.id !== this.sock?.id) return;
        this.state = 'handshake';
        this.lastIoLocalMs = s.ctx.localNowMs();
      },
      onMessage: (sock, message) => {
        if (sock.id === this.sock?.id) this.onMessage(asRedisMessage(message));
      },
      onClose: (sock) => {
        if (sock.id === this.sock?.id) this.lost();
      },
    };
    const sock = s.ctx.connect(this.target, handler, { connectTimeoutMs: s.opts.replConnectTimeoutMs });
    this.sock = sock;
    sock.send(cmd('REPLCONF', 'listening-port', String(s.opts.port)));
    sock.send(cmd('PSYNC', s.replid, String(s.offset + 1)));
  }

  private onMessage(message: RedisWireMessage | null): void {
    if (message === null || this.sock === null) return;
    this.lastIoLocalMs = this.s.ctx.localNowMs();
    switch (message.t) {
      case 'reply':
        this.onReply(message.reply.kind === 'status' ? message.reply.text : null);
        return;
      case 'repl-rdb':
        if (this.state === 'transfer') this.loadRdb(message.replid, message.offset, message.sets);
        return;
      case 'repl-cmd':
        if (this.state === 'connected') this.apply(message.argv, message.offset);
        return;
      case 'cmd':
      case 'push':
        return;
    }
  }

  private onReply(statusText: string | null): void {
    const awaited = this.awaiting.shift();
    if (awaited !== 'psync') return;
    const words = statusText?.split(' ') ?? [];
    if (words[0] === 'FULLRESYNC') {
      this.state = 'transfer';
    } else if (words[0] === 'CONTINUE' && words[1] !== undefined) {
      this.continueWith(words[1]);
    } else {
      // An error (e.g. NOMASTERLINK): drop the link and retry from the cron.
      this.sock?.close();
      this.lost();
    }
  }

  private continueWith(masterReplid: string): void {
    const s = this.s;
    if (masterReplid !== s.replid) {
      // The master's history continues ours under a new id: remember ours for our own replicas.
      s.replid2 = s.replid;
      s.secondOffset = s.offset + 1;
      s.replid = masterReplid;
      s.master.disconnectReplicas();
    }
    s.backlog ??= new ReplBacklog(s.offset, s.config.replBacklogBytes);
    this.up();
  }

  private loadRdb(replid: string, offset: number, sets: Parameters<RedisServer['replaceDataset']>[0]): void {
    const s = this.s;
    s.replaceDataset(sets);
    s.replid = replid;
    s.offset = offset;
    s.replid2 = null;
    s.secondOffset = -1;
    s.backlog = new ReplBacklog(offset, s.config.replBacklogBytes);
    s.master.disconnectReplicas();
    this.up();
  }

  private apply(argv: readonly string[], masterOffset: number): void {
    const s = this.s;
    const sizeBytes = respSizeBytes(argv);
    if (masterOffset !== s.offset + sizeBytes) {
      // A gap in the stream: like a protocol error in Redis, drop the link and PSYNC again.
      this.sock?.close();
      this.lost();
      return;
    }
    const name = argv[0];
    if (name === 'SADD' || name?.toUpperCase() === 'SADD') s.applyWrite(argv);
    const before = s.offset;
    assert(s.backlog !== null, 'a connected replica has a backlog');
    s.feedStream(argv, sizeBytes);
    assert(s.offset > before, 'applying the stream advances the offset');
  }

  private up(): void {
    this.state = 'connected';
    this.downSinceLocalMs = null;
    this.sendAck();
  }

  private sendAck(): void {
    this.sock?.send(cmd('REPLCONF', 'ACK', String(this.s.offset)));
  }

  private lost(): void {
    if (this.state === 'connected') this.downSinceLocalMs = this.s.ctx.localNowMs();
    this.sock = null;
    this.state = 'connect';
  }
}
