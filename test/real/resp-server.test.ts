// The RESP server (resp-server.ts) against real clients — ioredis 6 (RESP3 and RESP2) and redis-cli
// (plain and -3) — and byte-for-byte against redis-server 7.0 on the commands both implement.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/io.js';
import { findBinary } from '../../src/real/binaries.js';
import { Provisioner } from '../../src/real/procs.js';
import { startRedis, type RedisServer } from '../../src/real/redis.js';
import { RespServer, type Dispatcher } from '../../src/real/resp-server.js';
import { RawClient } from './raw-client.js';
import { requireBinaries, skipReal } from './support.js';

const run = promisify(execFile);

/** A stand-in for the engine: ECHO, a SENTINEL subset pointing at `master`, and a command that throws. */
function dummyDispatcher(master: () => { host: string; port: number }): Dispatcher {
  return (argv) => {
    const name = argv[0]?.toLowerCase();
    const sub = argv[1]?.toLowerCase();
    if (name === 'echo' && argv.length === 2) return { kind: 'bulk', value: argv[1] as string };
    if (name === 'boom') throw new Error('dispatcher failed');
    if (name === 'sentinel' && sub === 'get-master-addr-by-name') {
      if (argv[2] !== 'mymaster') return { kind: 'null', array: true };
      const m = master();
      return {
        kind: 'array',
        items: [
          { kind: 'bulk', value: m.host },
          { kind: 'bulk', value: String(m.port) },
        ],
      };
    }
    if (name === 'sentinel' && sub === 'sentinels') return { kind: 'array', items: [] };
    return null;
  };
}

describe.skipIf(skipReal)('RESP server interop', () => {
  let prov: Provisioner;
  let redis: RedisServer;
  let server: RespServer;
  let secured: RespServer;
  const closers: (() => void)[] = [];

  beforeAll(async () => {
    requireBinaries(['redis-server', 'redis-cli']);
    prov = new Provisioner();
    redis = await startRedis(prov, { name: 'redis-1' });
    server = new RespServer({ dispatch: dummyDispatcher(() => redis.address) });
    secured = new RespServer({ requirePass: 'sekret', dispatch: dummyDispatcher(() => redis.address) });
    await server.listen();
    await secured.listen();
  });
  afterEach(() => {
    for (const c of closers.splice(0)) c();
  });
  afterAll(async () => {
    await server?.close();
    await secured?.close();
    await prov?.close();
  });

  const ioredis = (protocol: 2 | 3, extra: Record<string, unknown> = {}): Redis => {
    // No ready check: it sends INFO, which only the engine (not this dummy dispatcher) will answer.
    const r = new Redis({
      port: server.address.port,
      host: '127.0.0.1',
      protocol,
      lazyConnect: true,
      enableReadyCheck: false,
      ...extra,
    });
    closers.push(() => r.disconnect());
    return r;
  };

  for (const protocol of [3, 2] as const) {
    it(`ioredis protocol ${protocol}: handshake, PING, dispatcher command, errors as rejections`, async () => {
      const r = ioredis(protocol);
      await r.connect();
      expect(await r.ping()).toBe('PONG');
      expect(await r.call('echo', 'héllo')).toBe('héllo');
      await expect(r.call('nosuch', 'a')).rejects.toThrow(
        "ERR unknown command 'nosuch', with args beginning with: 'a' ",
      );
      await expect(r.call('boom')).rejects.toThrow('ERR internal error: dispatcher failed');
      const me = server.clients().find((c) => c.libName === 'ioredis');
      expect(me?.protocol).toBe(protocol);
    });

    it(`ioredis protocol ${protocol}: SUBSCRIBE and PSUBSCRIBE receive publish() as message/pmessage`, async () => {
      const r = ioredis(protocol);
      await r.connect();
      const got: string[] = [];
      r.on('message', (ch: string, msg: string) => got.push(`message ${ch} ${msg}`));
      r.on('pmessage', (p: string, ch: string, msg: string) => got.push(`pmessage ${p} ${ch} ${msg}`));
      await r.subscribe('+switch-master');
      await r.psubscribe('+s*');
      expect(server.publish('+switch-master', 'mymaster 127.0.0.1 1 127.0.0.1 2')).toBe(2);
      expect(server.publish('-other', 'x')).toBe(0);
      await expect.poll(() => got.length).toBe(2);
      expect(got.sort()).toEqual([
        'message +switch-master mymaster 127.0.0.1 1 127.0.0.1 2',
        'pmessage +s* +switch-master mymaster 127.0.0.1 1 127.0.0.1 2',
      ]);
      // Under RESP2 a subscribed PING answers in the message-array shape, as redis-server does.
      expect(await r.ping()).toEqual(protocol === 3 ? 'PONG' : ['pong', '']);
    });
  }

  it('CLIENT LIST shows each connection with name, protocol and the library ioredis announced', async () => {
    const r = ioredis(3, { connectionName: 'app-1' });
    await r.connect();
    await r.ping();
    const c = await RawClient.open(server.address.port);
    closers.push(() => c.close());
    c.send('CLIENT', 'LIST');
    expect(await c.waitFor('cmd=client|list', 1000)).toBe(true);
    expect(c.received).toMatch(/^\$\d+\r\n/);
    expect(c.received).toMatch(/name=app-1 .*resp=3 lib-name=ioredis lib-ver=\S+/);
    c.take();
    c.send('CLIENT', 'INFO');
    expect(await c.waitFor('cmd=client|info', 1000)).toBe(true);
    expect(c.received).toContain('resp=2');
    c.take();
    c.sendRaw('HELLO 3\r\nCOMMAND DOCS\r\nCOMMAND COUNT\r\nCOMMAND NOPE\r\n');
    expect(await c.waitFor('Try COMMAND HELP', 1000)).toBe(true);
    expect(c.received).toContain("*0\r\n%0\r\n:10\r\n-ERR unknown subcommand 'NOPE'. Try COMMAND HELP.\r\n");
  });

  it('ioredis in Sentinel mode resolves the master through the server and reaches the real redis-server', async () => {
    const r = new Redis({
      sentinels: [{ host: '127.0.0.1', port: server.address.port }],
      name: 'mymaster',
      lazyConnect: true,
    });
    closers.push(() => r.disconnect());
    await r.connect();
    await r.set('through-sentinel', '1');
    expect(await r.get('through-sentinel')).toBe('1');
    const direct = new Redis({ port: redis.address.port, lazyConnect: true });
    closers.push(() => direct.disconnect());
    await direct.connect();
    expect(await direct.get('through-sentinel')).toBe('1');
  });

  it('ioredis with a password authenticates (HELLO 3 AUTH); a wrong password is refused with WRONGPASS', async () => {
    const opts = {
      port: secured.address.port,
      lazyConnect: true,
      enableReadyCheck: false,
      retryStrategy: () => null,
    };
    const good = new Redis({ ...opts, password: 'sekret' });
    closers.push(() => good.disconnect());
    await good.connect();
    expect(await good.ping()).toBe('PONG');
    const bad = new Redis({ ...opts, password: 'nope' });
    closers.push(() => bad.disconnect());
    const errors: string[] = [];
    bad.on('error', (e: Error) => errors.push(e.message));
    await expect(bad.connect()).rejects.toThrow();
    expect(errors.join('\n')).toMatch(/WRONGPASS invalid username-password pair/);
  });

  it('redis-cli and redis-cli -3 talk to the server (PING, HELLO map, unknown command text, AUTH)', async () => {
    const cli = findBinary('redis-cli');
    const port = String(server.address.port);
    expect((await run(cli, ['-p', port, 'PING'])).stdout).toBe('PONG\n');
    const hello3 = (await run(cli, ['-3', '-p', port, 'HELLO'])).stdout;
    // Not a TTY, so redis-cli prints the map raw: one "key value" per line.
    expect(hello3).toContain('proto 3\n');
    expect(hello3).toContain('mode sentinel\nrole sentinel\n');
    expect((await run(cli, ['-p', port, 'FOO', 'a'])).stdout).toContain(
      "ERR unknown command 'FOO', with args beginning with: 'a'",
    );
    const sport = String(secured.address.port);
    expect((await run(cli, ['-p', sport, 'PING'])).stdout).toContain('NOAUTH Authentication required.');
    expect((await run(cli, ['-p', sport, '-a', 'sekret', '--no-auth-warning', 'PING'])).stdout).toBe(
      'PONG\n',
    );
    expect(
      (await run(cli, ['-3', '-p', sport, '-a', 'sekret', '--no-auth-warning', 'ECHO', 'x'])).stdout,
    ).toBe('x\n');
  });

  it('redis-cli SUBSCRIBE receives a message published by the server', async () => {
    const cli = spawn(findBinary('redis-cli'), ['-p', String(server.address.port), 'SUBSCRIBE', 'events'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    closers.push(() => cli.kill('SIGKILL'));
    let out = '';
    cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await expect.poll(() => out).toContain('subscribe');
    await expect.poll(() => server.publish('events', 'hello-cli')).toBe(1);
    await expect.poll(() => out).toContain('hello-cli');
  });

  it('malformed and oversized frames get a protocol error reply and the connection is closed', async () => {
    for (const frame of ['*x\r\n', '*1\r\n$600000000\r\n', '*1\r\nx3\r\n', 'ping "a\r\n']) {
      const c = await RawClient.open(server.address.port);
      closers.push(() => c.close());
      c.sendRaw(frame);
      expect(await c.waitClosed(1000)).toBe(true);
      expect(c.received).toMatch(/^-ERR Protocol error: .*\r\n$/);
    }
  });

  it('CLIENT KILL TYPE pubsub closes subscribers only and answers their count', async () => {
    const sub = await RawClient.open(server.address.port);
    const plain = await RawClient.open(server.address.port);
    closers.push(
      () => sub.close(),
      () => plain.close(),
    );
    sub.send('SUBSCRIBE', 'x');
    expect(await sub.waitFor('subscribe', 1000)).toBe(true);
    plain.send('CLIENT', 'KILL', 'TYPE', 'pubsub');
    expect(await plain.waitFor(':1\r\n', 1000)).toBe(true);
    expect(await sub.waitClosed(1000)).toBe(true);
    plain.send('PING');
    expect(await plain.waitFor('+PONG', 1000)).toBe(true);
  });
});

describe.skipIf(skipReal)('RESP server replies byte-for-byte like redis-server 7.0', () => {
  let prov: Provisioner;
  const pairs: { label: string; ours: RespServer; redis: RedisServer }[] = [];

  beforeAll(async () => {
    requireBinaries(['redis-server']);
    prov = new Provisioner();
    for (const pass of [undefined, 'sekret']) {
      const redis = await startRedis(prov, {
        name: `ref-${pass ?? 'open'}`,
        ...(pass ? { requirePass: pass } : {}),
      });
      // commandNames tells the server what its dispatcher serves (ECHO only), so unknown commands are
      // rejected before the authentication check, in Redis's order.
      const ours = new RespServer({
        dispatch: (argv) => (argv.length === 2 ? { kind: 'bulk', value: argv[1] as string } : null),
        commandNames: ['echo'],
        ...(pass ? { requirePass: pass } : {}),
      });
      await ours.listen();
      pairs.push({ label: pass ? 'requirepass' : 'open', ours, redis });
    }
  });
  afterAll(async () => {
    for (const p of pairs) await p.ours.close();
    await prov?.close();
  });

  /** Everything the server sends for `script`; a trailing QUIT makes both servers close when done. */
  async function transcript(port: number, script: string): Promise<string> {
    const c = await RawClient.open(port);
    c.sendRaw(script + 'QUIT\r\n');
    const closed = await c.waitClosed(5000);
    c.close();
    if (!closed)
      throw new Error(`server on ${port} did not close after QUIT; got ${JSON.stringify(c.received)}`);
    return c.received;
  }

  const OPEN_SCRIPTS = [
    'PING\r\nPING hi\r\nping a b\r\nfoo a b\r\nFOO\r\nECHO "h\xc3\xa9"\r\n',
    // UNSUBSCRIBE without arguments walks Redis's hash table, whose order is not insertion order, so
    // channels are unsubscribed by name before the argument-less forms are compared.
    'SUBSCRIBE a b\r\necho x\r\nPING\r\nPING hi\r\nPSUBSCRIBE p*\r\nUNSUBSCRIBE b a\r\nUNSUBSCRIBE\r\nPUNSUBSCRIBE\r\nPUNSUBSCRIBE\r\nPING\r\n',
    'HELLO 3\r\nSUBSCRIBE a\r\nPING\r\nUNSUBSCRIBE a\r\nUNSUBSCRIBE\r\n',
    'CLIENT SETNAME a b\r\nCLIENT SETNAME ok\r\nCLIENT GETNAME\r\nCLIENT SETNAME\r\nCLIENT foo\r\nCLIENT KILL 1.2.3.4:5\r\n',
    'CLIENT KILL ID x\r\nCLIENT KILL TYPE foo\r\nCLIENT KILL ID 999999\r\n',
    'HELLO 4\r\nHELLO x\r\nHELLO 2 FOO\r\nHELLO 2 AUTH default\r\nAUTH x\r\nAUTH default x\r\nAUTH bob x\r\nAUTH a b c\r\n',
    '*1\r\n$4\r\nPINGxxPING\r\n*0\r\n\r\n',
    'PING\r\n*x\r\nPING\r\n',
    '*1\r\n$-1\r\n',
    '*2\r\n$4\r\nECHO\r\n',
    'QUIT\r\nPING\r\n',
  ];
  const AUTH_SCRIPTS = [
    'PING\r\nCLIENT ID\r\nHELLO 3\r\nAUTH x\r\nAUTH default bad\r\nAUTH sekret\r\nPING\r\n',
    'HELLO 2 AUTH default bad\r\nPING\r\nHELLO 2 AUTH default sekret SETNAME n1\r\nCLIENT GETNAME\r\n',
    '*11\r\n',
    'foo\r\n',
  ];

  // HELLO's map differs on purpose (mode/role "sentinel", the client id), so scripts that print it are
  // compared only where no successful HELLO reply appears.
  it.each(OPEN_SCRIPTS)('open server, script %j', async (script) => {
    const p = pairs.find((x) => x.label === 'open');
    if (p === undefined) throw new Error('setup failed');
    const theirs = await transcript(p.redis.address.port, script);
    const ours = await transcript(p.ours.address.port, script);
    expect(ours).toBe(hideHelloMap(theirs, ours));
  });

  it.each(AUTH_SCRIPTS)('requirepass server, script %j', async (script) => {
    const p = pairs.find((x) => x.label === 'requirepass');
    if (p === undefined) throw new Error('setup failed');
    const theirs = await transcript(p.redis.address.port, script);
    const ours = await transcript(p.ours.address.port, script);
    expect(ours).toBe(hideHelloMap(theirs, ours));
  });
});

/** Replaces redis-server's successful HELLO map in `theirs` with ours (they differ by design). */
function hideHelloMap(theirs: string, ours: string): string {
  const re = /([%*])(7|14)\r\n\$6\r\nserver\r\n[\s\S]*?\$7\r\nmodules\r\n\*0\r\n/;
  const mine = re.exec(ours);
  return mine ? theirs.replace(re, () => mine[0]) : theirs;
}

export type { Reply };
