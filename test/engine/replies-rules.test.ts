// §12.1: the instance maps of SENTINEL MASTER(S) / REPLICAS / SENTINELS: field names, order, values
// (numbers as bulk strings, times as "ms ago") and the fields that appear only in some states.
import { describe, expect, it } from 'vitest';
import { F, newReplica } from '../../src/engine/instance.js';
import type { Reply } from '../../src/engine/io.js';
import { flagsText, instanceMap } from '../../src/engine/replies.js';
import { mapFields, mapGet } from './harness.js';
import { addPeer, coreWithMaster } from './records.js';

const NOW_MS = 1_000_000;
const asIs = (h: string) => h;
const fields = (r: Reply) => mapFields(r);

describe('§12.1 instance maps', () => {
  it('a master map has the Redis 7 fields in order, numbers as strings', () => {
    const { m } = coreWithMaster();
    m.link.lastAvailTimeMs = NOW_MS - 300;
    m.link.lastPongTimeMs = NOW_MS - 200;
    m.link.actPingTimeMs = NOW_MS - 100;
    m.roleReported = 'master';
    m.roleReportedTimeMs = NOW_MS - 50;
    m.infoRefreshMs = NOW_MS - 40;
    m.configEpoch = 3;
    const r = instanceMap(m, NOW_MS, asIs);
    expect(fields(r)).toEqual([
      'name',
      'ip',
      'port',
      'runid',
      'flags',
      'link-pending-commands',
      'link-refcount',
      'last-ping-sent',
      'last-ok-ping-reply',
      'last-ping-reply',
      'down-after-milliseconds',
      'info-refresh',
      'role-reported',
      'role-reported-time',
      'config-epoch',
      'num-slaves',
      'num-other-sentinels',
      'quorum',
      'failover-timeout',
      'parallel-syncs',
    ]);
    const got = (k: string) => mapGet(r, k);
    expect([got('port'), got('runid'), got('flags')]).toEqual(['6379', '', 'master,disconnected']);
    expect([got('last-ping-sent'), got('last-ok-ping-reply'), got('last-ping-reply')]).toEqual([
      '100',
      '300',
      '200',
    ]);
    expect([got('info-refresh'), got('role-reported'), got('role-reported-time')]).toEqual([
      '40',
      'master',
      '50',
    ]);
    expect([got('config-epoch'), got('quorum'), got('down-after-milliseconds')]).toEqual(['3', '2', '5000']);
  });

  it('with no ping outstanding and no INFO yet, last-ping-sent and info-refresh are 0', () => {
    const { m } = coreWithMaster();
    m.link.actPingTimeMs = 0;
    m.infoRefreshMs = 0;
    const r = instanceMap(m, NOW_MS, asIs);
    expect([mapGet(r, 'last-ping-sent'), mapGet(r, 'info-refresh')]).toEqual(['0', '0']);
  });

  it('failover-state, s-down-time, o-down-time and the scripts appear only when they apply', () => {
    const { m } = coreWithMaster();
    m.flags |= F.S_DOWN | F.O_DOWN | F.FAILOVER_IN_PROGRESS;
    m.sDownSinceMs = NOW_MS - 7;
    m.oDownSinceMs = NOW_MS - 5;
    m.failoverState = 'select_slave';
    m.notificationScript = '/n.sh';
    m.clientReconfigScript = '/c.sh';
    const r = instanceMap(m, NOW_MS, asIs);
    const f = fields(r);
    expect(f.indexOf('failover-state')).toBe(f.indexOf('link-refcount') + 1);
    expect(f.slice(f.indexOf('last-ping-reply') + 1, f.indexOf('down-after-milliseconds'))).toEqual([
      's-down-time',
      'o-down-time',
    ]);
    expect(f.slice(-2)).toEqual(['notification-script', 'client-reconfig-script']);
    expect([mapGet(r, 'failover-state'), mapGet(r, 's-down-time'), mapGet(r, 'o-down-time')]).toEqual([
      'select_slave',
      '7',
      '5',
    ]);
  });

  it('a replica map ends with its replication fields', () => {
    const { m } = coreWithMaster();
    const s = newReplica(0, m, { host: '10.0.0.2', port: 6380 });
    s.masterLinkDownTimeMs = 4000;
    s.slaveMasterLinkUp = true;
    s.slaveMasterHost = '10.0.0.1';
    s.slaveMasterPort = 6379;
    s.slavePriority = 7;
    s.slaveReplOffset = 99;
    s.roleReported = 'slave';
    const r = instanceMap(s, NOW_MS, asIs);
    const f = fields(r);
    expect(f.slice(-7)).toEqual([
      'master-link-down-time',
      'master-link-status',
      'master-host',
      'master-port',
      'slave-priority',
      'slave-repl-offset',
      'replica-announced',
    ]);
    expect(f).not.toContain('config-epoch');
    expect(f.slice(-7).map((k) => mapGet(r, k))).toEqual(['4000', 'ok', '10.0.0.1', '6379', '7', '99', '1']);
    expect(mapGet(r, 'role-reported')).toBe('slave');
  });

  it('a replica that never reported its master shows "?" and link status err', () => {
    const { m } = coreWithMaster();
    const s = newReplica(0, m, { host: '10.0.0.2', port: 6380 });
    const r = instanceMap(s, NOW_MS, asIs);
    expect([mapGet(r, 'master-host'), mapGet(r, 'master-link-status')]).toEqual(['?', 'err']);
  });

  it('a sentinel map has no INFO fields and ends with hello time and its vote', () => {
    const { m } = coreWithMaster();
    const p = addPeer(m, 0);
    p.lastHelloTimeMs = NOW_MS - 250;
    p.leader = 'z'.repeat(40);
    p.leaderEpoch = 4;
    const r = instanceMap(p, NOW_MS, asIs);
    const f = fields(r);
    expect(f).not.toContain('info-refresh');
    expect(f.slice(-3).map((k) => [k, mapGet(r, k)])).toEqual([
      ['last-hello-message', '250'],
      ['voted-leader', 'z'.repeat(40)],
      ['voted-leader-epoch', '4'],
    ]);
    p.leader = null;
    expect(mapGet(instanceMap(p, NOW_MS, asIs), 'voted-leader')).toBe('?');
  });

  it('the ip field goes through the announce mapping', () => {
    const { m } = coreWithMaster();
    expect(
      mapGet(
        instanceMap(m, NOW_MS, () => 'announced.example'),
        'ip',
      ),
    ).toBe('announced.example');
  });

  it('flags are listed in the Redis order, and a connected link is not "disconnected"', () => {
    const { m } = coreWithMaster();
    m.link.disconnected = false;
    m.flags |= F.MASTER_REBOOT | F.S_DOWN | F.FAILOVER_IN_PROGRESS;
    expect(flagsText(m)).toBe('s_down,master,failover_in_progress,master_reboot');
  });
});
