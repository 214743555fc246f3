// Every time limit of Sentinel as one closed set (spec §1.1 derived limits). The engine has a single
// real deadline, the next tick (`Sentinel.nextTickDelayMs`, §3.1); everything below is a condition
// examined at each tick or reply against a record's timestamps. Each limit is computed here from the
// *current* timing values (SENTINEL DEBUG may change them, §1.1) and named once, so the rules read
// `nowMs - x > limit.pingPeriodMs(...)` instead of repeating arithmetic.
//
// | limit                          | value                                        | rule        |
// |--------------------------------|----------------------------------------------|-------------|
// | pingPeriodMs                   | min(down-after, ping-period)                 | §4.3        |
// | pingRetryMs                    | pingPeriod / 2 (floor)                       | §4.3        |
// | infoPeriodMs                   | info-period, or 1000 for replicas in trouble | §4.3        |
// | helloPeriodMs                  | publish-period                               | §4.3, §9.2  |
// | reconnectThrottleMs            | ping-period                                  | §4.1        |
// | idleCmdConnMs / idlePingMs     | min-link-reconnect-period / down-after ÷ 2   | §4.5        |
// | idlePubsubMs                   | 3 × publish-period                           | §4.5        |
// | masterRoleSlaveDownMs          | down-after + 2 × info-period                 | §6.1        |
// | askSpacingMs / askStaleMs      | ask-period / 5 × ask-period                  | §6.3        |
// | failoverRetryMs                | 2 × failover-timeout                         | §7.4        |
// | electionTimeoutMs              | min(election-timeout, failover-timeout)      | §7.5, §8.2  |
// | replicaAvailMs                 | 5 × ping-period                              | §8.3        |
// | replicaInfoValidityMs          | 5 × ping-period if master SDOWN, else 3 × info-period | §8.3 |
// | replicaLinkDownMaxMs           | SDOWN time + 10 × down-after                 | §8.3        |
// | slaveReconfTimeoutMs           | slave-reconf-timeout                         | §8.7        |
// | convertToSlaveWaitMs           | 4 × publish-period                           | §5.3 rule 2 |
// | masterSaneInfoMs               | 2 × info-period                              | §5.3        |
// | tiltTriggerMs / tiltPeriodMs   | tilt-trigger / tilt-period                   | §11         |
// | scriptMaxRuntimeMs / retry     | script-max-runtime / retry-delay × 2^(k−1)   | §13.3       |

import type { Timing } from './profile.js';

export const limit = {
  pingPeriodMs: (t: Timing, downAfterMs: number): number => Math.min(downAfterMs, t.pingPeriodMs),
  pingRetryMs: (t: Timing, downAfterMs: number): number =>
    Math.floor(Math.min(downAfterMs, t.pingPeriodMs) / 2),
  /** `troubled`: a replica whose master is ODOWN / failing over, or whose master link is down. */
  infoPeriodMs: (t: Timing, troubled: boolean): number => (troubled ? 1000 : t.infoPeriodMs),
  helloPeriodMs: (t: Timing): number => t.publishPeriodMs,
  reconnectThrottleMs: (t: Timing): number => t.pingPeriodMs,
  idleCmdConnMs: (t: Timing): number => t.minLinkReconnectPeriodMs,
  idlePingMs: (downAfterMs: number): number => downAfterMs / 2,
  idlePubsubMs: (t: Timing): number => 3 * t.publishPeriodMs,
  masterRoleSlaveDownMs: (t: Timing, downAfterMs: number): number => downAfterMs + 2 * t.infoPeriodMs,
  askSpacingMs: (t: Timing): number => t.askPeriodMs,
  askStaleMs: (t: Timing): number => 5 * t.askPeriodMs,
  failoverRetryMs: (failoverTimeoutMs: number): number => 2 * failoverTimeoutMs,
  electionTimeoutMs: (t: Timing, failoverTimeoutMs: number): number =>
    Math.min(t.electionTimeoutMs, failoverTimeoutMs),
  replicaAvailMs: (t: Timing): number => 5 * t.pingPeriodMs,
  replicaInfoValidityMs: (t: Timing, masterSDown: boolean): number =>
    masterSDown ? 5 * t.pingPeriodMs : 3 * t.infoPeriodMs,
  replicaLinkDownMaxMs: (sDownForMs: number, downAfterMs: number): number => sDownForMs + 10 * downAfterMs,
  slaveReconfTimeoutMs: (t: Timing): number => t.slaveReconfTimeoutMs,
  convertToSlaveWaitMs: (t: Timing): number => 4 * t.publishPeriodMs,
  masterSaneInfoMs: (t: Timing): number => 2 * t.infoPeriodMs,
  tiltTriggerMs: (t: Timing): number => t.tiltTriggerMs,
  tiltPeriodMs: (t: Timing): number => t.tiltPeriodMs,
  scriptMaxRuntimeMs: (t: Timing): number => t.scriptMaxRuntimeMs,
  scriptRetryDelayMs: (t: Timing, retryNum: number): number => t.scriptRetryDelayMs * 2 ** (retryNum - 1),
} as const;
