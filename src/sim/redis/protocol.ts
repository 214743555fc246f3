// The wire protocol of the simulated Redis world: what travels over a `SimSocket` between a client
// (workload client, Sentinel adapter, replica) and a simulated redis-server (or a simulated Sentinel,
// which answers commands the same way).
//
// Rules:
// - A client sends `{t:'cmd', argv}`; the server answers every command with exactly one
//   `{t:'reply', reply}`, in the order the commands were sent. Exceptions, as in Redis:
//   `REPLCONF ACK <offset>` gets no reply, and once a connection has become a replication link
//   (after PSYNC) it carries `repl-*` frames instead of replies.
// - A subscribed connection also receives `{t:'push', …}` messages at any time (pub/sub fan-out). The
//   SUBSCRIBE confirmation itself is the ordinary reply to the SUBSCRIBE command.
// - Replication: the replica sends `REPLCONF listening-port <p>` then `PSYNC <replid> <offset>` (or
//   `PSYNC ? -1`). The master answers PSYNC with a status reply `FULLRESYNC <replid> <offset>` or
//   `CONTINUE <replid>`, then sends `repl-rdb` (full sync only) and a stream of `repl-cmd` frames.
//
// Offsets follow Redis: a node's replication offset counts the bytes of the replication stream it has
// produced or applied. Here a frame's size is the length of its RESP encoding (`respSizeBytes`), so
// offsets and the backlog size in bytes behave like the real ones.

import type { Reply } from '../../engine/io.js';

/** Client → server: one command. */
export interface CmdMessage {
  readonly t: 'cmd';
  readonly argv: readonly string[];
}

/** Server → client: the reply to the oldest unanswered command. */
export interface ReplyMessage {
  readonly t: 'reply';
  readonly reply: Reply;
}

/** Server → subscribed client: a message published on `channel` (RESP `message` push). */
export interface PushMessage {
  readonly t: 'push';
  readonly kind: 'message';
  readonly channel: string;
  readonly message: string;
}

/** Master → replica after `FULLRESYNC`: the whole dataset as of `offset`. */
export interface ReplRdbMessage {
  readonly t: 'repl-rdb';
  readonly replid: string;
  readonly offset: number;
  /** key → members, keys and members in insertion order. */
  readonly sets: readonly (readonly [string, readonly string[]])[];
}

/**
 * Master → replica: one command of the replication stream (writes and the periodic PING). `offset` is
 * the master's offset after it; a replica that finds `offset ≠ its offset + size` has missed part of
 * the stream (a network that lost a segment) and drops the link to resynchronise.
 */
export interface ReplCmdMessage {
  readonly t: 'repl-cmd';
  readonly argv: readonly string[];
  readonly offset: number;
}

export type RedisWireMessage = CmdMessage | ReplyMessage | PushMessage | ReplRdbMessage | ReplCmdMessage;

/** Narrows an opaque socket message to a message of this protocol, or null for anything else. */
export function asRedisMessage(message: unknown): RedisWireMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const t = (message as { t?: unknown }).t;
  if (t === 'cmd' || t === 'reply' || t === 'push' || t === 'repl-rdb' || t === 'repl-cmd') {
    return message as RedisWireMessage;
  }
  return null;
}

export function cmd(...argv: string[]): CmdMessage {
  return { t: 'cmd', argv };
}

/** Byte length of the RESP multi-bulk encoding of `argv` (ASCII arguments assumed). */
export function respSizeBytes(argv: readonly string[]): number {
  let size = 1 + decimalDigits(argv.length) + 2;
  for (let i = 0; i < argv.length; i++) {
    const n = (argv[i] as string).length;
    size += 1 + decimalDigits(n) + 2 + n + 2;
  }
  return size;
}

/** Digits of a non-negative integer in decimal (String(n).length without building the string). */
function decimalDigits(n: number): number {
  let digits = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    digits++;
  }
  return digits;
}

// Reply constructors: short names keep the command handlers readable.
export const ok: Reply = { kind: 'status', text: 'OK' };
export const nullBulk: Reply = { kind: 'null' };
export function status(text: string): Reply {
  return { kind: 'status', text };
}
export function err(text: string): Reply {
  return { kind: 'error', text };
}
// Replies are immutable: the two integer replies every SADD returns are shared.
const INT_0: Reply = { kind: 'int', value: 0 };
const INT_1: Reply = { kind: 'int', value: 1 };
export function int(value: number): Reply {
  return value === 1 ? INT_1 : value === 0 ? INT_0 : { kind: 'int', value };
}
export function bulk(value: string): Reply {
  return { kind: 'bulk', value };
}
export function arr(items: readonly Reply[]): Reply {
  return { kind: 'array', items };
}

export function wrongArity(name: string): Reply {
  return err(`ERR wrong number of arguments for '${name.toLowerCase()}' command`);
}
