// §6.1–§6.3: SDOWN, ODOWN and the is-master-down exchange, checked on hand-built records.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/io.js';
import { F, has } from '../../src/engine/instance.js';
import {
  askOthersMasterState,
  checkObjectivelyDown,
  checkSubjectivelyDown,
  handleIsMasterDownReply,
} from '../../src/engine/sdown.js';
import { PEER1 } from './harness.js';
import { addPeer, coreWithMaster, eventTypes } from './records.js';

const NOW_MS = 1_000_000;
const DOWN_AFTER_MS = 5000;
const ASK_MS = 1000; // REDIS_7 ask-period

function healthy() {
  const w = coreWithMaster({ downAfterMs: DOWN_AFTER_MS });
  w.m.link.disconnected = false;
  w.m.link.actPingTimeMs = 0; // no ping outstanding
  w.m.link.lastAvailTimeMs = NOW_MS;
  w.m.roleReportedTimeMs = NOW_MS;
  return w;
}

describe('§6.1 SDOWN', () => {
  it('a disconnected link with no ping in flight is timed from the last time the instance was available', () => {
    const { core, m } = healthy();
    m.link.disconnected = true;
    m.link.lastAvailTimeMs = NOW_MS - DOWN_AFTER_MS;
    checkSubjectivelyDown(core, m, NOW_MS);
    expect(has(m, F.S_DOWN)).toBe(false);
    m.link.lastAvailTimeMs = NOW_MS - DOWN_AFTER_MS - 1;
    checkSubjectivelyDown(core, m, NOW_MS);
    expect(has(m, F.S_DOWN)).toBe(true);
  });

  it('a connected link with no ping in flight is not SDOWN however old its last reply', () => {
    const { core, m } = healthy();
    m.link.lastAvailTimeMs = NOW_MS - 100 * DOWN_AFTER_MS;
    checkSubjectivelyDown(core, m, NOW_MS);
    expect(has(m, F.S_DOWN)).toBe(false);
  });

  it('a master that keeps reporting role master is never SDOWN for its role', () => {
    const { core, m } = healthy();
    m.roleReported = 'master';
    m.roleReportedTimeMs = NOW_MS - 100 * DOWN_AFTER_MS;
    checkSubjectivelyDown(core, m, NOW_MS);
    expect(has(m, F.S_DOWN)).toBe(false);
  });

  it('the SDOWN start time is the first detection: later checks keep it and emit no second +sdown', () => {
    const { core, m } = healthy();
    m.link.disconnected = true;
    m.link.lastAvailTimeMs = NOW_MS - 2 * DOWN_AFTER_MS;
    checkSubjectivelyDown(core, m, NOW_MS);
    checkSubjectivelyDown(core, m, NOW_MS + 500);
    expect(m.sDownSinceMs).toBe(NOW_MS);
    expect(eventTypes(core).filter((t) => t === '+sdown')).toHaveLength(1);
  });
});

describe('§6.2 ODOWN', () => {
  function sdownWithPeers(downPeers: number, quorum: number) {
    const w = coreWithMaster({ quorum });
    w.m.flags |= F.S_DOWN;
    for (let i = 0; i < 3; i++) {
      const p = addPeer(w.m, i);
      if (i < downPeers) p.flags |= F.MASTER_DOWN;
    }
    return w;
  }

  it('the ODOWN start time is the first detection: later checks keep it and emit no second +odown', () => {
    const { core, m } = sdownWithPeers(1, 2);
    checkObjectivelyDown(core, m, NOW_MS);
    checkObjectivelyDown(core, m, NOW_MS + 500);
    expect(m.oDownSinceMs).toBe(NOW_MS);
    expect(eventTypes(core).filter((t) => t === '+odown')).toHaveLength(1);
  });

  it('when the votes fall below quorum the ODOWN flag is cleared and nothing else changes', () => {
    const { core, m } = sdownWithPeers(1, 2);
    checkObjectivelyDown(core, m, NOW_MS);
    for (const p of m.sentinels.values()) p.flags &= ~F.MASTER_DOWN;
    const before = m.flags;
    checkObjectivelyDown(core, m, NOW_MS + 100);
    expect(m.flags).toBe(before & ~F.O_DOWN);
    expect(eventTypes(core)).toContain('-odown');
  });
});

describe('§6.3 asking peers', () => {
  function askWorld() {
    const w = coreWithMaster();
    w.m.flags |= F.S_DOWN;
    const p = addPeer(w.m, 0);
    p.link.disconnected = false;
    p.link.cc = { id: 1, purpose: 'cmd', localIp: '10.0.0.100', connected: true };
    return { ...w, p };
  }
  const asks = (core: ReturnType<typeof coreWithMaster>['core']) =>
    core.effects.filter((e) => e.kind === 'send' && e.argv[1] === 'is-master-down-by-addr').length;

  it('a peer answer stays valid for 5 × ask-period and expires just after', () => {
    const { core, m, p } = askWorld();
    handleIsMasterDownReply(core, p, downReply(1, PEER1, 3), NOW_MS);
    askOthersMasterState(core, m, NOW_MS + 5 * ASK_MS, false);
    expect(has(p, F.MASTER_DOWN)).toBe(true);
    expect(p.leader).toBe(PEER1);
    askOthersMasterState(core, m, NOW_MS + 5 * ASK_MS + 1, false);
    expect(has(p, F.MASTER_DOWN)).toBe(false);
    expect(p.leader).toBeNull();
  });

  it('peers are asked only while the master is SDOWN here', () => {
    const { core, m } = askWorld();
    m.flags &= ~F.S_DOWN;
    askOthersMasterState(core, m, NOW_MS, true);
    expect(asks(core)).toBe(0);
    m.flags |= F.S_DOWN;
    askOthersMasterState(core, m, NOW_MS, true);
    expect(asks(core)).toBe(1);
  });

  it('a peer whose link is disconnected is not asked', () => {
    const { core, m, p } = askWorld();
    p.link.disconnected = true;
    askOthersMasterState(core, m, NOW_MS, true);
    expect(asks(core)).toBe(0);
  });
});

function downReply(isDown: number, leader: string, epoch: number): Reply {
  return {
    kind: 'array',
    items: [
      { kind: 'int', value: isDown },
      { kind: 'bulk', value: leader },
      { kind: 'int', value: epoch },
    ],
  };
}

describe('§6.3 is-master-down replies', () => {
  function replyWorld() {
    const w = coreWithMaster();
    const p = addPeer(w.m, 0);
    p.flags |= F.MASTER_DOWN;
    p.leader = 'x'.repeat(40);
    p.leaderEpoch = 1;
    p.lastMasterDownReplyTimeMs = 5;
    return { ...w, p };
  }
  const int = (value: number): Reply => ({ kind: 'int', value });
  const bulk = (value: string): Reply => ({ kind: 'bulk', value });
  const malformed: [string, Reply][] = [
    ['a non-array', int(1)],
    ['an array of 2', { kind: 'array', items: [int(0), bulk('*')] }],
    ['an array of 4', { kind: 'array', items: [int(0), bulk('*'), int(0), int(0)] }],
    ['a non-integer down flag', { kind: 'array', items: [bulk('0'), bulk('*'), int(0)] }],
    ['a non-integer epoch', { kind: 'array', items: [int(0), bulk('*'), bulk('0')] }],
    ['an integer leader', { kind: 'array', items: [int(0), int(7), int(0)] }],
  ];

  for (const [what, reply] of malformed) {
    it(`${what} is ignored: the peer's last answer stands and the reply is counted`, () => {
      const { core, p } = replyWorld();
      handleIsMasterDownReply(core, p, reply, NOW_MS);
      expect(has(p, F.MASTER_DOWN)).toBe(true);
      expect(p.leader).toBe('x'.repeat(40));
      expect(p.lastMasterDownReplyTimeMs).toBe(5);
      expect(core.counters.get('is-master-down: malformed reply')).toBe(1);
    });
  }

  it('a leader given as a status string is accepted like a bulk string', () => {
    const { core, p } = replyWorld();
    handleIsMasterDownReply(
      core,
      p,
      { kind: 'array', items: [int(1), { kind: 'status', text: PEER1 }, int(4)] },
      NOW_MS,
    );
    expect(p.leader).toBe(PEER1);
    expect(p.leaderEpoch).toBe(4);
    expect(core.counters.size).toBe(0);
  });

  it('a "not down" answer clears the peer down flag and leaves other flags alone', () => {
    const { core, p } = replyWorld();
    const others = p.flags & ~F.MASTER_DOWN;
    handleIsMasterDownReply(core, p, downReply(0, '*', 0), NOW_MS);
    expect(p.flags).toBe(others);
    expect(p.lastMasterDownReplyTimeMs).toBe(NOW_MS);
  });

  it('a "*" leader (no vote given) keeps the peer vote recorded earlier', () => {
    const { core, p } = replyWorld();
    handleIsMasterDownReply(core, p, downReply(1, '*', 0), NOW_MS);
    expect(p.leader).toBe('x'.repeat(40));
    expect(p.leaderEpoch).toBe(1);
  });
});
