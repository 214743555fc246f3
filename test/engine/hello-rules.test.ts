// §9.1, §9.3, §9.4: hello validation and what a hello may change, checked on hand-built records.
import { describe, expect, it } from 'vitest';
import { parseHello, processHello } from '../../src/engine/hello.js';
import { newMaster } from '../../src/engine/instance.js';
import { PEER1, PEER2 } from './harness.js';
import { coreWithMaster, eventTypes } from './records.js';

const NOW_MS = 1_000_000;

/** ip,port,runid,current-epoch,master-name,master-ip,master-port,master-config-epoch (§9.1). */
function hello(
  o: Partial<Record<'ip' | 'port' | 'runId' | 'epoch' | 'name' | 'mip' | 'mport' | 'cepoch', string>> = {},
) {
  const f = {
    ip: '10.0.0.11',
    port: '26379',
    runId: PEER1,
    epoch: '0',
    name: 'mymaster',
    mip: '10.0.0.1',
    mport: '6379',
    cepoch: '0',
    ...o,
  };
  return [f.ip, f.port, f.runId, f.epoch, f.name, f.mip, f.mport, f.cepoch].join(',');
}

describe('§9.1 hello validation', () => {
  it('a well-formed hello parses into its eight fields', () => {
    expect(parseHello(hello({ epoch: '3', cepoch: '2' }))).toEqual({
      sentinel: { host: '10.0.0.11', port: 26379 },
      runId: PEER1,
      currentEpoch: 3,
      masterName: 'mymaster',
      masterAddr: { host: '10.0.0.1', port: 6379 },
      masterConfigEpoch: 2,
    });
  });

  const bad: [string, string][] = [
    ['a negative current epoch', hello({ epoch: '-1' })],
    ['a negative config epoch', hello({ cepoch: '-1' })],
    ['an empty run id', hello({ runId: '' })],
    ['an empty sentinel ip', hello({ ip: '' })],
    ['an empty master ip', hello({ mip: '' })],
    ['a non-numeric sentinel port', hello({ port: 'x' })],
    ['a non-numeric current epoch', hello({ epoch: 'e' })],
    ['a non-numeric master port', hello({ mport: '63a9' })],
    ['a non-numeric config epoch', hello({ cepoch: '1.5' })],
    ['seven fields', hello().split(',').slice(0, 7).join(',')],
    ['nine fields', `${hello()},x`],
  ];
  for (const [what, payload] of bad) {
    it(`a hello with ${what} is rejected and counted, and adds no peer`, () => {
      expect(parseHello(payload)).toBeNull();
      const { core, m } = coreWithMaster();
      processHello(core, payload, NOW_MS);
      expect(core.counters.get('hello: malformed')).toBe(1);
      expect(m.sentinels.size).toBe(0);
    });
  }
});

describe('§9.4 hello effects', () => {
  it('a repeated hello from a known sentinel only records when it was last heard from', () => {
    const { core, m } = coreWithMaster();
    processHello(core, hello(), NOW_MS);
    const first = [...m.sentinels.values()][0];
    processHello(core, hello(), NOW_MS + 2000);
    expect([...m.sentinels.values()].map((p) => p.lastHelloTimeMs)).toEqual([NOW_MS + 2000]);
    // A repeated hello keeps the same record (and its link); it is not a re-discovery.
    expect([...m.sentinels.values()][0]).toBe(first);
    expect(eventTypes(core)).not.toContain('+sentinel-address-switch');
  });

  it('a hello from an unknown sentinel at an invalid address adds nothing', () => {
    const { core, m } = coreWithMaster();
    processHello(core, hello({ ip: 'sentinel-b.local' }), NOW_MS); // hostname, resolve-hostnames off
    expect(m.sentinels.size).toBe(0);
    expect(core.counters.get('hello: invalid sentinel address')).toBe(1);
  });

  it('a hello for a master we do not monitor changes nothing', () => {
    const { core, m } = coreWithMaster();
    processHello(core, hello({ name: 'other', epoch: '9' }), NOW_MS);
    expect(m.sentinels.size).toBe(0);
    expect(core.currentEpoch).toBe(0);
  });

  it('an older config epoch never moves the master', () => {
    const { core, m } = coreWithMaster();
    m.configEpoch = 5;
    processHello(core, hello({ cepoch: '4', mip: '10.0.0.9' }), NOW_MS);
    expect(m.addr).toEqual({ host: '10.0.0.1', port: 6379 });
    expect(m.configEpoch).toBe(5);
  });

  it('a newer config epoch naming the same host in another case does not switch the master', () => {
    const { core, m } = coreWithMaster();
    m.addr = { host: 'Redis-A.local', port: 6379 };
    processHello(core, hello({ cepoch: '1', mip: 'redis-a.LOCAL' }), NOW_MS);
    expect(m.configEpoch).toBe(1);
    expect(eventTypes(core)).not.toContain('+switch-master');
  });

  it('a newer config epoch with another port switches the master', () => {
    const { core, m } = coreWithMaster();
    processHello(core, hello({ cepoch: '1', mport: '6380' }), NOW_MS);
    expect(m.addr).toEqual({ host: '10.0.0.1', port: 6380 });
    expect(eventTypes(core)).toContain('+switch-master');
  });

  it('a newer config epoch with an invalid master address is counted and does not switch', () => {
    const { core, m } = coreWithMaster();
    processHello(core, hello({ cepoch: '1', mport: '70000' }), NOW_MS);
    expect(m.addr).toEqual({ host: '10.0.0.1', port: 6379 });
    expect(core.counters.get('hello: invalid master address')).toBe(1);
  });

  it('two different sentinels are both kept as peers', () => {
    const { core, m } = coreWithMaster();
    processHello(core, hello(), NOW_MS);
    processHello(core, hello({ ip: '10.0.0.12', runId: PEER2 }), NOW_MS);
    expect([...m.sentinels.values()].map((p) => p.runId)).toEqual([PEER1, PEER2]);
    expect(eventTypes(core).filter((t) => t === '+sentinel')).toHaveLength(2);
  });

  it('a known sentinel at a new address is updated under every master that knows it (§9.4)', () => {
    const { core, m } = coreWithMaster();
    const m2 = newMaster(0, {
      name: 'other',
      addr: { host: '10.0.0.50', port: 6379 },
      quorum: 2,
      downAfterMs: 5000,
      failoverTimeoutMs: 10_000,
    });
    core.masters.set(m2.name, m2);
    processHello(core, hello(), NOW_MS);
    processHello(core, hello({ name: 'other', mip: '10.0.0.50' }), NOW_MS);
    const shared = [...m.sentinels.values()][0]!;
    expect([...m2.sentinels.values()][0]!.link).toBe(shared.link); // one link for the same sentinel
    processHello(core, hello({ ip: '10.0.0.99' }), NOW_MS + 1);
    expect([...m.sentinels.values()].map((p) => p.addr.host)).toEqual(['10.0.0.99']);
    expect([...m2.sentinels.values()].map((p) => p.addr.host)).toEqual(['10.0.0.99']);
    expect(eventTypes(core)).toContain('+sentinel-address-update');
  });
});
