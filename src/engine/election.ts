// Epochs and leader election (spec §7): one vote per epoch, counting, and starting a failover.

import { assert } from './assert.js';
import type { Core } from './core.js';
import type { Master } from './instance.js';
import { F, has } from './instance.js';
import { limit } from './timing.js';

export interface Vote {
  readonly leader: string | null;
  readonly epoch: number;
}

/** Raise the current epoch (never lowers it), persist and announce it. */
export function adoptEpoch(core: Core, m: Master | null, epoch: number): void {
  if (epoch <= core.currentEpoch) return;
  core.currentEpoch = epoch;
  core.persistSoon();
  core.eventPlain('warning', '+new-epoch', m, String(epoch));
}

/**
 * §7.2: grant at most one vote per epoch, to the first requester whose epoch is above our last vote;
 * later requesters in that epoch get the vote already granted.
 */
export function voteLeader(core: Core, m: Master, reqEpoch: number, candidate: string, nowMs: number): Vote {
  adoptEpoch(core, m, reqEpoch);
  if (m.leaderEpoch < reqEpoch && core.currentEpoch <= reqEpoch) {
    const before = m.leaderEpoch;
    m.leader = candidate;
    m.leaderEpoch = core.currentEpoch;
    assert(m.leaderEpoch > before, 'a new vote is in a newer epoch');
    core.persistSoon();
    core.eventPlain('warning', '+vote-for-leader', m, `${candidate} ${m.leaderEpoch}`);
    if (candidate.toLowerCase() !== core.myid.toLowerCase()) {
      // Voting for someone else blocks our own attempt for 2 × failover-timeout (§7.4).
      m.failoverStartMs = nowMs + core.desyncMs();
    }
  } else if (m.leaderEpoch >= reqEpoch) {
    core.mark('vote: already voted in this epoch or later');
  }
  return { leader: m.leader, epoch: m.leaderEpoch };
}

/**
 * §7.3: the winner of `epoch`, or null. Needs a majority of all known Sentinels (peers + self) and at
 * least quorum votes. [quirk] peer votes are counted against the current epoch (issue #11571) unless
 * `fixVoteCounting` is set.
 */
export function getLeader(core: Core, m: Master, epoch: number, nowMs: number): string | null {
  assert(has(m, F.O_DOWN) || has(m, F.FAILOVER_IN_PROGRESS), 'leader counted only when down or failing over');
  const voters = m.sentinels.size + 1;
  const countEpoch = core.options.fixVoteCounting ? epoch : core.currentEpoch;
  const counts = new Map<string, number>();
  for (const p of m.sentinels.values()) {
    if (p.leader !== null && p.leaderEpoch === countEpoch) {
      counts.set(p.leader, (counts.get(p.leader) ?? 0) + 1);
    }
  }
  let winner: string | null = null;
  let max = 0;
  for (const [runId, n] of counts) {
    if (n > max) {
      winner = runId;
      max = n;
    }
  }
  const mine = voteLeader(core, m, epoch, winner ?? core.myid, nowMs);
  if (mine.leader !== null && mine.epoch === epoch) {
    const n = (counts.get(mine.leader) ?? 0) + 1;
    counts.set(mine.leader, n);
    if (n > max) {
      winner = mine.leader;
      max = n;
    }
  }
  if (winner !== null && (max < Math.floor(voters / 2) + 1 || max < m.quorum)) {
    core.mark(max < m.quorum ? 'election: below quorum' : 'election: no majority');
    winner = null;
  }
  return winner;
}

/** §7.4 start of a failover (also used by SENTINEL FAILOVER). */
export function startFailover(core: Core, m: Master, nowMs: number): void {
  assert(!has(m, F.FAILOVER_IN_PROGRESS), 'no failover already in progress');
  m.failoverState = 'wait_start';
  m.flags |= F.FAILOVER_IN_PROGRESS;
  core.currentEpoch++;
  m.failoverEpoch = core.currentEpoch;
  core.eventPlain('warning', '+new-epoch', m, String(core.currentEpoch));
  core.event('warning', '+try-failover', m);
  m.failoverStartMs = nowMs + core.desyncMs();
  m.failoverStateChangeMs = nowMs;
}

/** §7.4: start when ODOWN, not already failing over, and past the 2 × failover-timeout back-off. */
export function startFailoverIfNeeded(core: Core, m: Master, nowMs: number): boolean {
  if (!has(m, F.O_DOWN)) return false;
  if (has(m, F.FAILOVER_IN_PROGRESS)) return false;
  // failover_start_time 0 means "never": Redis relies on wall-clock milliseconds being huge, but a
  // simulated clock may start near 0, so the engine says it explicitly.
  if (m.failoverStartMs !== 0 && nowMs - m.failoverStartMs < limit.failoverRetryMs(m.failoverTimeoutMs)) {
    if (m.failoverDelayLogged !== m.failoverStartMs) {
      m.failoverDelayLogged = m.failoverStartMs;
      core.mark('failover: delayed by 2x failover-timeout back-off');
    }
    return false;
  }
  startFailover(core, m, nowMs);
  return true;
}
