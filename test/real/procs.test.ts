// No orphans (registry.ts): every redis-server and toxiproxy-server a harness starts is gone after a
// normal end, an uncaught exception, process.exit without cleanup, SIGINT, SIGTERM, and SIGKILL of the
// harness (the watchdog's case). Each case runs a child harness (fixtures/harness-child.mjs).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Provisioner } from '../../src/real/procs.js';
import { startRedis } from '../../src/real/redis.js';
import { liveGroups } from '../../src/real/registry.js';
import { buildRealForChild, ROOT } from './build-for-child.js';
import {
  eventually,
  pidRunning,
  pidsWithCmdline,
  portAccepts,
  requireBinaries,
  skipReal,
} from './support.js';

interface ChildReport {
  readonly tmpDir: string;
  readonly pids: readonly number[];
  readonly ports: readonly number[];
  readonly watchdog: number | null;
}

type Ending = 'normal' | 'throw' | 'exit' | 'SIGINT' | 'SIGTERM' | 'SIGKILL';

let dist = '';

async function runChild(
  ending: Ending,
): Promise<{ report: ChildReport; code: number | null; signal: string | null }> {
  const mode = ending.startsWith('SIG') ? 'wait' : ending;
  const child = spawn(process.execPath, [join(ROOT, 'test/real/fixtures/harness-child.mjs'), mode, dist], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const report = await new Promise<ChildReport>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve(JSON.parse(line) as ChildReport);
    });
    child.once('exit', () => reject(new Error(`child exited before reporting: ${err}`)));
  });
  if (ending.startsWith('SIG')) child.kill(ending as NodeJS.Signals);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.once('exit', (c, s) => resolve([c, s])),
  );
  return { report, code, signal };
}

async function nothingLeft(report: ChildReport): Promise<boolean> {
  const procsGone =
    report.pids.every((pid) => !pidRunning(pid)) && pidsWithCmdline(report.tmpDir).length === 0;
  const portsClosed = (await Promise.all(report.ports.map(portAccepts))).every((open) => !open);
  return procsGone && portsClosed;
}

describe.skipIf(skipReal)('no orphans after the harness ends', () => {
  beforeAll(() => {
    requireBinaries(['redis-server', 'toxiproxy-server']);
    dist = buildRealForChild();
  });
  afterAll(() => {
    // Only ever remove the build folder this file created: `dist` stays '' when beforeAll failed, and
    // a relative '../..' would then name a directory outside the project.
    if (dist !== '' && isAbsolute(dist) && dist.includes(join('.tools', 'test-build'))) {
      rmSync(join(dist, '..', '..'), { recursive: true, force: true });
    }
  });

  const endings: readonly Ending[] = ['normal', 'throw', 'exit', 'SIGINT', 'SIGTERM', 'SIGKILL'];
  for (const ending of endings) {
    it(`no redis-server or toxiproxy-server survives a harness that ends by ${ending}`, async () => {
      const { report, code, signal } = await runChild(ending);
      expect(report.pids).toHaveLength(2);
      expect(report.pids.every((pid) => pid > 0)).toBe(true);
      if (ending === 'normal') expect(code).toBe(0);
      if (ending === 'throw') expect(code).toBe(1);
      if (ending === 'exit') expect(code).toBe(3);
      if (ending.startsWith('SIG')) expect(signal).toBe(ending);
      // The watchdog needs a moment after a SIGKILL: its read sees EOF, then it kills the groups.
      expect(await eventually(() => nothingLeft(report), 5000)).toBe(true);
      rmSync(report.tmpDir, { recursive: true, force: true });
    });
  }
});

describe.skipIf(skipReal)('Provisioner in-process', () => {
  beforeAll(() => requireBinaries(['redis-server']));

  it('close() after a failing test body still stops every process and unregisters its group', async () => {
    const prov = new Provisioner();
    let pid = 0;
    try {
      await expect(
        (async () => {
          const r = await startRedis(prov, { name: 'redis-1' });
          pid = r.proc.pid ?? 0;
          throw new Error('test body fails');
        })(),
      ).rejects.toThrow('test body fails');
    } finally {
      await prov.close();
    }
    expect(pid).toBeGreaterThan(0);
    expect(pidRunning(pid)).toBe(false);
    expect(liveGroups()).not.toContain(pid);
  });

  it('pause() freezes redis (PING unanswered) and resume() thaws it; restart() brings it back', async () => {
    const prov = new Provisioner();
    try {
      const r = await startRedis(prov, { name: 'redis-1' });
      const { redisPing } = await import('../../src/real/readiness.js');
      r.proc.pause();
      expect(r.proc.state).toBe('paused');
      expect(await redisPing('127.0.0.1', r.address.port, undefined, 300)).toBe(false);
      r.proc.resume();
      expect(await redisPing('127.0.0.1', r.address.port, undefined, 1000)).toBe(true);
      const before = r.proc.pid;
      await r.proc.restart(true);
      expect(r.proc.pid).not.toBe(before);
      expect(await redisPing('127.0.0.1', r.address.port, undefined, 1000)).toBe(true);
      expect(r.proc.logText()).toContain('Ready to accept connections');
    } finally {
      await prov.close();
    }
  });

  it('a process that exits during start fails with E_PROCESS_START and its log', async () => {
    const prov = new Provisioner();
    try {
      await expect(
        prov.start({
          name: 'bad-redis',
          command: '/bin/sh',
          args: ['-c', 'echo boom-on-start; exit 7'],
          ready: { kind: 'redis-ping', host: '127.0.0.1', port: 1 },
        }),
      ).rejects.toMatchObject({ code: 'E_PROCESS_START', message: expect.stringContaining('boom-on-start') });
    } finally {
      await prov.close();
    }
  });
});
