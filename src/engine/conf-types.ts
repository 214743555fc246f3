// The content of a sentinel.conf file as typed data (spec §14). `parseSentinelConf` (conf.ts) turns text
// into this; the engine starts from it; `rewriteSentinelConf` writes the engine's state back into the
// original text the way redis-sentinel does (comments and unrelated lines kept in place).

import type { Address } from './io.js';

export interface KnownSentinel {
  readonly host: string;
  readonly port: number;
  readonly runId: string;
}

export interface MasterConf {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly quorum: number;
  /** Defaults: 30000 / 180000 / 1 (spec §1.3). */
  readonly downAfterMs: number;
  readonly failoverTimeoutMs: number;
  readonly parallelSyncs: number;
  readonly masterRebootDownAfterPeriodMs: number;
  readonly notificationScript: string | null;
  readonly clientReconfigScript: string | null;
  readonly authPass: string | null;
  readonly authUser: string | null;
  /** [original, renamed] pairs, in file order. */
  readonly renameCommands: readonly (readonly [string, string])[];
  readonly configEpoch: number;
  readonly leaderEpoch: number;
  readonly knownReplicas: readonly Address[];
  readonly knownSentinels: readonly KnownSentinel[];
}

export interface SentinelConf {
  /** `port` (the Sentinel's own TCP port; default 26379). */
  readonly port: number;
  /** `bind` addresses (default: none given, meaning the runtime's default, 127.0.0.1 for sentinel-lab). */
  readonly bind: readonly string[];
  readonly myid: string | null;
  readonly currentEpoch: number;
  readonly announceIp: string | null;
  readonly announcePort: number;
  readonly denyScriptsReconfig: boolean;
  readonly resolveHostnames: boolean;
  readonly announceHostnames: boolean;
  readonly sentinelUser: string | null;
  readonly sentinelPass: string | null;
  /** The Sentinel's own password (`requirepass`), also used towards peers when sentinel-pass is unset. */
  readonly requirepass: string | null;
  readonly loglevel: 'debug' | 'verbose' | 'notice' | 'warning' | 'nothing';
  readonly masters: readonly MasterConf[];
}
