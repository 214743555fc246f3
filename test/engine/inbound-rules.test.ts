// §4.4, §9.3: routing replies and pub/sub messages; malformed input is counted and ignored.
import { describe, expect, it } from 'vitest';
import type { Core, RequestKind } from '../../src/engine/core.js';
import { onClosed, onConnected, onMessage, onReply } from '../../src/engine/inbound.js';
import type { Instance } from '../../src/engine/instance.js';
import { F, has, newReplica } from '../../src/engine/instance.js';
import type { Reply } from '../../src/engine/io.js';
import { reconnectIfNeeded } from '../../src/engine/links.js';
import { HELLO_CHANNEL } from '../../src/engine/profile.js';
import { MYID, PEER1 } from './harness.js';
import { addPeer, coreWithMaster } from './records.js';

const NOW_MS = 1_000_000;
const T_MS = NOW_MS + 5000;

/** A master with both connections open; returns a function that sends a request and gives its id. */
function world() {
  const w = coreWithMaster();
  reconnectIfNeeded(w.core, w.m, NOW_MS);
  const request = (inst: Instance, kind: RequestKind, which: 'cc' | 'pc' = 'cc') => {
    w.core.send(inst, which, [kind.toUpperCase()], kind);
    const last = w.core.effects.at(-1)!;
    if (last.kind !== 'send') throw new Error('no send');
    return { connId: last.connId, reqId: last.reqId };
  };
  return { ...w, request };
}
const status = (text: string): Reply => ({ kind: 'status', text });
const error = (text: string): Reply => ({ kind: 'error', text });

describe('§4.4 replies', () => {
  it('a reply for an unknown request, or on another connection, is counted and changes nothing', () => {
    const { core, m, request } = world();
    const { connId, reqId } = request(m, 'ping');
    onReply(core, connId, reqId + 100, status('PONG'), T_MS);
    onReply(core, connId + 1, reqId, status('PONG'), T_MS);
    expect(core.counters.get('reply: unknown request')).toBe(2);
    expect(m.link.lastAvailTimeMs).not.toBe(T_MS);
  });

  it('each reply releases one pending command; SUBSCRIBE replies never count', () => {
    const { core, m, request } = world();
    const before = m.link.pendingCommands;
    const a = request(m, 'ping');
    expect(m.link.pendingCommands).toBe(before + 1);
    onReply(core, a.connId, a.reqId, status('PONG'), T_MS);
    expect(m.link.pendingCommands).toBe(before);
    m.link.pendingCommands = 0;
    const b = request(m, 'other');
    m.link.pendingCommands = 0; // already at zero when the reply arrives
    onReply(core, b.connId, b.reqId, status('OK'), T_MS);
    expect(m.link.pendingCommands).toBe(0);
  });

  it('a reply for a record removed since the request is ignored', () => {
    const { core, m, request } = world();
    const { connId, reqId } = request(m, 'ping');
    core.masters.delete(m.name);
    onReply(core, connId, reqId, status('PONG'), T_MS);
    expect(m.link.lastAvailTimeMs).not.toBe(T_MS);
  });

  for (const [text, kind] of [
    ['PONG', status],
    ['LOADING Redis is loading', error],
    ['MASTERDOWN Link with MASTER is down', error],
  ] as const) {
    it(`a PING answered ${text.split(' ')[0]} counts as available and ends the outstanding ping`, () => {
      const { core, m, request } = world();
      const { connId, reqId } = request(m, 'ping');
      m.link.actPingTimeMs = NOW_MS;
      onReply(core, connId, reqId, kind(text), T_MS);
      expect([m.link.lastAvailTimeMs, m.link.actPingTimeMs, m.link.lastPongTimeMs]).toEqual([T_MS, 0, T_MS]);
    });
  }

  it('any other PING answer is a sign of life (last pong) but not of availability', () => {
    const { core, m, request } = world();
    const { connId, reqId } = request(m, 'ping');
    m.link.actPingTimeMs = NOW_MS;
    onReply(core, connId, reqId, error('ERR unknown'), T_MS);
    expect([m.link.lastAvailTimeMs === T_MS, m.link.actPingTimeMs, m.link.lastPongTimeMs]).toEqual([
      false,
      NOW_MS,
      T_MS,
    ]);
  });

  it('only PONG clears the master-reboot mark; LOADING keeps it', () => {
    const { core, m, request } = world();
    m.flags |= F.MASTER_REBOOT;
    const a = request(m, 'ping');
    onReply(core, a.connId, a.reqId, error('LOADING'), T_MS);
    expect(has(m, F.MASTER_REBOOT)).toBe(true);
    const b = request(m, 'ping');
    onReply(core, b.connId, b.reqId, status('PONG'), T_MS);
    expect(has(m, F.MASTER_REBOOT)).toBe(false);
  });

  it('BUSY sends SCRIPT KILL only to an SDOWN instance, and only once', () => {
    const { core, m, request } = world();
    const kills = () => core.effects.filter((e) => e.kind === 'send' && e.argv[0] === 'SCRIPT').length;
    const busy = () => {
      const r = request(m, 'ping');
      onReply(core, r.connId, r.reqId, error('BUSY Redis is busy'), T_MS);
    };
    busy();
    expect(kills()).toBe(0);
    m.flags |= F.S_DOWN;
    busy();
    busy();
    expect(kills()).toBe(1);
  });

  it('an INFO answer that is neither parsed nor text is counted and ignored', () => {
    const { core, m, request } = world();
    const { connId, reqId } = request(m, 'info');
    onReply(core, connId, reqId, { kind: 'int', value: 1 }, T_MS);
    expect(core.counters.get('info: unexpected reply type')).toBe(1);
    expect(m.infoRefreshMs).toBe(0);
  });

  it('INFO as bulk text is parsed and refreshes the record', () => {
    const { core, m, request } = world();
    const { connId, reqId } = request(m, 'info');
    onReply(
      core,
      connId,
      reqId,
      { kind: 'bulk', value: `# Server\r\nrun_id:${'a1'.repeat(20)}\r\nrole:master\r\n` },
      T_MS,
    );
    expect(m.infoRefreshMs).toBe(T_MS);
    expect(m.roleReported).toBe('master');
  });

  it('a refused PUBLISH does not count as a published hello; an accepted one does', () => {
    const { core, m, request } = world();
    const a = request(m, 'publish');
    onReply(core, a.connId, a.reqId, error('NOPERM'), T_MS);
    expect(m.lastPubTimeMs).toBe(0);
    const b = request(m, 'publish');
    onReply(core, b.connId, b.reqId, { kind: 'int', value: 1 }, T_MS);
    expect(m.lastPubTimeMs).toBe(T_MS);
  });

  it('a refused SUBSCRIBE closes the pub/sub connection; an accepted one is pub/sub activity', () => {
    const ok = world();
    const a = ok.request(ok.m, 'subscribe', 'pc');
    onReply(ok.core, a.connId, a.reqId, { kind: 'array', items: [] }, T_MS);
    expect(ok.m.link.pcLastActivityMs).toBe(T_MS);
    const refused = world();
    const b = refused.request(refused.m, 'subscribe', 'pc');
    onReply(refused.core, b.connId, b.reqId, error('NOPERM'), T_MS);
    expect(refused.m.link.pc).toBeNull();
  });
});

describe('§9.3 pub/sub messages', () => {
  const pcId = (_core: Core, m: Instance) => m.link.pc!.id;
  const helloFromPeer = `10.0.0.11,26379,${PEER1},0,mymaster,10.0.0.1,6379,0`;

  it('a message on a command connection is counted and ignored', () => {
    const { core, m } = world();
    onMessage(core, m.link.cc!.id, HELLO_CHANNEL, helloFromPeer, T_MS);
    expect(core.counters.get('message: not on a pub/sub connection')).toBe(1);
    expect(m.sentinels.size).toBe(0);
  });

  it('a message on another channel is counted but still counts as pub/sub activity', () => {
    const { core, m } = world();
    onMessage(core, pcId(core, m), 'other', helloFromPeer, T_MS);
    expect(core.counters.get('message: unexpected channel')).toBe(1);
    expect(m.link.pcLastActivityMs).toBe(T_MS);
    expect(m.sentinels.size).toBe(0);
  });

  it('a hello is processed, and our own hello coming back is dropped', () => {
    const { core, m } = world();
    onMessage(
      core,
      pcId(core, m),
      HELLO_CHANNEL,
      `10.0.0.100,26379,${MYID},0,mymaster,10.0.0.1,6379,0`,
      T_MS,
    );
    expect(m.sentinels.size).toBe(0);
    onMessage(core, pcId(core, m), HELLO_CHANNEL, helloFromPeer, T_MS);
    expect(m.sentinels.size).toBe(1);
  });
});

describe('§4.4 replies and connection events of replicas and peers', () => {
  function withReplicaAndPeer() {
    const w = world();
    const r = newReplica(0, w.m, { host: '10.0.0.2', port: 6379 });
    w.m.slaves.set(r.name, r);
    const p = addPeer(w.m, 0);
    reconnectIfNeeded(w.core, r, NOW_MS);
    reconnectIfNeeded(w.core, p, NOW_MS);
    return { ...w, r, p };
  }
  const released = (core: Core) => core.marks.get('reply: record released before its reply') ?? 0;

  it('a live replica and peer get their replies; once removed (or their master is), replies are dropped', () => {
    const a = withReplicaAndPeer();
    const ra = a.request(a.r, 'ping');
    const pa = a.request(a.p, 'ping');
    onReply(a.core, ra.connId, ra.reqId, status('PONG'), T_MS);
    onReply(a.core, pa.connId, pa.reqId, status('PONG'), T_MS);
    expect([a.r.link.lastAvailTimeMs, a.p.link.lastAvailTimeMs, released(a.core)]).toEqual([T_MS, T_MS, 0]);

    const b = withReplicaAndPeer();
    const rb = b.request(b.r, 'ping');
    const pb = b.request(b.p, 'ping');
    b.m.slaves.delete(b.r.name);
    b.m.sentinels.delete(b.p.name);
    onReply(b.core, rb.connId, rb.reqId, status('PONG'), T_MS);
    onReply(b.core, pb.connId, pb.reqId, status('PONG'), T_MS);
    expect([b.r.link.lastAvailTimeMs, b.p.link.lastAvailTimeMs, released(b.core)]).not.toContain(T_MS);
    expect(released(b.core)).toBe(2);

    const c = withReplicaAndPeer();
    const rc = c.request(c.r, 'ping');
    const pc = c.request(c.p, 'ping');
    c.core.masters.delete(c.m.name); // still in the master's maps, but the master is gone
    onReply(c.core, rc.connId, rc.reqId, status('PONG'), T_MS);
    onReply(c.core, pc.connId, pc.reqId, status('PONG'), T_MS);
    expect(released(c.core)).toBe(2);
  });

  it('a PING answer counts when it starts with PONG, LOADING or MASTERDOWN, whatever follows', () => {
    for (const text of ['PONG and more', 'LOADING Redis is loading', 'MASTERDOWN Link down']) {
      const { core, m, request } = world();
      const { connId, reqId } = request(m, 'ping');
      onReply(core, connId, reqId, status(text), T_MS);
      expect(m.link.lastAvailTimeMs, text).toBe(T_MS);
    }
    const { core, m, request } = world();
    const { connId, reqId } = request(m, 'ping');
    onReply(core, connId, reqId, status('NOT PONG'), T_MS);
    expect(m.link.lastAvailTimeMs).not.toBe(T_MS);
  });

  it('a closed connection is logged as a debug event naming its record and which connection it was', () => {
    const { core, m, r } = withReplicaAndPeer();
    const p = addPeer(m, 1); // the second peer: its own record is named, not the first one
    reconnectIfNeeded(core, p, NOW_MS);
    onClosed(core, r.link.pc!.id, 'reset');
    onClosed(core, p.link.cc!.id, 'refused');
    const lines = core.effects.flatMap((e) =>
      e.kind === 'event' ? [`${e.level} ${e.type} ${e.message}`] : [],
    );
    expect(lines).toEqual([
      'debug -pubsub-link-reconnection slave 10.0.0.2:6379 10.0.0.2 6379 @ mymaster 10.0.0.1 6379 #reset',
      `debug -cmd-link-reconnection sentinel ${p.runId} 10.0.0.12 26379 @ mymaster 10.0.0.1 6379 #refused`,
    ]);
  });

  it('a connect for an unknown connection is ignored; a known one is marked connected with its local IP', () => {
    const { core, m } = world();
    onConnected(core, 9999, '10.0.0.100');
    const cc = m.link.cc!;
    expect([cc.connected, cc.localIp]).toEqual([false, null]);
    onConnected(core, cc.id, '10.0.0.100');
    expect([cc.connected, cc.localIp]).toEqual([true, '10.0.0.100']);
  });
});
