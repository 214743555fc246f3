// Why ioredis 6.0.0 sometimes stops for good after +switch-master ("Connection is closed.", status
// 'end'), reproduced deterministically with a scripted master and sentinel (no real Redis needed).
//
// With `failoverDetector: true`, the detector of the previous connection stays subscribed to
// +switch-master. When the master dies, the client reconnects: SentinelConnector.connect() sets
// `connecting = true` and asks a sentinel for the master. If +switch-master arrives while that question
// is in flight, the detector calls `connector.disconnect()`, which sets `connecting = false`; the
// connect loop then throws "Connection is closed.", and Redis#_connect turns any connector error into
// status 'end' without consulting retryStrategy (Redis.js, ioredis 6.0.0). A crash of the master makes
// this likely: the client is re-resolving in a loop exactly when the switch is announced.
// The harness's clients therefore follow switches with their own watcher (FollowingClient) instead of
// ioredis' detector; the third test shows it survives the same sequence. If the first test starts
// failing after an ioredis upgrade, the race is fixed upstream.
import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { FollowingClient } from '../../src/real/harness/following-client.js';

/** Minimal RESP2 request parser: arrays of bulk strings, enough for what ioredis sends. */
function parseRequests(buf: Buffer): { argvs: string[][]; rest: Buffer } {
  const argvs: string[][] = [];
  let pos = 0;
  for (;;) {
    const start = pos;
    const line = (): string | null => {
      const end = buf.indexOf('\r\n', pos);
      if (end < 0) return null;
      const text = buf.toString('utf8', pos, end);
      pos = end + 2;
      return text;
    };
    const head = line();
    if (head === null || !head.startsWith('*')) return { argvs, rest: buf.subarray(start) };
    const argv: string[] = [];
    for (let i = 0; i < Number(head.slice(1)); i++) {
      const len = line();
      if (len === null || pos + Number(len.slice(1)) + 2 > buf.length)
        return { argvs, rest: buf.subarray(start) };
      argv.push(buf.toString('utf8', pos, pos + Number(len.slice(1))));
      pos += Number(len.slice(1)) + 2;
    }
    argvs.push(argv);
  }
}

const bulk = (s: string): string => `$${Buffer.byteLength(s)}\r\n${s}\r\n`;
const array = (items: string[]): string => `*${items.length}\r\n${items.map(bulk).join('')}`;

/** A scripted server: `reply(argv, socket)` answers (or not) each request. */
class Scripted {
  readonly sockets = new Set<Socket>();
  private readonly server: Server;

  constructor(reply: (argv: string[], socket: Socket) => void) {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      let buf: Buffer = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        const parsed = parseRequests(Buffer.concat([buf, chunk]));
        buf = parsed.rest;
        for (const argv of parsed.argvs) reply(argv, socket);
      });
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return (this.server.address() as { port: number }).port;
  }

  dropAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

describe('ioredis 6.0.0 failoverDetector race (why the harness replaces ended clients)', () => {
  const servers: Scripted[] = [];
  const clients: Redis[] = [];
  const following: FollowingClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    for (const f of following.splice(0)) f.close();
    for (const s of servers.splice(0)) await s.close();
  });

  /** Master up, client ready; then the master drops every connection and answers come 400 ms late. */
  async function brokenMaster(
    announceSwitch: boolean,
    follow = false,
  ): Promise<{ client: Redis; newMaster: Scripted }> {
    const masterServer = () =>
      new Scripted((argv, s) => {
        const cmd = argv[0]!.toLowerCase();
        s.write(
          cmd === 'info'
            ? bulk('# Replication\r\nrole:master\r\n')
            : cmd === 'ping'
              ? '+PONG\r\n'
              : '+OK\r\n',
        );
      });
    const master = masterServer();
    const newMaster = masterServer();
    servers.push(newMaster);
    let masterPort = await master.listen();
    const newPort = await newMaster.listen();
    let resolveDelayMs = 0;
    const subscribers = new Set<Socket>();
    const sentinel = new Scripted((argv, s) => {
      const cmd = argv.map((a) => a.toLowerCase());
      if (cmd[0] === 'sentinel' && cmd[1] === 'get-master-addr-by-name') {
        setTimeout(() => s.write(array(['127.0.0.1', String(masterPort)])), resolveDelayMs);
      } else if (cmd[0] === 'subscribe') {
        subscribers.add(s);
        s.write(`*3\r\n${bulk('subscribe')}${bulk(argv[1]!)}:1\r\n`);
      } else s.write('+OK\r\n');
    });
    servers.push(master, sentinel);
    const sentinelPort = await sentinel.listen();

    const sentinels = [{ host: '127.0.0.1', port: sentinelPort }];
    const strategies = { retryStrategy: () => 50, sentinelRetryStrategy: () => 50 };
    let client: Redis;
    if (follow) {
      const f = new FollowingClient({ sentinels, name: 'mymaster', timeoutMs: 500, extra: strategies });
      following.push(f);
      client = f.redis;
    } else {
      client = new Redis({ sentinels, name: 'mymaster', protocol: 2, failoverDetector: true, ...strategies });
      client.on('error', () => undefined);
      clients.push(client);
    }
    const deadline = Date.now() + 5000;
    while ((client.status !== 'ready' || subscribers.size === 0) && Date.now() < deadline) await sleep(20);
    await sleep(50);
    expect([client.status, subscribers.size]).toEqual(['ready', 1]);

    // The master goes away; the client reconnects through the sentinel, whose answer now takes 400 ms.
    resolveDelayMs = 400;
    master.dropAll();
    await sleep(200);
    expect(client.status).toBe('connecting');
    // +switch-master is published while the client is still waiting for the sentinel's answer.
    if (announceSwitch) {
      const payload = `mymaster 127.0.0.1 ${masterPort} 127.0.0.1 ${newPort}`;
      masterPort = newPort;
      for (const s of subscribers) s.write(array(['message', '+switch-master', payload]));
    }
    await sleep(1000);
    return { client, newMaster };
  }

  it('a +switch-master arriving while the client re-resolves the master ends the client for good', async () => {
    const { client } = await brokenMaster(true);

    // Both retry strategies always retry, yet the client has ended and rejects every command.
    expect(client.status).toBe('end');
    await expect(client.ping()).rejects.toThrow('Connection is closed.');
  });

  it('without that +switch-master the same client reconnects by itself (the control case)', async () => {
    const { client } = await brokenMaster(false);
    expect(client.status).toBe('ready');
    expect(await client.ping()).toBe('PONG');
  });

  it("the harness's FollowingClient (no failoverDetector) survives the same sequence on the new master", async () => {
    const { client, newMaster } = await brokenMaster(true, true);
    expect(client.status).toBe('ready');
    expect(await client.ping()).toBe('PONG');
    expect(newMaster.sockets.size).toBe(1);
  });
});
