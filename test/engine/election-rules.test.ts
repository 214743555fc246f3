// §7.2–§7.4: vote granting, vote counting and the failover start rule, checked on hand-built records
// (a real Core, masters and peers from instance.ts) so each rule is probed in isolation.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/engine/core.js';
import { getLeader, startFailoverIfNeeded, voteLeader } from '../../src/engine/election.js';
import type { Master } from '../../src/engine/instance.js';
import { F, has } from '../../src/engine/instance.js';
import { MYID } from './harness.js';
import { addPeer, coreWithMaster } from './records.js';

const NOW_MS = 1_000_000;
const FAILOVER_TIMEOUT_MS = 10_000;
const A = '1'.repeat(40);
const B = '2'.repeat(40);

function setup(opts: { quorum?: number; fix?: boolean; random?: () => number } = {}) {
  return coreWithMaster({ ...opts, failoverTimeoutMs: FAILOVER_TIMEOUT_MS });
}

/** Add `n` peers; `votes[i]` is [leader, epoch] of peer i (undefined: no vote). */
function addPeers(m: Master, n: number, votes: ([string, number] | undefined)[] = []): void {
  for (let i = 0; i < n; i++) {
    const p = addPeer(m, i);
    const v = votes[i];
    if (v !== undefined) [p.leader, p.leaderEpoch] = v;
  }
}

function electing(m: Master, epoch: number, core: Core): void {
  m.flags |= F.O_DOWN | F.FAILOVER_IN_PROGRESS;
  core.currentEpoch = epoch;
}

describe('§7.2 vote granting', () => {
  it('a vote in an epoch is never replaced by a later request in the same epoch', () => {
    const { core, m } = setup();
    expect(voteLeader(core, m, 3, A, NOW_MS)).toEqual({ leader: A, epoch: 3 });
    expect(voteLeader(core, m, 3, B, NOW_MS)).toEqual({ leader: A, epoch: 3 });
    expect(m.leader).toBe(A);
  });

  it('a request below the current epoch gets no new vote even if we never voted', () => {
    const { core, m } = setup();
    core.currentEpoch = 5;
    expect(voteLeader(core, m, 4, A, NOW_MS)).toEqual({ leader: null, epoch: 0 });
  });

  it('voting for another sentinel postpones our own failover start; voting for ourselves does not', () => {
    const other = setup();
    voteLeader(other.core, other.m, 1, A, NOW_MS);
    expect(other.m.failoverStartMs).toBe(NOW_MS);
    const self = setup();
    voteLeader(self.core, self.m, 1, MYID.toUpperCase(), NOW_MS);
    expect(self.m.failoverStartMs).toBe(0);
  });

  it('the postponement starts at the vote time plus the random desync (0..999 ms)', () => {
    const { core, m } = setup({ random: () => 0.5 });
    voteLeader(core, m, 1, A, NOW_MS);
    expect(m.failoverStartMs).toBeGreaterThan(NOW_MS);
    expect(m.failoverStartMs).toBeLessThan(NOW_MS + 1000);
  });
});

describe('§7.3 vote counting', () => {
  it('the candidate with the most peer votes gets our vote and wins', () => {
    const { core, m } = setup();
    addPeers(m, 4, [
      [A, 1],
      [B, 1],
      [B, 1],
      [B, 1],
    ]);
    electing(m, 1, core);
    expect(getLeader(core, m, 1, NOW_MS)).toBe(B);
    expect(m.leader).toBe(B);
  });

  it('a plurality that is not a majority of all known sentinels does not win', () => {
    const { core, m } = setup();
    addPeers(m, 4, [[A, 1], [A, 1], [B, 1], undefined]);
    electing(m, 1, core);
    // A: 2 peers + our vote = 3 of 5 wins; make our vote go elsewhere by voting first.
    voteLeader(core, m, 1, B, NOW_MS);
    expect(getLeader(core, m, 1, NOW_MS)).toBeNull();
  });

  it('votes from another epoch are not counted', () => {
    const { core, m } = setup();
    addPeers(m, 2, [
      [B, 7],
      [B, 7],
    ]);
    electing(m, 8, core);
    // Only our own vote (for ourselves, as no counted peer vote names anyone) remains: 1 of 3.
    expect(getLeader(core, m, 8, NOW_MS)).toBeNull();
    expect(m.leader).toBe(MYID);
  });

  it('peers that have not voted do not count for anyone', () => {
    const { core, m } = setup({ quorum: 1 });
    addPeers(m, 2);
    electing(m, 1, core);
    expect(getLeader(core, m, 1, NOW_MS)).toBeNull(); // 1 of 3 is no majority
  });

  it('exactly quorum votes that are also a majority win', () => {
    const { core, m } = setup({ quorum: 2 });
    addPeers(m, 2, [[MYID, 1], undefined]);
    electing(m, 1, core);
    expect(getLeader(core, m, 1, NOW_MS)).toBe(MYID); // 2 of 3, quorum 2
  });

  it('our own vote counts only when it was cast in the epoch being counted', () => {
    const { core, m } = setup({ quorum: 2, fix: true });
    addPeers(m, 2, [[A, 2], undefined]);
    electing(m, 2, core);
    voteLeader(core, m, 3, A, NOW_MS); // we already voted in a later epoch
    expect(getLeader(core, m, 2, NOW_MS)).toBeNull(); // A has 1 counted vote, not 2
  });

  it('a tie between candidates is broken by our own vote: the tied candidate we vote for wins', () => {
    const { core, m } = setup({ quorum: 2 });
    addPeers(m, 2, [
      [A, 1],
      [B, 1],
    ]);
    electing(m, 1, core);
    const winner = getLeader(core, m, 1, NOW_MS);
    expect([A, B]).toContain(winner);
    expect(m.leader).toBe(winner);
  });
});

describe('§7.4 failover start', () => {
  function odown(fix = false) {
    const s = setup({ fix });
    s.m.flags |= F.O_DOWN;
    return s;
  }

  it('an ODOWN master with no recent attempt starts a failover in a new epoch', () => {
    const { core, m } = odown();
    expect(startFailoverIfNeeded(core, m, NOW_MS)).toBe(true);
    expect(has(m, F.FAILOVER_IN_PROGRESS)).toBe(true);
    expect(m.failoverEpoch).toBe(1);
  });

  it('no second failover starts while one is in progress', () => {
    const { core, m } = odown();
    startFailoverIfNeeded(core, m, NOW_MS);
    expect(startFailoverIfNeeded(core, m, NOW_MS + 100 * FAILOVER_TIMEOUT_MS)).toBe(false);
    expect(core.currentEpoch).toBe(1);
  });

  it('a new attempt waits exactly 2 × failover-timeout after the previous start', () => {
    const { core, m } = odown();
    m.failoverStartMs = NOW_MS;
    expect(startFailoverIfNeeded(core, m, NOW_MS + 2 * FAILOVER_TIMEOUT_MS - 1)).toBe(false);
    expect(has(m, F.FAILOVER_IN_PROGRESS)).toBe(false);
    expect(startFailoverIfNeeded(core, m, NOW_MS + 2 * FAILOVER_TIMEOUT_MS)).toBe(true);
  });

  it('a master that is only SDOWN never starts a failover', () => {
    const { core, m } = setup();
    m.flags |= F.S_DOWN;
    expect(startFailoverIfNeeded(core, m, NOW_MS)).toBe(false);
  });
});
