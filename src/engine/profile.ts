// Timing profiles (spec §1.1). A profile fixes the internal timing constants and which implementation
// quirks are reproduced. Profiles may change timing, never safety rules: one vote per epoch, majority
// and quorum for a win, and config-epoch ordering are not parameters.

export interface Timing {
  infoPeriodMs: number;
  pingPeriodMs: number;
  askPeriodMs: number;
  publishPeriodMs: number;
  defaultDownAfterMs: number;
  defaultFailoverTimeoutMs: number;
  tiltTriggerMs: number;
  tiltPeriodMs: number;
  slaveReconfTimeoutMs: number;
  minLinkReconnectPeriodMs: number;
  electionTimeoutMs: number;
  scriptMaxRuntimeMs: number;
  scriptRetryDelayMs: number;
}

/** The SENTINEL DEBUG keys (§1.1), in reply order, mapped to the timing field they set. */
export const DEBUG_KEYS: readonly (readonly [string, keyof Timing])[] = [
  ['INFO-PERIOD', 'infoPeriodMs'],
  ['PING-PERIOD', 'pingPeriodMs'],
  ['ASK-PERIOD', 'askPeriodMs'],
  ['PUBLISH-PERIOD', 'publishPeriodMs'],
  ['DEFAULT-DOWN-AFTER', 'defaultDownAfterMs'],
  ['DEFAULT-FAILOVER-TIMEOUT', 'defaultFailoverTimeoutMs'],
  ['TILT-TRIGGER', 'tiltTriggerMs'],
  ['TILT-PERIOD', 'tiltPeriodMs'],
  ['SLAVE-RECONF-TIMEOUT', 'slaveReconfTimeoutMs'],
  ['MIN-LINK-RECONNECT-PERIOD', 'minLinkReconnectPeriodMs'],
  ['ELECTION-TIMEOUT', 'electionTimeoutMs'],
  ['SCRIPT-MAX-RUNTIME', 'scriptMaxRuntimeMs'],
  ['SCRIPT-RETRY-DELAY', 'scriptRetryDelayMs'],
];

export interface Profile {
  readonly name: string;
  readonly timing: Readonly<Timing>;
  /** Base timer frequency; the tick interval is floor(1000 / hz) with hz = hzBase + rand() % hzSpread (§3.1). */
  readonly hzBase: number;
  readonly hzSpread: number;
}

export const REDIS_7: Profile = Object.freeze({
  name: 'redis-7',
  timing: Object.freeze({
    infoPeriodMs: 10_000,
    pingPeriodMs: 1_000,
    askPeriodMs: 1_000,
    publishPeriodMs: 2_000,
    defaultDownAfterMs: 30_000,
    defaultFailoverTimeoutMs: 180_000,
    tiltTriggerMs: 2_000,
    tiltPeriodMs: 30_000,
    slaveReconfTimeoutMs: 10_000,
    minLinkReconnectPeriodMs: 15_000,
    electionTimeoutMs: 10_000,
    scriptMaxRuntimeMs: 60_000,
    scriptRetryDelayMs: 30_000,
  }),
  hzBase: 10,
  hzSpread: 10,
});

export const PROFILES: ReadonlyMap<string, Profile> = new Map([[REDIS_7.name, REDIS_7]]);

/** Fixed constants (§1.2). */
export const HELLO_CHANNEL = '__sentinel__:hello';
export const DEFAULT_SLAVE_PRIORITY = 100;
export const MAX_PENDING_COMMANDS = 100;
export const MAX_DESYNC_MS = 1000;
export const SCRIPT_QUEUE_MAX = 256;
export const SCRIPT_MAX_RUNNING = 16;
export const SCRIPT_MAX_ATTEMPTS = 10;
export const SCRIPT_MAX_ARGS = 16;
export const SIMFAILURE_EXIT_CODE = 99;
export const RUN_ID_LENGTH = 40;
