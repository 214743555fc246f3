// Per-connection state of the RESP server.
import type { Socket } from 'node:net';
import type { ClientContext } from '../engine/io.js';
import { encodeReply, RequestDecoder, type Protocol, type WireReply } from './resp.js';

/** What a dispatcher (and CLIENT LIST) may know about a connection. */
export interface ConnectionInfo extends ClientContext {
  readonly id: number;
  readonly name: string | null;
  /** "ip:port" of the peer and of our side. */
  readonly addr: string;
  readonly laddr: string;
  readonly authenticated: boolean;
  readonly libName: string;
  readonly libVer: string;
  readonly channelCount: number;
  readonly patternCount: number;
}

export class Connection implements ConnectionInfo {
  protocol: Protocol = 2;
  name: string | null = null;
  authenticated: boolean;
  libName = '';
  libVer = '';
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  readonly decoder = new RequestDecoder();
  readonly createdAtMs = Date.now();
  lastActiveAtMs = Date.now();
  lastCommand = 'NULL';
  /** Set after QUIT, a protocol error or CLIENT KILL: nothing more is read or written. */
  closing = false;
  readonly addr: string;
  readonly laddr: string;

  constructor(
    readonly id: number,
    readonly socket: Socket,
    passwordRequired: boolean,
  ) {
    this.authenticated = !passwordRequired;
    this.decoder.authenticated = this.authenticated;
    this.addr = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    this.laddr = `${socket.localAddress ?? '?'}:${socket.localPort ?? 0}`;
  }

  get channelCount(): number {
    return this.channels.size;
  }

  get patternCount(): number {
    return this.patterns.size;
  }

  /** In RESP2 pub/sub mode only a few commands are allowed (RESP3 multiplexes pushes and replies). */
  get subscribed(): boolean {
    return this.channels.size + this.patterns.size > 0;
  }

  setAuthenticated(value: boolean): void {
    this.authenticated = value;
    this.decoder.authenticated = value;
  }

  write(reply: WireReply): void {
    if (this.closing || this.socket.destroyed) return;
    this.socket.write(encodeReply(reply, this.protocol));
  }

  /** Writes the last reply (if any) then closes the connection once it is flushed. */
  closeAfter(reply?: WireReply): void {
    if (reply !== undefined) this.write(reply);
    this.closing = true;
    this.socket.end();
  }

  /** The CLIENT LIST / CLIENT INFO line, with the fields clients and humans look at. */
  describe(nowMs: number): string {
    const flags = this.subscribed ? 'P' : 'N';
    const fields: [string, string | number][] = [
      ['id', this.id],
      ['addr', this.addr],
      ['laddr', this.laddr],
      ['name', this.name ?? ''],
      ['age', Math.floor((nowMs - this.createdAtMs) / 1000)],
      ['idle', Math.floor((nowMs - this.lastActiveAtMs) / 1000)],
      ['flags', flags],
      ['db', 0],
      ['sub', this.channels.size],
      ['psub', this.patterns.size],
      ['cmd', this.lastCommand],
      ['user', 'default'],
      ['resp', this.protocol],
      ['lib-name', this.libName],
      ['lib-ver', this.libVer],
    ];
    return fields.map(([k, v]) => `${k}=${v}`).join(' ');
  }
}
