// §5 and §10.2: INFO processing, role bookkeeping and the acting rules.
import { describe, expect, it } from 'vitest';
import { renderInfo } from '../../src/engine/info-text.js';
import { parseInfo as parseInfoText } from '../../src/engine/info-parse.js';
import { introducePeers, standardWorld } from './harness.js';

describe('INFO processing (§5.1, §5.2)', () => {
  it('replicas are discovered from the master INFO, announced with +slave and persisted', () => {
    const { h } = standardWorld();
    h.tick();
    expect(h.events.filter((e) => e.type === '+slave').map((e) => e.message)).toEqual([
      'slave 10.0.0.2:6379 10.0.0.2 6379 @ mymaster 10.0.0.1 6379',
      'slave 10.0.0.3:6379 10.0.0.3 6379 @ mymaster 10.0.0.1 6379',
    ]);
    expect(h.s.toConf().masters[0]!.knownReplicas).toHaveLength(2);
    expect(h.effects.some((e) => e.kind === 'persist')).toBe(true);
  });

  it('a changed run id emits +reboot', () => {
    const { h, r1 } = standardWorld();
    h.runFor(2000);
    r1.runId = 'f'.repeat(40);
    h.runFor(11_000);
    expect(h.first('+reboot')!.message).toBe('slave 10.0.0.2:6379 10.0.0.2 6379 @ mymaster 10.0.0.1 6379');
  });

  it('replica fields are read from INFO and shown by SENTINEL REPLICAS', () => {
    const { h, r1 } = standardWorld();
    r1.priority = 42;
    r1.offset = 1234;
    h.runFor(300);
    const m = h.s.master('mymaster')!;
    const r = m.slaves.get('10.0.0.2:6379')!;
    expect([
      r.slavePriority,
      r.slaveReplOffset,
      r.slaveMasterHost,
      r.slaveMasterPort,
      r.slaveMasterLinkUp,
    ]).toEqual([42, 1234, '10.0.0.1', 6379, true]);
  });

  it('INFO text parses with the §5.1 line rules (both slave line formats) and renders back', () => {
    const text =
      '# Server\r\nrun_id:' +
      'ab'.repeat(20) +
      '\r\n# Replication\r\nrole:master\r\nconnected_slaves:2\r\n' +
      'slave0:ip=10.0.0.2,port=6380,state=online,offset=5,lag=0\r\nslave1:10.0.0.3,6381,online\r\n';
    const info = parseInfoText(text);
    expect(info.runId).toBe('ab'.repeat(20));
    expect(info.role).toBe('master');
    expect(info.slaves).toEqual([
      { host: '10.0.0.2', port: 6380 },
      { host: '10.0.0.3', port: 6381 },
    ]);
    const replica = parseInfoText(
      'role:slave\r\nmaster_host:10.0.0.1\r\nmaster_port:6379\r\nmaster_link_status:down\r\n' +
        'slave_repl_offset:77\r\nmaster_link_down_since_seconds:-1\r\nslave_priority:0\r\nreplica_announced:0\r\n',
    );
    expect(replica).toMatchObject({
      role: 'slave',
      masterHost: '10.0.0.1',
      masterPort: 6379,
      masterLinkStatus: 'down',
      slaveReplOffset: 77,
      masterLinkDownSinceSeconds: -1,
      slavePriority: 0,
      replicaAnnounced: 0,
    });
    const { text: _t, ...noText } = replica;
    expect(parseInfoText(renderInfo(noText))).toMatchObject({ ...noText, text: expect.any(String) });
  });
});

describe('acting rules (§5.3, §10.2)', () => {
  it('an old master returning as master is converted to a replica about 10 s after it is reachable', () => {
    const w = standardWorld();
    const { h, master, p1, p2 } = w;
    h.runFor(1000);
    introducePeers(h, [p1, p2]);
    h.crash(master, 'reset');
    h.runUntil(() => h.has('+switch-master'), 20_000);
    h.runFor(5000);
    master.up = true;
    master.refuse = true;
    const back = h.nowMs;
    h.runUntil(() => h.has('+convert-to-slave'), 30_000);
    const after = h.first('+convert-to-slave')!.atMs - back;
    expect(after).toBeGreaterThan(8000);
    expect(after).toBeLessThanOrEqual(11_500);
    expect(h.first('+convert-to-slave')!.message).toBe(
      'slave 10.0.0.1:6379 10.0.0.1 6379 @ mymaster 10.0.0.2 6379',
    );
    expect(master.role).toBe('slave');
    expect(master.masterHost).toBe('10.0.0.2');
  });

  it('a replica following the wrong master is fixed after failover-timeout', () => {
    const { h, r1 } = standardWorld();
    h.runFor(1000);
    r1.masterHost = '10.0.0.99';
    const changed = h.nowMs;
    h.runUntil(() => h.has('+fix-slave-config'), 40_000);
    const after = h.first('+fix-slave-config')!.atMs - changed;
    expect(after).toBeGreaterThan(10_000);
    expect(r1.masterHost).toBe('10.0.0.1');
  });

  it('a replica reporting role master is not converted while the master does not look sane', () => {
    const { h, r1, master } = standardWorld();
    h.runFor(1000);
    master.role = 'slave';
    r1.role = 'master';
    h.runFor(30_000);
    expect(h.has('+convert-to-slave')).toBe(false);
  });

  it('acting rules are suspended in TILT', () => {
    const { h, r1 } = standardWorld();
    h.runFor(1000);
    r1.masterHost = '10.0.0.99';
    h.nowMs += 5000; // clock jump → TILT for 30 s
    h.runFor(25_000);
    expect(h.s.tilt).toBe(true);
    expect(h.has('+fix-slave-config')).toBe(false);
    expect(h.s.marks.get('info: acting rules skipped in TILT')).toBeGreaterThan(0);
  });
});
