// Time budgets derived from the configuration and the redis-7 timing profile (spec §1.1, §15).
// Each term is named so the evidence shows how a budget was reached.

/** redis-7 profile periods (spec §1.1, §3.1). */
export const REDIS7 = {
  /** Longest tick interval: the timer runs at 10–19 Hz, so ticks are 52–100 ms apart. */
  tickMs: 100,
  pingPeriodMs: 1000,
  askPeriodMs: 1000,
  publishPeriodMs: 2000,
  infoPeriodMs: 10_000,
  /** INFO period towards replicas while a failover is in progress (§4.3, §8.5). */
  failoverInfoPeriodMs: 1000,
  tiltPeriodMs: 30_000,
} as const;

export interface Budget {
  readonly totalMs: number;
  readonly terms: Readonly<Record<string, number>>;
}

function sum(terms: Record<string, number>): Budget {
  return { totalMs: Object.values(terms).reduce((a, b) => a + b, 0), terms };
}

/**
 * Failure of the master → a majority of Sentinels name the new master, one uncontended election.
 * Steps follow spec §15:
 *   A  SDOWN at the last Sentinel: down-after of silence, whose clock may start up to one PING period
 *      (min(down-after, 1000)) plus one tick after the failure (hang/partition case).
 *   B  ODOWN at the q-th Sentinel: its next ask of the peers (ask-period 1000 from the last reply) + T.
 *   C+D `+try-failover` in the ODOWN tick; votes counted on the next tick: T.
 *   E  `+elected-leader` → `+selected-slave` → SLAVEOF NO ONE queued: one state per tick, 3 T.
 *   F  promotion seen by INFO, every 1 s during a failover: 1000 + T.
 *   G  observers adopt the new config from the forced hello; a full publish period (2000) + T is
 *      allowed in case the burst is missed and the next regular hello carries it.
 *   slack: 1000 for link latency and for the real tier's collection delay of views.
 * A split vote (retry after 2 × failover-timeout, §7.5) is deliberately NOT covered: a failover that
 * needs a second election round exceeds the budget and is reported, with its duration.
 */
export function failoverBudget(downAfterMs: number): Budget {
  const t = REDIS7.tickMs;
  return sum({
    downAfterMs,
    detectionJitterMs: Math.min(downAfterMs, REDIS7.pingPeriodMs) + t,
    odownMs: REDIS7.askPeriodMs + t,
    electionMs: t,
    selectAndPromoteMs: 3 * t,
    promotionSeenMs: REDIS7.failoverInfoPeriodMs + t,
    helloPropagationMs: REDIS7.publishPeriodMs + t,
    slackMs: 1000,
  });
}

/**
 * Heal → converged (one master, all views agree, replicas attached). The slowest ordinary path after
 * a heal is: a failover started just before it completes (failover budget); a replica still following
 * an old master is fixed only after its reported master stayed unchanged for failover-timeout and an
 * INFO period passes (§5.3 rule 3, §10.2) — the old-master conversion (≈ 10–11 s, §10.2) fits inside
 * the same INFO period; a Sentinel with a stale view adopts the config from the next hello (publish
 * period). When the run applied clock faults, a Sentinel may sit in TILT for a full TILT period.
 */
export function convergenceBudget(
  downAfterMs: number,
  failoverTimeoutMs: number,
  clockFaults: boolean,
): Budget {
  return sum({
    failoverMs: failoverBudget(downAfterMs).totalMs,
    fixSlaveConfigMs: failoverTimeoutMs,
    infoPeriodMs: REDIS7.infoPeriodMs + REDIS7.tickMs,
    helloMs: REDIS7.publishPeriodMs + REDIS7.tickMs,
    tiltMs: clockFaults ? REDIS7.tiltPeriodMs : 0,
  });
}
