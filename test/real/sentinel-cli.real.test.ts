// `sentinel-lab sentinel <sentinel.conf>` as a process: it refuses bad configs with one line and exit
// 2, serves the Sentinel protocol, stops cleanly on SIGTERM, and its config rewrites are atomic: a
// SIGKILL while it rewrites the file in a loop leaves either the old or the new complete config.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSentinelConf } from '../../src/engine/conf.js';
import { Provisioner } from '../../src/real/procs.js';
import { sentinelChildEntry } from './sentinel-child.js';
import { requireBinaries, skipReal } from './support.js';

const run = promisify(execFile);

async function runCli(conf: string): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [sentinelChildEntry(), conf], { timeout: 20_000 });
    return { code: 0, stderr: '' };
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    return { code: err.code ?? -1, stderr: err.stderr ?? '' };
  }
}

const PADDING_LINES = 3000;

describe.skipIf(skipReal)('sentinel-lab sentinel', () => {
  let prov: Provisioner;

  beforeAll(() => {
    requireBinaries(['redis-server']);
    prov = new Provisioner({ label: 'sentinel-lab-cli-' });
  });
  afterAll(async () => {
    await prov?.close();
  });

  it('a malformed config is refused with `<file>:<line>: …` and exit 2', async () => {
    const conf = join(prov.dirFor('bad'), 'sentinel.conf');
    writeFileSync(conf, 'port 26999\nsentinel monitor m 127.0.0.1 6379 2\nsentinel bogus-directive m 1\n');
    const r = await runCli(conf);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^sentinel-lab: ${conf.replace(/[.]/g, '\\.')}:3: `));
  });

  it('a missing config file is refused with exit 2', async () => {
    const r = await runCli(join(prov.tmpDir, 'nope', 'sentinel.conf'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sentinel-lab: cannot read /);
  });

  it('SIGKILL during a loop of config rewrites leaves the old or the new complete file', async () => {
    const port = await prov.ports.allocate();
    prov.ports.release(port);
    const dir = prov.dirFor('persist');
    const conf = join(dir, 'sentinel.conf');
    // Comments are kept by the rewrite, so every rewrite writes a file of a few hundred KB.
    const padding = Array.from({ length: PADDING_LINES }, (_, i) => `# padding line ${i} ${'x'.repeat(80)}`);
    const original = [
      `port ${port}`,
      ...padding,
      'sentinel monitor m 127.0.0.1 6379 2',
      'sentinel down-after-milliseconds m 5000',
      '',
    ].join('\n');
    writeFileSync(conf, original);
    const sent = new Set<number>([5000]);
    for (let round = 0; round < 6; round++) {
      const proc = await prov.start({
        name: `persist-${round}`,
        command: process.execPath,
        args: [sentinelChildEntry(), conf],
        ready: { kind: 'redis-ping', host: '127.0.0.1', port },
      });
      const c = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      c.on('error', () => {});
      await c.connect();
      // Each SENTINEL SET rewrites the whole file (§14.2); pipeline many so the kill lands mid-write.
      let value = 6000 + round * 1000;
      const stop = Date.now() + 150 + round * 40;
      while (Date.now() < stop) {
        const batch = [];
        for (let i = 0; i < 20; i++) {
          sent.add(++value);
          batch.push(
            c.call('SENTINEL', 'SET', 'm', 'down-after-milliseconds', String(value)).catch(() => null),
          );
        }
        await Promise.race([Promise.all(batch), sleep(20)]);
      }
      await proc.kill();
      c.disconnect();
      const text = readFileSync(conf, 'utf8');
      const parsed = parseSentinelConf(text);
      expect(text.split('\n').filter((l) => l.startsWith('# padding line'))).toHaveLength(PADDING_LINES);
      expect(text.endsWith('\n')).toBe(true);
      expect(sent.has(parsed.masters[0]!.downAfterMs)).toBe(true);
      expect(parsed.myid).toMatch(/^[0-9a-f]{40}$/);
    }
    // A kill may leave a temp file behind (as with redis-sentinel); the config itself is never torn.
    expect(readdirSync(dir).filter((f) => !f.startsWith('.sentinel.conf.tmp-'))).toEqual(['sentinel.conf']);
  });

  it('serves SENTINEL commands and exits 0 on SIGTERM after rewriting its config', async () => {
    const port = await prov.ports.allocate();
    prov.ports.release(port);
    const conf = join(prov.dirFor('serve'), 'sentinel.conf');
    writeFileSync(conf, `port ${port}\n# kept comment\nsentinel monitor m 127.0.0.1 6379 2\n`);
    const proc = await prov.start({
      name: 'serve',
      command: process.execPath,
      args: [sentinelChildEntry(), conf],
      ready: { kind: 'redis-ping', host: '127.0.0.1', port },
    });
    const c = new Redis({ port, protocol: 3 });
    c.on('error', () => {});
    expect(await c.call('SENTINEL', 'get-master-addr-by-name', 'm')).toEqual(['127.0.0.1', '6379']);
    expect(await c.call('ROLE')).toEqual(['sentinel', ['m']]);
    c.disconnect();
    await proc.stop();
    expect(proc.exitStatus).toEqual({ code: 0, signal: null });
    const text = readFileSync(conf, 'utf8');
    expect(text).toContain('# kept comment');
    expect(text).toMatch(/^sentinel myid [0-9a-f]{40}$/m);
    expect(proc.logText()).toContain('received SIGTERM, shutting down');
  });
});
