// sentinel.conf against the real redis-sentinel: our parser reads what it writes, our rewrite of its file
// is exactly what it would write itself, and it loads what we write.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSentinelConf, rewriteSentinelConf } from '../../src/engine/conf.js';
import type { SentinelConf } from '../../src/engine/conf-types.js';
import {
  binaryVersion,
  freePort,
  redisCli,
  startProcess,
  stopAll,
  stopProcess,
  tempDir,
  waitFor,
} from '../support/local-redis.js';

const version = binaryVersion('redis-sentinel');
if (version === null) console.warn('conf.real.test.ts skipped: redis-sentinel is not installed');

const PEER_ID = 'c'.repeat(40);

/** Start redis-sentinel on `file`, run `work` against it, stop it. */
async function withSentinel(file: string, port: number, work: () => void): Promise<void> {
  const child = startProcess('redis-sentinel', [file], dirname(file));
  try {
    await waitFor('redis-sentinel to answer PING', () =>
      redisCli(port, 'PING').trim() === 'PONG' ? true : undefined,
    );
    work();
  } finally {
    await stopProcess(child);
  }
}

describe.skipIf(version === null)(`sentinel.conf written by real ${version ?? 'redis-sentinel'}`, () => {
  const dir = tempDir('sentinel-lab-conf-');
  const file = join(dir.path, 'sentinel.conf');
  let port = 0;
  let masterPort = 0;
  let written = '';

  beforeAll(async () => {
    port = await freePort();
    masterPort = await freePort(); // nothing listens there: the master is simply down
    writeFileSync(
      file,
      [
        '# hand-written part',
        `port ${port}`,
        'daemonize no',
        `logfile ""`,
        `sentinel monitor m 127.0.0.1 ${masterPort} 2`,
        'sentinel failover-timeout m 180000',
        'sentinel parallel-syncs m 0',
        '',
        '# more comments',
        `sentinel known-replica m 127.0.0.1 ${masterPort + 1}`,
        `sentinel known-sentinel m 127.0.0.1 ${port + 1} ${PEER_ID}`,
        'sentinel rename-command m CONFIG GUESSME',
        '',
      ].join('\n'),
    );
    await withSentinel(file, port, () => {
      redisCli(port, 'SENTINEL', 'SET', 'm', 'down-after-milliseconds', '1234');
      redisCli(port, 'SENTINEL', 'CONFIG', 'SET', 'announce-ip', '10.1.2.3');
      redisCli(port, 'SENTINEL', 'FLUSHCONFIG');
    });
    written = readFileSync(file, 'utf8');
  }, 30_000);

  afterAll(async () => {
    await stopAll();
    dir.remove();
  });

  it('parses the file redis-sentinel rewrote', () => {
    const conf = parseSentinelConf(written);
    expect(conf.port).toBe(port);
    expect(conf.myid).toMatch(/^[0-9a-f]{40}$/);
    expect(conf.announceIp).toBe('10.1.2.3');
    expect(conf.masters).toHaveLength(1);
    expect(conf.masters[0]).toMatchObject({
      name: 'm',
      port: masterPort,
      quorum: 2,
      downAfterMs: 1234,
      parallelSyncs: 0,
      knownReplicas: [{ host: '127.0.0.1', port: masterPort + 1 }],
      knownSentinels: [{ host: '127.0.0.1', port: port + 1, runId: PEER_ID }],
      renameCommands: [['CONFIG', 'GUESSME']],
    });
  });

  it('rewrites that file to exactly the text redis-sentinel itself wrote (no state change)', () => {
    expect(rewriteSentinelConf(written, parseSentinelConf(written))).toBe(written);
  });

  it('writes a file redis-sentinel loads into the same state and rewrites in place', async () => {
    const before = parseSentinelConf(written);
    const next: SentinelConf = {
      ...before,
      currentEpoch: 7,
      masters: before.masters.map((m) => ({
        ...m,
        configEpoch: 5,
        leaderEpoch: 6,
        parallelSyncs: 3,
        authPass: 'pw',
      })),
    };
    const ours = rewriteSentinelConf(written, next);
    writeFileSync(file, ours);
    let masterInfo = '';
    await withSentinel(file, port, () => {
      masterInfo = redisCli(port, 'SENTINEL', 'MASTER', 'm');
      redisCli(port, 'SENTINEL', 'FLUSHCONFIG');
    });
    const fields = masterInfo.trim().split('\n');
    const field = (name: string): string | undefined => fields[fields.indexOf(name) + 1];
    expect(field('config-epoch')).toBe('5');
    expect(field('parallel-syncs')).toBe('3');
    const theirs = readFileSync(file, 'utf8');
    // Redis re-renders its own ACL `user` line (a server option outside sentinel.conf's scope).
    const withoutUser = (t: string): string =>
      t
        .split('\n')
        .filter((l) => !l.startsWith('user '))
        .join('\n');
    // `ours` ends without the blank line any second rewrite adds at the end: compare with our own second pass.
    expect(withoutUser(theirs)).toBe(withoutUser(rewriteSentinelConf(ours, next)));
    expect(parseSentinelConf(theirs)).toEqual(next);
  }, 30_000);
});

/** The sample sentinel.conf the distribution installs, when this machine has a readable one. */
function systemSample(): string | null {
  try {
    return readFileSync('/etc/redis/sentinel.conf', 'utf8');
  } catch {
    return null;
  }
}

const sample = version === null ? null : systemSample();
if (version !== null && sample === null) {
  console.warn('conf.real.test.ts: /etc/redis/sentinel.conf is not readable; its test is skipped');
}

describe.skipIf(sample === null)('the distribution sample sentinel.conf', () => {
  const dir = tempDir('sentinel-lab-sample-');
  afterAll(async () => {
    await stopAll();
    dir.remove();
  });

  it('parses, and our rewrite matches redis-sentinel line for line on the lines we manage', async () => {
    const port = await freePort();
    const masterPort = await freePort();
    const file = join(dir.path, 'sentinel.conf');
    const modified = sample!
      .replace(/^port .*$/m, `port ${port}`)
      .replace(/^daemonize .*$/m, 'daemonize no')
      .replace(/^pidfile .*$/m, `pidfile ${join(dir.path, 'sentinel.pid')}`)
      .replace(/^logfile .*$/m, 'logfile ""')
      .replace(/^dir .*$/m, `dir ${dir.path}`)
      .replace(/^sentinel monitor mymaster \S+ \d+/m, `sentinel monitor mymaster 127.0.0.1 ${masterPort}`);
    expect(parseSentinelConf(modified).masters.map((m) => m.name)).toEqual(['mymaster']);
    writeFileSync(file, modified);
    await withSentinel(file, port, () => {
      redisCli(port, 'SENTINEL', 'FLUSHCONFIG');
    });
    const theirs = readFileSync(file, 'utf8');
    const conf = parseSentinelConf(theirs);
    const ours = rewriteSentinelConf(rewriteSentinelConf(modified, conf), conf);
    // Server options Redis renders itself (quoted paths, ACL user, latency percentiles) are not ours.
    const managed = (t: string): string =>
      t
        .split('\n')
        .filter(
          (l) => !/^(pidfile|dir|logfile|user|latency-tracking-info-percentiles|protected-mode) /.test(l),
        )
        .join('\n');
    expect(managed(ours)).toBe(managed(theirs));
  }, 30_000);
});

describe.skipIf(version === null || binaryVersion('redis-server') === null)(
  'sentinel.conf after a real failover',
  () => {
    const dir = tempDir('sentinel-lab-failover-');
    afterAll(async () => {
      await stopAll();
      dir.remove();
    });

    it('records the new master, the epochs and the old master as a replica; our rewrite is a fixed point', async () => {
      const [masterPort, replicaPort, port] = [await freePort(), await freePort(), await freePort()];
      const server = (p: number, ...extra: string[]) =>
        startProcess(
          'redis-server',
          ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--dir', dir.path, ...extra],
          dir.path,
        );
      const master = server(masterPort, '--repl-diskless-sync-delay', '0');
      server(replicaPort, '--replicaof', '127.0.0.1', String(masterPort));
      await waitFor('replication', () =>
        /master_link_status:up/.test(redisCli(replicaPort, 'INFO', 'replication')) ? true : undefined,
      );
      const file = join(dir.path, 'sentinel.conf');
      writeFileSync(
        file,
        [
          `port ${port}`,
          `sentinel monitor m 127.0.0.1 ${masterPort} 1`,
          'sentinel down-after-milliseconds m 1000',
          'sentinel failover-timeout m 10000',
          '',
        ].join('\n'),
      );
      const sentinel = startProcess('redis-sentinel', [file], dir.path);
      try {
        await waitFor('the sentinel to see the replica', () =>
          redisCli(port, 'SENTINEL', 'REPLICAS', 'm').includes(String(replicaPort)) ? true : undefined,
        );
        await stopProcess(master);
        await waitFor(
          'the failover',
          () =>
            redisCli(port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'm').includes(String(replicaPort))
              ? true
              : undefined,
          30_000,
        );
        redisCli(port, 'SENTINEL', 'FLUSHCONFIG');
      } finally {
        await stopProcess(sentinel);
      }
      const written = readFileSync(file, 'utf8');
      const conf = parseSentinelConf(written);
      const m = conf.masters[0]!;
      expect([m.host, m.port]).toEqual(['127.0.0.1', replicaPort]);
      expect(m.configEpoch).toBeGreaterThanOrEqual(1);
      expect(m.leaderEpoch).toBe(m.configEpoch);
      expect(conf.currentEpoch).toBe(m.configEpoch);
      expect(m.knownReplicas).toContainEqual({ host: '127.0.0.1', port: masterPort });
      const once = rewriteSentinelConf(written, conf);
      expect(rewriteSentinelConf(once, conf)).toBe(once);
      expect(parseSentinelConf(once)).toEqual(conf);
    }, 60_000);
  },
);
