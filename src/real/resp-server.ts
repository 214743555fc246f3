// A RESP server on node:net with per-connection state. It answers connection and pub/sub commands
// itself (resp-commands.ts, resp-client-cmd.ts) and hands every other command to a dispatcher: later
// the engine's command handler, so that redis-cli and Sentinel-aware clients can talk to the engine.
//
// Order of checks per command follows redis-server's processCommand: unknown command, then
// authentication (NOAUTH), then the RESP2 subscribed-mode restriction, then the command itself.
import { createServer, type Server, type Socket } from 'node:net';
import type { Address, Reply } from '../engine/io.js';
import { client } from './resp-client-cmd.js';
import {
  CONNECTION_BUILTINS,
  NO_AUTH_COMMANDS,
  SUBSCRIBED_ALLOWED,
  err,
  type Builtin,
  type ServerFacade,
} from './resp-commands.js';
import { Connection, type ConnectionInfo } from './resp-conn.js';
import { globMatch } from './glob.js';

/** Answers one command; null means "no such command" (the server replies like Redis). */
export type Dispatcher = (argv: readonly string[], conn: ConnectionInfo) => Reply | null;

export interface RespServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (the kernel picks). */
  readonly port?: number;
  /** Like redis.conf requirepass: clients must AUTH (or HELLO … AUTH) first. */
  readonly requirePass?: string;
  readonly dispatch?: Dispatcher;
  /**
   * Lower-case names the dispatcher serves. When given, other names get "unknown command" before the
   * authentication check, exactly as Redis orders it; when absent, every name goes to the dispatcher.
   */
  readonly commandNames?: readonly string[];
  /** Fields of the HELLO reply; defaults describe a Redis 7.0 Sentinel. */
  readonly hello?: Partial<ServerFacade['hello']>;
}

/** `-ERR unknown command 'x', with args beginning with: 'a' 'b' ` as Redis 7 words it. */
export function unknownCommandReply(argv: readonly string[]): Reply {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${(argv[i] as string).slice(0, 128 - args.length)}' `;
  }
  const name = (argv[0] ?? '').slice(0, 128);
  return err(`ERR unknown command '${name}', with args beginning with: ${args}`);
}

const BUILTINS: ReadonlyMap<string, Builtin> = new Map([...CONNECTION_BUILTINS, ['client', client]]);

export class RespServer {
  private readonly server: Server;
  private readonly conns = new Map<number, Connection>();
  private nextId = 1;
  private boundAddress: Address | null = null;
  private readonly facade: ServerFacade;
  private readonly knownNames: ReadonlySet<string> | null;

  constructor(private readonly options: RespServerOptions = {}) {
    this.server = createServer((socket) => this.accept(socket));
    this.knownNames = options.commandNames ? new Set(options.commandNames) : null;
    const conns = this.conns;
    const known = this.knownNames;
    this.facade = {
      requirePass: options.requirePass ?? null,
      hello: { server: 'redis', version: '7.0.15', mode: 'sentinel', role: 'sentinel', ...options.hello },
      connections: () => conns.values(),
      commandCount: () => BUILTINS.size + (known?.size ?? 0),
    };
  }

  /** Starts listening; resolves with the bound address. */
  listen(): Promise<Address> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: this.options.host ?? '127.0.0.1', port: this.options.port ?? 0 }, () => {
        const a = this.server.address();
        if (a === null || typeof a === 'string') return reject(new Error('RESP server: no TCP address'));
        this.boundAddress = { host: a.address, port: a.port };
        resolve(this.boundAddress);
      });
    });
  }

  get address(): Address {
    if (this.boundAddress === null) throw new Error('RESP server: listen() first');
    return this.boundAddress;
  }

  /**
   * Delivers `message` to every client subscribed to `channel` (and every matching pattern), as
   * Redis's PUBLISH does; returns the number of deliveries.
   */
  publish(channel: string, message: string): number {
    let receivers = 0;
    const b = (value: string): Reply => ({ kind: 'bulk', value });
    for (const conn of this.conns.values()) {
      if (conn.closing) continue;
      if (conn.channels.has(channel)) {
        conn.write({ kind: 'push', items: [b('message'), b(channel), b(message)] });
        receivers += 1;
      }
      for (const pattern of conn.patterns) {
        if (!globMatch(pattern, channel)) continue;
        conn.write({ kind: 'push', items: [b('pmessage'), b(pattern), b(channel), b(message)] });
        receivers += 1;
      }
    }
    return receivers;
  }

  /** Connected clients, in connection order. */
  clients(): readonly ConnectionInfo[] {
    return [...this.conns.values()];
  }

  /** Stops accepting, closes every connection, resolves when the listener is closed. */
  close(): Promise<void> {
    for (const conn of this.conns.values()) conn.socket.destroy();
    this.conns.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const conn = new Connection(this.nextId++, socket, this.options.requirePass !== undefined);
    this.conns.set(conn.id, conn);
    socket.on('data', (chunk: Buffer) => this.onData(conn, chunk));
    socket.on('error', () => socket.destroy()); // resets are normal; 'close' cleans up
    socket.on('close', () => this.conns.delete(conn.id));
  }

  private onData(conn: Connection, chunk: Buffer): void {
    if (conn.closing) return;
    conn.decoder.push(chunk);
    while (!conn.closing) {
      const d = conn.decoder.next();
      if (d === null) return;
      if (d.kind === 'error') return conn.closeAfter(err(`ERR ${d.message}`));
      conn.lastActiveAtMs = Date.now();
      this.execute(
        conn,
        d.argv.map((a) => a.toString('utf8')),
      );
    }
  }

  private execute(conn: Connection, argv: readonly string[]): void {
    const name = (argv[0] ?? '').toLowerCase();
    const builtin = BUILTINS.get(name);
    const dispatch = this.options.dispatch;
    const known = builtin !== undefined || (dispatch !== undefined && (this.knownNames?.has(name) ?? true));
    if (!known) return conn.write(unknownCommandReply(argv));
    if (!conn.authenticated && !NO_AUTH_COMMANDS.has(name)) {
      return conn.write(err('NOAUTH Authentication required.'));
    }
    if (conn.subscribed && conn.protocol === 2 && !SUBSCRIBED_ALLOWED.has(name)) {
      return conn.write(
        err(
          `ERR Can't execute '${name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET ` +
            'are allowed in this context',
        ),
      );
    }
    // CLIENT LIST shows container commands with their subcommand, as Redis does ("client|list").
    conn.lastCommand =
      name === 'client' || name === 'command' ? `${name}|${(argv[1] ?? '').toLowerCase()}` : name;
    try {
      if (builtin !== undefined) return builtin(conn, argv, this.facade);
      conn.write(dispatch?.(argv, conn) ?? unknownCommandReply(argv));
    } catch (e) {
      // A dispatcher bug must not take the server down; the client sees an error reply.
      conn.write(err(`ERR internal error: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
}
