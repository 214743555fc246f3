// parseInfo on the INFO output of real redis-server processes: a master with a replica, and a replica
// whose master never answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInfo } from '../../src/real/info.js';
import {
  binaryVersion,
  freePort,
  redisCli,
  startProcess,
  stopAll,
  tempDir,
  waitFor,
} from '../support/local-redis.js';

const version = binaryVersion('redis-server');
if (version === null) console.warn('info.real.test.ts skipped: redis-server is not installed');

/** INFO exactly as the server sends it (redis-cli turns CRLF into LF, so restore it). */
const info = (port: number): string => redisCli(port, 'INFO').replace(/\r?\n/g, '\r\n');

describe.skipIf(version === null)('parseInfo on real redis-server INFO', () => {
  const dir = tempDir('sentinel-lab-info-');
  let masterPort = 0;
  let replicaPort = 0;
  let orphanPort = 0;
  let deadPort = 0;

  const server = (port: number, ...extra: string[]): void => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    startProcess('redis-server', [...args, '--dir', dir.path, ...extra], dir.path);
  };

  beforeAll(async () => {
    [masterPort, replicaPort, orphanPort, deadPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    server(masterPort, '--repl-diskless-sync-delay', '0');
    server(replicaPort, '--replicaof', '127.0.0.1', String(masterPort), '--replica-priority', '42');
    server(orphanPort, '--replicaof', '127.0.0.1', String(deadPort));
    await waitFor('the replica link to come up', () =>
      parseInfo(info(replicaPort)).masterLinkStatus === 'up' ? true : undefined,
    );
    await waitFor('the orphan to answer', () =>
      redisCli(orphanPort, 'PING').trim() === 'PONG' ? true : undefined,
    );
  }, 30_000);

  afterAll(async () => {
    await stopAll();
    dir.remove();
  });

  it('reads the master: its run id, role and the replica it lists', () => {
    const text = info(masterPort);
    const parsed = parseInfo(text);
    const runIdLine = /run_id:([0-9a-f]{40})/.exec(text);
    expect(parsed.runId).toBe(runIdLine?.[1]);
    expect(parsed.role).toBe('master');
    expect(parsed.slaves).toEqual([{ host: '127.0.0.1', port: replicaPort }]);
    expect(parsed.masterHost).toBeNull();
  });

  it('reads a connected replica: master address, link up, priority, offset, no link-down line', () => {
    const parsed = parseInfo(info(replicaPort));
    expect(parsed).toMatchObject({
      role: 'slave',
      masterHost: '127.0.0.1',
      masterPort,
      masterLinkStatus: 'up',
      masterLinkDownSinceSeconds: null,
      slavePriority: 42,
      replicaAnnounced: 1,
      slaves: [],
    });
    expect(parsed.slaveReplOffset).toBeGreaterThanOrEqual(0);
    expect(parsed.runId).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reads a replica that never reached its master: link down since -1', () => {
    expect(parseInfo(info(orphanPort))).toMatchObject({
      role: 'slave',
      masterPort: deadPort,
      masterLinkStatus: 'down',
      masterLinkDownSinceSeconds: -1,
    });
  });
});
