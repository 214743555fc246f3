import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parseInfo, parseSlaveLine } from '../../src/real/info.js';
import { renderInfo } from '../../src/engine/info-text.js';
import type { InfoReply } from '../../src/engine/io.js';

const RUN_ID = '8f3c2d1e0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e';
const crlf = (...lines: string[]): string => `${lines.join('\r\n')}\r\n`;

describe('parseInfo applies Sentinel line rules (§5.1)', () => {
  it('reads a replica section (Redis 7 layout)', () => {
    const info = parseInfo(
      crlf(
        `run_id:${RUN_ID}`,
        '# Replication',
        'role:slave',
        'master_host:10.0.0.1',
        'master_port:6379',
        'master_link_status:down',
        'slave_repl_offset:1234',
        'master_link_down_since_seconds:-1',
        'slave_priority:50',
        'replica_announced:0',
      ),
    );
    expect(info).toMatchObject({
      runId: RUN_ID,
      role: 'slave',
      masterHost: '10.0.0.1',
      masterPort: 6379,
      masterLinkStatus: 'down',
      slaveReplOffset: 1234,
      masterLinkDownSinceSeconds: -1,
      slavePriority: 50,
      replicaAnnounced: 0,
      slaves: [],
    });
  });

  it('ignores role-dependent fields that come before role:slave', () => {
    const info = parseInfo(
      crlf('master_host:10.0.0.1', 'master_port:6379', 'slave_priority:7', 'role:slave'),
    );
    expect([info.masterHost, info.masterPort, info.slavePriority]).toEqual([null, null, null]);
    expect(info.role).toBe('slave');
  });

  it('ignores replica fields of a master', () => {
    const info = parseInfo(crlf('role:master', 'master_host:10.0.0.1', 'slave_priority:7'));
    expect([info.role, info.masterHost, info.slavePriority]).toEqual(['master', null, null]);
  });

  it('reads run_id only from a line of at least 47 characters, taking 40 characters', () => {
    expect(parseInfo(crlf(`run_id:${RUN_ID.slice(0, 39)}`)).runId).toBeNull();
    expect(parseInfo(crlf(`run_id:${RUN_ID}extra`)).runId).toBe(RUN_ID);
  });

  it('reads master_link_down_since_seconds only when the line has at least 32 characters', () => {
    expect(parseInfo(crlf('master_link_down_since_seconds:')).masterLinkDownSinceSeconds).toBeNull();
    expect(parseInfo(crlf('master_link_down_since_seconds:7')).masterLinkDownSinceSeconds).toBe(7);
  });

  it('treats any link status other than up (case-insensitive) as down', () => {
    expect(parseInfo(crlf('role:slave', 'master_link_status:UP')).masterLinkStatus).toBe('up');
    expect(parseInfo(crlf('role:slave', 'master_link_status:connecting')).masterLinkStatus).toBe('down');
  });

  it('reads slaveN lines in the new and the old format, in order', () => {
    const info = parseInfo(
      crlf(
        'role:master',
        'slave0:ip=10.0.0.2,port=6380,state=online,offset=10,lag=0',
        'slave1:10.0.0.3,6381,online',
        'slave_read_only:1',
        'slave2:ip=::1,port=6382,state=wait_bgsave,offset=0,lag=1',
      ),
    );
    expect(info.slaves).toEqual([
      { host: '10.0.0.2', port: 6380 },
      { host: '10.0.0.3', port: 6381 },
      { host: '::1', port: 6382 },
    ]);
  });

  it('skips malformed slave lines', () => {
    expect(parseSlaveLine('slave0:10.0.0.3,6381')).toBeNull();
    expect(parseSlaveLine('slave0:ip=10.0.0.3')).toBeNull();
    expect(parseInfo(crlf('slave0:x')).slaves).toEqual([]);
  });

  it('splits on CRLF only, like Sentinel (a bare LF does not end a line)', () => {
    const info = parseInfo('role:slave\nmaster_host:h\r\n');
    expect(info.role).toBe('slave');
    expect(info.masterHost).toBeNull();
  });

  it('keeps the raw text for INFO-CACHE', () => {
    const text = crlf('role:master');
    expect(parseInfo(text).text).toBe(text);
  });
});

const hex40 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 });
const host = fc.oneof(fc.ipV4(), fc.constantFrom('::1', 'redis.local'));
const int = fc.integer({ min: -1, max: 1_000_000 });
const slaves = fc.array(fc.record({ host, port: fc.integer({ min: 1, max: 65535 }) }), { maxLength: 4 });

const masterInfo: fc.Arbitrary<InfoReply> = fc.record({
  runId: fc.option(hex40),
  role: fc.constantFrom('master' as const, null),
  masterHost: fc.constant(null),
  masterPort: fc.constant(null),
  masterLinkStatus: fc.constant(null),
  masterLinkDownSinceSeconds: fc.constant(null),
  slavePriority: fc.constant(null),
  slaveReplOffset: fc.constant(null),
  replicaAnnounced: fc.constant(null),
  slaves,
});

const replicaInfo: fc.Arbitrary<InfoReply> = fc.record({
  runId: fc.option(hex40),
  role: fc.constant('slave' as const),
  masterHost: fc.option(host),
  masterPort: fc.option(fc.integer({ min: 0, max: 65535 })),
  masterLinkStatus: fc.option(fc.constantFrom('up' as const, 'down' as const)),
  masterLinkDownSinceSeconds: fc.option(int),
  slavePriority: fc.option(fc.integer({ min: 0, max: 1000 })),
  slaveReplOffset: fc.option(fc.nat()),
  replicaAnnounced: fc.option(fc.constantFrom(0, 1)),
  slaves,
});

describe('renderInfo ↔ parseInfo', () => {
  test.prop([fc.oneof(masterInfo, replicaInfo)])(
    'parse(render(info)) gives back the same InfoReply',
    (info) => {
      const text = renderInfo(info);
      expect(parseInfo(text)).toEqual({ ...info, text });
    },
  );

  it('renders Redis-like text with CRLF line ends', () => {
    const text = renderInfo({
      runId: RUN_ID,
      role: 'master',
      masterHost: null,
      masterPort: null,
      masterLinkStatus: null,
      masterLinkDownSinceSeconds: null,
      slavePriority: null,
      slaveReplOffset: null,
      replicaAnnounced: null,
      slaves: [{ host: '10.0.0.2', port: 6380 }],
    });
    expect(text).toContain(`\r\nrun_id:${RUN_ID}\r\n`);
    expect(text).toContain('\r\n# Replication\r\nrole:master\r\nconnected_slaves:1\r\n');
    expect(text).toContain('\r\nslave0:ip=10.0.0.2,port=6380,state=online\r\n');
  });
});
