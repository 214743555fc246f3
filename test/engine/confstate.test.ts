// §14: sentinel.conf data → engine records → the state to persist. Every field must survive the trip,
// epochs raise the current epoch, and a peer known under two masters shares one link (§2.3).
import { describe, expect, it } from 'vitest';
import type { SentinelConf } from '../../src/engine/conf-types.js';
import { exportConf, persistSummary } from '../../src/engine/confstate.js';
import { F, newReplica } from '../../src/engine/instance.js';
import { coreWithMaster } from './records.js';
import { Harness, masterConf, MYID, PEER1, PEER2, sentinelConf } from './harness.js';

function fullConf(): SentinelConf {
  return sentinelConf(
    {
      port: 26380,
      bind: ['127.0.0.1', '::1'],
      currentEpoch: 3,
      announceIp: '192.168.0.9',
      announcePort: 26999,
      denyScriptsReconfig: false,
      resolveHostnames: true,
      announceHostnames: true,
      sentinelUser: 'su',
      sentinelPass: 'sp',
      requirepass: 'rp',
      loglevel: 'verbose',
    },
    [
      masterConf({
        name: 'alpha',
        host: '10.0.0.1',
        port: 6379,
        quorum: 3,
        downAfterMs: 1234,
        failoverTimeoutMs: 5678,
        parallelSyncs: 4,
        masterRebootDownAfterPeriodMs: 900,
        notificationScript: '/n.sh',
        clientReconfigScript: '/c.sh',
        authPass: 'ap',
        authUser: 'au',
        renameCommands: [['CONFIG', 'cfg']],
        configEpoch: 5,
        leaderEpoch: 6,
        knownReplicas: [
          { host: '10.0.0.2', port: 6379 },
          { host: '10.0.0.3', port: 6380 },
          { host: '10.0.0.2', port: 6379 },
        ],
        knownSentinels: [
          { host: '10.0.0.11', port: 26379, runId: PEER1 },
          { host: '10.0.0.12', port: 26379, runId: PEER2 },
          { host: '10.0.0.99', port: 26379, runId: PEER1 },
        ],
      }),
      masterConf({
        name: 'beta',
        host: '10.0.1.1',
        knownSentinels: [
          { host: '10.0.0.11', port: 26379, runId: PEER1 },
          { host: '10.0.0.13', port: 26379, runId: PEER2 },
        ],
      }),
    ],
  );
}

describe('conf → records → conf (§14)', () => {
  it('every directive value survives; duplicates are dropped and the highest config epoch wins', () => {
    const conf = fullConf();
    const h = new Harness({ conf });
    const out = h.s.toConf();
    expect(out.myid).toBe(MYID);
    expect(out.currentEpoch).toBe(5); // raised by alpha's config-epoch 5
    const { masters: _m, currentEpoch: _c, ...globals } = out;
    const { masters: _m2, currentEpoch: _c2, ...expected } = conf;
    expect(globals).toEqual(expected);
    expect(out.masters[0]).toEqual({
      ...conf.masters[0],
      knownReplicas: [
        { host: '10.0.0.2', port: 6379 },
        { host: '10.0.0.3', port: 6380 },
      ],
      knownSentinels: [
        { host: '10.0.0.11', port: 26379, runId: PEER1 },
        { host: '10.0.0.12', port: 26379, runId: PEER2 },
      ],
    });
    expect(out.masters[1]!.name).toBe('beta');
    expect(persistSummary(out)).toEqual({
      currentEpoch: 5,
      masters: [
        { name: 'alpha', configEpoch: 5, leaderEpoch: 6 },
        { name: 'beta', configEpoch: 0, leaderEpoch: 0 },
      ],
    });
  });

  it('a current epoch above every config epoch is kept', () => {
    const h = new Harness({ conf: sentinelConf({ currentEpoch: 9 }, [masterConf({ configEpoch: 9 })]) });
    expect(h.s.currentEpoch).toBe(9);
    const g = new Harness({ conf: sentinelConf({ currentEpoch: 10 }, [masterConf({ configEpoch: 9 })]) });
    expect(g.s.currentEpoch).toBe(10);
  });

  it('a peer with the same run id and address under two masters shares one link; another address does not', () => {
    const h = new Harness({ conf: fullConf() });
    const a = h.s.master('alpha')!;
    const b = h.s.master('beta')!;
    expect(b.sentinels.get(PEER1)!.link).toBe(a.sentinels.get(PEER1)!.link);
    expect(a.sentinels.get(PEER1)!.link.refcount).toBe(2);
    expect(b.sentinels.get(PEER2)!.link).not.toBe(a.sentinels.get(PEER2)!.link);
    expect(a.sentinels.get(PEER2)!.link.refcount).toBe(1);
  });

  it('renames are looked up case-insensitively but written as given', () => {
    const h = new Harness({ conf: fullConf() });
    expect(h.s.master('alpha')!.renames.get('config')).toEqual(['CONFIG', 'cfg']);
  });

  it('mid-failover the old master is written once as a known replica, even if it is also a replica record', () => {
    const { core, m } = coreWithMaster();
    const promoted = newReplica(0, m, { host: '10.0.0.2', port: 6379 });
    const old = newReplica(0, m, { host: '10.0.0.1', port: 6379 });
    m.slaves.set(promoted.name, promoted);
    m.slaves.set(old.name, old);
    m.flags |= F.FAILOVER_IN_PROGRESS;
    m.promoted = promoted;
    m.failoverState = 'reconf_slaves';
    const out = exportConf(core).masters[0]!;
    expect([out.host, out.port]).toEqual(['10.0.0.2', 6379]);
    expect(out.knownReplicas).toEqual([{ host: '10.0.0.1', port: 6379 }]);
  });
});
