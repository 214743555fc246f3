// RESP at the edge: an incremental decoder for client *requests* (what a Redis server reads) and an
// encoder for the engine's `Reply` (what a Redis server writes), aware of the connection's protocol.
//
// The request grammar and limits follow redis-server 7.0 (networking.c) as observed on the wire:
//  - A request starting with '*' is a multibulk: `*<n>\r\n` then n times `$<len>\r\n<len bytes>\r\n`.
//    n <= 0 is an empty request and is skipped. The two bytes after a bulk's data are skipped, not checked.
//  - Anything else is an inline command: one line (ending in \n, an optional \r before it is dropped),
//    split into arguments like redis-server's sdssplitargs (quotes and escapes; see splitInlineArgs).
//  - Any violation yields a protocol error; the server replies `-ERR Protocol error: <text>` and closes.
// Limits: a bulk may be at most 512 MB (proto-max-bulk-len); a multibulk may have at most 1024*1024
// elements (Redis 6's limit; 7.0 allows INT_MAX, but a Sentinel never needs more and it bounds memory);
// a count line or an inline request may be at most 64 KB before its line end arrives.
import type { Reply } from '../engine/io.js';
import { splitInlineArgs } from './resp-inline.js';

export interface RequestLimits {
  readonly maxBulkBytes: number;
  readonly maxMultibulkItems: number;
  readonly maxInlineBytes: number;
  /** Tighter limits while a password is required and the client has not authenticated (Redis 7). */
  readonly maxUnauthMultibulkItems: number;
  readonly maxUnauthBulkBytes: number;
}

export const REDIS_REQUEST_LIMITS: RequestLimits = Object.freeze({
  maxBulkBytes: 512 * 1024 * 1024,
  maxMultibulkItems: 1024 * 1024,
  maxInlineBytes: 64 * 1024,
  maxUnauthMultibulkItems: 10,
  maxUnauthBulkBytes: 16 * 1024,
});

/** One decoded request, or the protocol error that ends the connection. */
export type Decoded =
  | { readonly kind: 'command'; readonly argv: readonly Buffer[] }
  /** `message` is the text after "-ERR ", e.g. "Protocol error: invalid bulk length". */
  | { readonly kind: 'error'; readonly message: string };

const CR = 0x0d;
const LF = 0x0a;
const STAR = 0x2a;
const DOLLAR = 0x24;

/** Parses a decimal integer the way Redis's string2ll does: optional '-', no '+', no leading zeros. */
export function parseStrictInt(text: string): number | null {
  if (!/^(0|-?[1-9][0-9]{0,17})$/.test(text)) return null;
  return Number(text);
}

type State =
  | { readonly kind: 'idle' }
  /** Inside a multibulk: `remaining` bulks still to read; `bulkLen` is set once their `$` line is read. */
  | { kind: 'multibulk'; remaining: number; argv: Buffer[]; bulkLen: number | null };

/**
 * Incremental request decoder. Feed it chunks as they arrive; it returns every complete request, in
 * order. After a protocol error it returns that error once and nothing more (the connection is done).
 */
export class RequestDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private state: State = { kind: 'idle' };
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes of unread input needed before parsing can make progress (avoids re-scanning big bulks). */
  private needBytes = 0;
  private failedFlag = false;
  /** The server clears this while a password is required and not yet given (tighter limits apply). */
  authenticated = true;

  constructor(private readonly limits: RequestLimits = REDIS_REQUEST_LIMITS) {}

  get failed(): boolean {
    return this.failedFlag;
  }

  /** Buffers a chunk; call next() until it returns null to take the requests it completed. */
  push(chunk: Buffer): void {
    if (this.failedFlag) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
  }

  /**
   * The next complete request, a protocol error (returned once, then null forever), or null when more
   * input is needed. Requests are taken one at a time so that a server can update `authenticated`
   * between them, as Redis does.
   */
  next(): Decoded | null {
    if (this.failedFlag) return null;
    if (this.pendingBytes > 0 && this.buf.length - this.pos + this.pendingBytes >= this.needBytes) {
      this.buf = Buffer.concat([this.buf.subarray(this.pos), ...this.pending]);
      this.pos = 0;
      this.pending = [];
      this.pendingBytes = 0;
      this.needBytes = 0;
    }
    if (this.needBytes > 0) return null;
    const step = this.step();
    if (step?.kind === 'error') {
      this.failedFlag = true;
      this.buf = Buffer.alloc(0);
      this.pos = 0;
      this.pending = [];
    }
    return step;
  }

  /** push() then every next(): convenient when nothing changes between requests. */
  decode(chunk: Buffer): Decoded[] {
    this.push(chunk);
    const out: Decoded[] = [];
    for (let d = this.next(); d !== null; d = this.next()) out.push(d);
    return out;
  }

  /** One parsing step: a complete request, an error, or null when more input is needed. */
  private step(): Decoded | null {
    for (;;) {
      if (this.pos >= this.buf.length) return null;
      const st = this.state;
      if (st.kind === 'idle') {
        if (this.buf[this.pos] === STAR) {
          const r = this.readCount();
          if (r !== 'skip') return r;
          continue;
        }
        const r = this.readInline();
        if (r !== 'skip') return r;
        continue;
      }
      const r = this.readBulk(st);
      if (r !== 'progress') return r;
    }
  }

  private fail(text: string): Decoded {
    return { kind: 'error', message: `Protocol error: ${text}` };
  }

  /** The `*<n>` line. Returns 'skip' when it consumed an empty request or started a multibulk. */
  private readCount(): Decoded | null | 'skip' {
    const cr = this.buf.indexOf(CR, this.pos);
    if (cr < 0 || cr + 1 >= this.buf.length) {
      if (this.buf.length - this.pos > this.limits.maxInlineBytes)
        return this.fail('too big mbulk count string');
      return null;
    }
    const n = parseStrictInt(this.buf.toString('latin1', this.pos + 1, cr));
    if (n === null || n > this.limits.maxMultibulkItems) return this.fail('invalid multibulk length');
    if (!this.authenticated && n > this.limits.maxUnauthMultibulkItems) {
      return this.fail('unauthenticated multibulk length');
    }
    this.pos = cr + 2;
    if (n > 0) this.state = { kind: 'multibulk', remaining: n, argv: [], bulkLen: null };
    return 'skip';
  }

  /** A `$<len>` line or a bulk's data. Returns 'progress' after consuming something. */
  private readBulk(st: Extract<State, { kind: 'multibulk' }>): Decoded | null | 'progress' {
    if (st.bulkLen === null) {
      const cr = this.buf.indexOf(CR, this.pos);
      if (cr < 0 || cr + 1 >= this.buf.length) {
        if (this.buf.length - this.pos > this.limits.maxInlineBytes)
          return this.fail('too big bulk count string');
        return null;
      }
      const first = this.buf[this.pos];
      if (first !== DOLLAR) return this.fail(`expected '$', got '${String.fromCharCode(first ?? 0)}'`);
      const len = parseStrictInt(this.buf.toString('latin1', this.pos + 1, cr));
      if (len === null || len < 0 || len > this.limits.maxBulkBytes) return this.fail('invalid bulk length');
      if (!this.authenticated && len > this.limits.maxUnauthBulkBytes)
        return this.fail('unauthenticated bulk length');
      st.bulkLen = len;
      this.pos = cr + 2;
      return 'progress';
    }
    const end = this.pos + st.bulkLen;
    if (end + 2 > this.buf.length) {
      this.needBytes = end + 2 - this.pos;
      return null;
    }
    st.argv.push(Buffer.from(this.buf.subarray(this.pos, end)));
    this.pos = end + 2;
    st.bulkLen = null;
    st.remaining -= 1;
    if (st.remaining > 0) return 'progress';
    this.state = { kind: 'idle' };
    return { kind: 'command', argv: st.argv };
  }

  /** An inline command line. Returns 'skip' for an empty line. */
  private readInline(): Decoded | null | 'skip' {
    const lf = this.buf.indexOf(LF, this.pos);
    if (lf < 0) {
      if (this.buf.length - this.pos > this.limits.maxInlineBytes) return this.fail('too big inline request');
      return null;
    }
    let lineEnd = lf;
    if (lineEnd > this.pos && this.buf[lineEnd - 1] === CR) lineEnd -= 1;
    const line = this.buf.subarray(this.pos, lineEnd);
    this.pos = lf + 1;
    const argv = splitInlineArgs(line);
    if (argv === null) return this.fail('unbalanced quotes in request');
    if (argv.length === 0) return 'skip';
    return { kind: 'command', argv };
  }
}

// ---------------------------------------------------------------------------------------------------
// Reply encoding

export type Protocol = 2 | 3;

/** What goes on the wire: an engine Reply, or a pub/sub push (RESP3 `>`, an array under RESP2). */
export type WireReply = Reply | { readonly kind: 'push'; readonly items: readonly WireReply[] };

/** Status and error lines cannot carry CR or LF; Redis replaces them with spaces too. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]/g, ' ');
}

function bulk(value: string): string {
  return `$${Buffer.byteLength(value, 'utf8')}\r\n${value}\r\n`;
}

function encodeInto(parts: string[], r: WireReply, proto: Protocol): void {
  switch (r.kind) {
    case 'status':
      parts.push(`+${oneLine(r.text)}\r\n`);
      return;
    case 'error':
      parts.push(`-${oneLine(r.text)}\r\n`);
      return;
    case 'int':
      if (!Number.isSafeInteger(r.value)) throw new RangeError(`int reply: ${r.value} is not an integer`);
      parts.push(`:${r.value}\r\n`);
      return;
    case 'bulk':
      parts.push(bulk(r.value));
      return;
    case 'null':
      parts.push(proto === 3 ? '_\r\n' : r.array === true ? '*-1\r\n' : '$-1\r\n');
      return;
    case 'array':
    case 'push':
      parts.push(`${r.kind === 'push' && proto === 3 ? '>' : '*'}${r.items.length}\r\n`);
      for (const item of r.items) encodeInto(parts, item, proto);
      return;
    case 'map':
      parts.push(proto === 3 ? `%${r.entries.length}\r\n` : `*${r.entries.length * 2}\r\n`);
      for (const [key, value] of r.entries) {
        parts.push(bulk(key));
        encodeInto(parts, value, proto);
      }
      return;
    case 'info':
      // A parsed INFO only travels inward; if one is echoed to a client, its raw text is the reply.
      parts.push(r.info.text === undefined ? '-ERR INFO text unavailable\r\n' : bulk(r.info.text));
      return;
    default:
      assertNever(r);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected reply ${JSON.stringify(x)}`);
}

/** Encodes one reply for a connection speaking `proto`. */
export function encodeReply(reply: WireReply, proto: Protocol): Buffer {
  const parts: string[] = [];
  encodeInto(parts, reply, proto);
  return Buffer.from(parts.join(''), 'utf8');
}
