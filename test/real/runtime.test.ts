// The runtime's edges without external binaries: reply mapping from ioredis values (engine-link.ts),
// redis-sentinel-style log lines, the listen address, and hostile input on the RESP port that must not
// crash the runtime (it answers, counts nothing as a fault, and keeps serving).
import { connect } from 'node:net';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Effect } from '../../src/engine/io.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSentinelConf } from '../../src/engine/conf.js';
import { toReply } from '../../src/real/engine-link.js';
import { ephemeralPort } from '../../src/real/ports.js';
import { listenHost, SentinelRuntime, type Clock } from '../../src/real/runtime.js';
import { formatLogLine, logEnabled } from '../../src/real/sentinel-log.js';

describe('reply mapping from ioredis values', () => {
  it('a string is a status for PING, parsed INFO for INFO, a bulk otherwise', () => {
    expect(toReply('PONG', 'ping', 0)).toEqual({ kind: 'status', text: 'PONG' });
    expect(toReply('hi', 'ping', 1)).toEqual({ kind: 'bulk', value: 'hi' });
    const info = toReply(
      '# Replication\r\nrole:slave\r\nmaster_host:10.0.0.1\r\nmaster_port:6380\r\n',
      'info',
      0,
    );
    expect(info.kind).toBe('info');
    if (info.kind === 'info') {
      expect([info.info.role, info.info.masterHost, info.info.masterPort]).toEqual([
        'slave',
        '10.0.0.1',
        6380,
      ]);
    }
    expect(toReply('OK', 'multi', 0)).toEqual({ kind: 'bulk', value: 'OK' });
  });

  it('arrays, integers, nulls and errors inside EXEC results keep their kinds', () => {
    const reply = toReply(['OK', 3, null, new Error('ERR nope'), ['a']], 'exec', 0);
    expect(reply).toEqual({
      kind: 'array',
      items: [
        { kind: 'bulk', value: 'OK' },
        { kind: 'int', value: 3 },
        { kind: 'null' },
        { kind: 'error', text: 'ERR nope' },
        { kind: 'array', items: [{ kind: 'bulk', value: 'a' }] },
      ],
    });
  });
});

describe('log lines and listen address', () => {
  it('formats like redis-sentinel: pid:X date mark text', () => {
    const wallMs = Date.UTC(2026, 10, 26, 2, 3, 4, 56);
    const line = formatLogLine('warning', '+sdown master m 127.0.0.1 6379', wallMs, 42);
    expect(line).toBe('42:X 26 Nov 2026 02:03:04.056 # +sdown master m 127.0.0.1 6379');
    expect(logEnabled('verbose', 'notice')).toBe(false);
    expect(logEnabled('warning', 'notice')).toBe(true);
  });

  it('binds the first `bind` address (optional "-" dropped), 127.0.0.1 without one', () => {
    expect(listenHost(parseSentinelConf('port 26379\n'))).toBe('127.0.0.1');
    expect(listenHost(parseSentinelConf('bind -127.0.0.2 ::1\nport 26379\n'))).toBe('127.0.0.2');
  });
});

describe('runtime under hostile input', () => {
  let rt: SentinelRuntime;
  let now = 1_000_000;
  const clock: Clock = { nowMs: () => now };
  let confPath: string;
  const effects: Effect[] = [];

  beforeAll(async () => {
    const port = await ephemeralPort();
    confPath = join(mkdtempSync(join(tmpdir(), 'sentinel-lab-rt-')), 'sentinel.conf');
    const text = `port ${port}\nrequirepass s3cret\nsentinel monitor m 127.0.0.1 1 2\n`;
    rt = await SentinelRuntime.start({
      confText: text,
      confPath,
      clock,
      random: () => 0.5,
      onEffect: (e) => effects.push(e),
    });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('the generated myid is persisted at start (§14.3), atomically into the config file', () => {
    expect(readFileSync(confPath, 'utf8')).toContain(`sentinel myid ${rt.sentinel.myid}`);
  });

  it('requires AUTH (requirepass) and survives garbage, bad hellos and protocol errors', async () => {
    const c = new Redis({ port: rt.address.port, password: 's3cret', protocol: 2 });
    c.on('error', () => {});
    const noauth = new Redis({
      port: rt.address.port,
      lazyConnect: true,
      protocol: 2,
      enableReadyCheck: false,
    });
    noauth.on('error', () => {});
    await noauth.connect();
    await expect(noauth.call('SENTINEL', 'masters')).rejects.toThrow(/NOAUTH/);
    noauth.disconnect();
    await c.call('PUBLISH', '__sentinel__:hello', 'not,a,hello');
    await c.call('PUBLISH', '__sentinel__:hello', '1.2.3.4,99999,xx,yy,m,zz,-1,q');
    await expect(c.call('SENTINEL', 'is-master-down-by-addr', 'a', 'b', 'c', 'd')).rejects.toThrow(
      /not an integer/,
    );
    await expect(c.call('SENTINEL', 'set', 'm', 'quorum', 'banana')).rejects.toThrow();
    await new Promise<void>((resolve) => {
      const s = connect({ port: rt.address.port, host: '127.0.0.1' }, () => s.write('*1\r\n$-7\r\n'));
      s.on('data', () => s.destroy());
      s.on('close', () => resolve());
    });
    now += 100;
    expect(await c.call('SENTINEL', 'get-master-addr-by-name', 'm')).toEqual(['127.0.0.1', '1']);
    expect([...rt.faults]).toEqual([]);
    c.disconnect();
  });

  it('a jump of the injected clock enters TILT (§11): the engine sees only the runtime clock', async () => {
    now += 10_000;
    await expect
      .poll(() => effects.some((e) => e.kind === 'event' && e.type === '+tilt'), { timeout: 2000 })
      .toBe(true);
    expect(rt.sentinel.tilt).toBe(true);
  });
});

describe('notification scripts', () => {
  it('a WARNING event of the master runs its notification script with type and message (§13.3)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sentinel-lab-rt-'));
    const script = join(dir, 'notify.sh');
    const out = join(dir, 'calls.txt');
    writeFileSync(script, `#!/bin/sh\necho "$@" >> '${out}'\n`);
    chmodSync(script, 0o755);
    const port = await ephemeralPort();
    const text = [
      `port ${port}`,
      'sentinel monitor m 127.0.0.1 1 2',
      'sentinel down-after-milliseconds m 200',
      `sentinel notification-script m ${script}`,
      '',
    ].join('\n');
    const effects: Effect[] = [];
    const rt = await SentinelRuntime.start({
      confText: text,
      confPath: null,
      onEffect: (e) => effects.push(e),
    });
    try {
      const read = (): string => {
        try {
          return readFileSync(out, 'utf8');
        } catch {
          return '';
        }
      };
      await expect.poll(read, { timeout: 5000 }).toContain('+sdown master m 127.0.0.1 1');
      expect(effects.some((e) => e.kind === 'script' && e.path === script)).toBe(true);
      expect([...rt.faults]).toEqual([]);
    } finally {
      await rt.stop();
    }
  });
});
