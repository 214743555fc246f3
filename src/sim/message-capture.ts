// Opt-in message capture for reports: `message` history records (src/check/history.ts) for the
// Sentinel's conversations — sentinel↔sentinel and sentinel↔redis commands, replies and pub/sub pushes —
// so the report can draw a space-time diagram. The workload clients' traffic and the replication stream
// (redis↔redis) are left out: they would bury the few messages a failover is made of.
//
// Capture only observes: it draws no random numbers and schedules nothing, so a run with capture on
// is the run without it plus `message` records (the trace hash of the history without them is the
// same). Off (the default), the network pays one null check per message.
import type { HistoryPayload } from '../check/history.js';
import type { Reply } from '../engine/io.js';
import type { SimMessage } from './api.js';
import type { MessageTap } from './network.js';
import { asRedisMessage } from './redis/protocol.js';
import type { SimSocketImpl } from './socket.js';

/** Appends a history record for `node` (its local clock read by the caller). */
export type RecordFn = (node: string, localMs: number, payload: HistoryPayload) => void;

/** Which conversations are captured: by the logical names of both ends. */
export type CaptureSelect = (from: string, to: string) => boolean;

/** Sentinel↔sentinel and sentinel↔redis, by the world's node names ("sentinel-2", "redis-1"). */
export const sentinelConversations: CaptureSelect = (from, to) => {
  const a = from.startsWith('sentinel-');
  const b = to.startsWith('sentinel-');
  return (a && (b || to.startsWith('redis-'))) || (b && from.startsWith('redis-'));
};

interface InFlight {
  readonly message: SimMessage;
  readonly msgId: number;
  readonly summary: string;
}

export class MessageCapture implements MessageTap {
  private nextId = 1;
  /** Per sending socket, the captured messages not yet delivered, in send order (streams are FIFO). */
  private readonly inFlight = new Map<SimSocketImpl, InFlight[]>();

  constructor(
    private readonly record: RecordFn,
    private readonly select: CaptureSelect = sentinelConversations,
  ) {}

  sent(sock: SimSocketImpl, message: SimMessage): void {
    const peer = sock.peer;
    if (peer === null) return;
    const summary = this.summaryIf(sock, peer, message);
    if (summary === null) return;
    const msgId = this.nextId++;
    const entry: InFlight = { message, msgId, summary };
    const queue = this.inFlight.get(sock);
    if (queue === undefined) this.inFlight.set(sock, [entry]);
    else queue.push(entry);
    this.emit(sock, 'send', peer.node.name, entry);
  }

  received(recv: SimSocketImpl, message: SimMessage): void {
    const sender = recv.peer;
    if (sender === null) return;
    const queue = this.inFlight.get(sender);
    if (queue === undefined) return;
    // Earlier entries that are still queued were dropped on the way (blackhole, dead receiver): lost.
    let i = 0;
    while (i < queue.length && queue[i]!.message !== message) i++;
    if (i === queue.length) return; // not a captured message
    const entry = queue[i]!;
    queue.splice(0, i + 1);
    if (queue.length === 0) this.inFlight.delete(sender);
    this.emit(recv, 'receive', sender.node.name, entry);
  }

  private summaryIf(sock: SimSocketImpl, peer: SimSocketImpl, message: SimMessage): string | null {
    if (!this.select(sock.node.name, peer.node.name)) return null;
    return summarize(message);
  }

  private emit(at: SimSocketImpl, phase: 'send' | 'receive', other: string, entry: InFlight): void {
    const node = at.node;
    const localMs = node.host.clock.localAt(at.net.scheduler.nowMs);
    const [from, to] = phase === 'send' ? [node.name, other] : [other, node.name];
    this.record(node.name, localMs, {
      kind: 'message',
      phase,
      msgId: entry.msgId,
      from,
      to,
      summary: entry.summary,
    });
  }
}

const MAX_SUMMARY = 72;

/** One short line for a captured message, or null for messages that are not captured (replication). */
export function summarize(message: SimMessage): string | null {
  const m = asRedisMessage(message);
  if (m === null) return null;
  switch (m.t) {
    case 'cmd':
      return commandSummary(m.argv);
    case 'reply':
      return replySummary(m.reply);
    case 'push':
      return m.channel === '__sentinel__:hello' ? helloSummary(m.message) : `message ${m.channel}`;
    case 'repl-rdb':
    case 'repl-cmd':
      return null;
  }
}

function clip(text: string): string {
  return text.length <= MAX_SUMMARY ? text : text.slice(0, MAX_SUMMARY - 1) + '…';
}

function commandSummary(argv: readonly string[]): string | null {
  const name = (argv[0] ?? '').toUpperCase();
  if (name === 'PSYNC' || name === 'SYNC' || name === 'REPLCONF') return null;
  if (name === 'PUBLISH' && argv[1] === '__sentinel__:hello') return helloSummary(argv[2] ?? '');
  // Run ids (40 hex digits) are shortened to 8, as the report prints them elsewhere.
  return clip(argv.map((a) => (/^[0-9a-f]{40}$/.test(a) ? a.slice(0, 8) : a)).join(' '));
}

/** "hello e7 mymaster 10.0.0.2:6379 c7" from the §9.2 payload ip,port,runid,epoch,name,ip,port,config-epoch. */
function helloSummary(payload: string): string {
  const f = payload.split(',');
  if (f.length < 8) return clip(`hello ${payload}`);
  return `hello e${f[3]} ${f[4]} ${f[5]}:${f[6]} c${f[7]}`;
}

function replySummary(reply: Reply): string {
  switch (reply.kind) {
    case 'status':
      return clip(`+${reply.text}`);
    case 'error':
      return clip(`-${reply.text}`);
    case 'int':
      return `:${reply.value}`;
    case 'bulk':
      return reply.value.startsWith('#') ? `$info (${reply.value.length} bytes)` : clip(`$${reply.value}`);
    case 'null':
      return '(nil)';
    case 'info':
      return '$info';
    case 'map':
      return `%${reply.entries.length}`;
    case 'array':
      return arraySummary(reply.items);
  }
}

/** Arrays: the is-master-down-by-addr answer (§6.3) gets its own form; others show their size. */
function arraySummary(items: readonly Reply[]): string {
  const [down, leader, epoch] = items;
  if (items.length === 3 && down?.kind === 'int' && leader?.kind === 'bulk' && epoch?.kind === 'int') {
    const who = leader.value === '*' ? '*' : leader.value.slice(0, 8);
    return `down=${down.value} leader=${who} e${epoch.value}`;
  }
  return `*${items.length}`;
}
