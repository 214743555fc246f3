// §5.1 line rules of INFO parsing at their edges, and the INFO text the engine renders for INFO-CACHE.
import { describe, expect, it } from 'vitest';
import type { InfoReply } from '../../src/engine/io.js';
import { parseInfo, parseSlaveLine } from '../../src/engine/info-parse.js';
import { renderInfo } from '../../src/engine/info-text.js';

const crlf = (...lines: string[]): string => `${lines.join('\r\n')}\r\n`;
const RUN_ID = '0123456789abcdef0123456789abcdef01234567';

describe('parseInfo (§5.1)', () => {
  it('run_id needs a line of at least 47 characters and takes exactly 40 characters', () => {
    expect(parseInfo(crlf(`run_id:${RUN_ID}`)).runId).toBe(RUN_ID);
    expect(parseInfo(crlf(`run_id:${RUN_ID}zz`)).runId).toBe(RUN_ID);
    expect(parseInfo(crlf(`run_id:${RUN_ID.slice(0, 39)}`)).runId).toBeNull();
    expect(parseInfo(crlf(`xrun_id:${RUN_ID}`)).runId).toBeNull();
  });

  it('lines are split on CRLF only', () => {
    expect(parseInfo(`role:slave\nmaster_host:h\r\n`).masterHost).toBeNull();
    expect(parseInfo(crlf('role:slave', 'master_host:h')).masterHost).toBe('h');
  });

  it('the role comes from a role:master / role:slave prefix; other lines leave it unset', () => {
    expect(parseInfo(crlf('role:master')).role).toBe('master');
    expect(parseInfo(crlf('role:slave')).role).toBe('slave');
    expect(parseInfo(crlf('role:sentinel')).role).toBeNull();
    expect(parseInfo(crlf('xrole:master')).role).toBeNull();
    expect(parseInfo('').role).toBeNull();
  });

  it('replica fields count only after a role:slave line', () => {
    const before = parseInfo(crlf('master_host:h', 'master_port:7', 'slave_priority:5', 'role:slave'));
    expect([before.masterHost, before.masterPort, before.slavePriority]).toEqual([null, null, null]);
    const asMaster = parseInfo(crlf('role:master', 'master_host:h', 'slave_repl_offset:9'));
    expect([asMaster.masterHost, asMaster.slaveReplOffset]).toEqual([null, null]);
  });

  it('replica fields: each prefix sets its own field with C atoi semantics', () => {
    const r = parseInfo(
      crlf(
        'role:slave',
        'master_host:Redis-A',
        'master_port: 6380x',
        'master_link_status:UP',
        'slave_priority:-3',
        'slave_repl_offset:+12',
        'replica_announced:junk',
      ),
    );
    expect(r).toMatchObject({
      role: 'slave',
      masterHost: 'Redis-A',
      masterPort: 6380,
      masterLinkStatus: 'up',
      slavePriority: -3,
      slaveReplOffset: 12,
      replicaAnnounced: 0,
      masterLinkDownSinceSeconds: null,
    });
    expect(parseInfo(crlf('role:slave', 'master_link_status:connecting')).masterLinkStatus).toBe('down');
    expect(parseInfo(crlf('role:slave')).masterLinkStatus).toBeNull();
  });

  it('master_link_down_since_seconds is read at any role and needs a value', () => {
    expect(parseInfo(crlf('master_link_down_since_seconds:12')).masterLinkDownSinceSeconds).toBe(12);
    expect(parseInfo(crlf('master_link_down_since_seconds:-1')).masterLinkDownSinceSeconds).toBe(-1);
    expect(parseInfo(crlf('master_link_down_since_seconds:')).masterLinkDownSinceSeconds).toBeNull();
  });

  it('slaveN lines need a digit after "slave" and at least 7 characters; the text is kept', () => {
    const text = crlf(
      'role:master',
      'slave0:ip=10.0.0.2,port=6380,state=online',
      'slave_read_only:1',
      'slaves:x',
      'slave1:10.0.0.3,6381,online',
      'slave2:',
    );
    const info = parseInfo(text);
    expect(info.slaves).toEqual([
      { host: '10.0.0.2', port: 6380 },
      { host: '10.0.0.3', port: 6381 },
    ]);
    expect(info.text).toBe(text);
  });
});

describe('parseSlaveLine', () => {
  it('new format: ip= and port= are found anywhere, each value ends at a comma', () => {
    expect(parseSlaveLine('slave0:ip=10.0.0.2,port=6380,state=online,offset=5,lag=0')).toEqual({
      host: '10.0.0.2',
      port: 6380,
    });
    expect(parseSlaveLine('slave0:state=online,port=6381,ip=::1')).toEqual({ host: '::1', port: 6381 });
    expect(parseSlaveLine('slave0:ip=10.0.0.2,state=online')).toBeNull();
  });

  it('old format needs ip, port and a state field after the colon', () => {
    expect(parseSlaveLine('slave0:10.0.0.3,6381,online')).toEqual({ host: '10.0.0.3', port: 6381 });
    expect(parseSlaveLine('slave0:10.0.0.3,6381')).toBeNull();
    expect(parseSlaveLine('slave0:10.0.0.3')).toBeNull();
    expect(parseSlaveLine('slave0')).toBeNull();
  });
});

describe('renderInfo', () => {
  const base: InfoReply = {
    runId: RUN_ID,
    role: 'slave',
    masterHost: '10.0.0.1',
    masterPort: 6379,
    masterLinkStatus: 'down',
    masterLinkDownSinceSeconds: 4,
    slavePriority: 100,
    slaveReplOffset: 7,
    replicaAnnounced: 1,
    slaves: [],
  };

  it('a replica prints its fields in Redis 7 order with CRLF line ends', () => {
    expect(renderInfo(base)).toBe(
      crlf(
        '# Server',
        'redis_mode:standalone',
        `run_id:${RUN_ID}`,
        '',
        '# Replication',
        'role:slave',
        'master_host:10.0.0.1',
        'master_port:6379',
        'master_link_status:down',
        'master_sync_in_progress:0',
        'slave_read_repl_offset:7',
        'slave_repl_offset:7',
        'master_link_down_since_seconds:4',
        'slave_priority:100',
        'slave_read_only:1',
        'replica_announced:1',
        'connected_slaves:0',
        'master_failover_state:no-failover',
      ),
    );
  });

  it('a master prints its replicas and no replica fields; unknown fields are left out', () => {
    const master: InfoReply = {
      ...base,
      runId: null,
      role: 'master',
      slaves: [
        { host: '10.0.0.2', port: 6379 },
        { host: '10.0.0.3', port: 6380 },
      ],
    };
    expect(renderInfo(master)).toBe(
      crlf(
        '# Server',
        'redis_mode:standalone',
        '',
        '# Replication',
        'role:master',
        'connected_slaves:2',
        'slave0:ip=10.0.0.2,port=6379,state=online',
        'slave1:ip=10.0.0.3,port=6380,state=online',
        'master_failover_state:no-failover',
      ),
    );
    const sparse: InfoReply = {
      ...base,
      role: 'slave',
      masterHost: null,
      masterPort: null,
      masterLinkStatus: null,
      masterLinkDownSinceSeconds: null,
      slavePriority: null,
      slaveReplOffset: null,
      replicaAnnounced: null,
    };
    expect(renderInfo(sparse)).toContain(
      crlf('role:slave', 'master_sync_in_progress:0', 'slave_read_only:1', 'connected_slaves:0'),
    );
    expect(renderInfo({ ...sparse, role: null })).toContain(crlf('# Replication', 'connected_slaves:0'));
  });
});
