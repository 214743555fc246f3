// Hand-built engine records for rule tests that probe one function in isolation: a real Core (REDIS_7
// timing) with a master, its replicas and peers made by the engine's own constructors.
import type { GlobalConf } from '../../src/engine/core.js';
import { Core } from '../../src/engine/core.js';
import type { Master, Peer } from '../../src/engine/instance.js';
import { newMaster, newPeer } from '../../src/engine/instance.js';
import { REDIS_7 } from '../../src/engine/profile.js';
import { MYID } from './harness.js';

export const GLOBAL_CONF: GlobalConf = {
  port: 26379,
  announceIp: null,
  announcePort: 0,
  denyScriptsReconfig: true,
  resolveHostnames: false,
  announceHostnames: false,
  sentinelUser: null,
  sentinelPass: null,
  requirepass: null,
  loglevel: 'notice',
  bind: [],
};

export interface RecordOpts {
  quorum?: number;
  fix?: boolean;
  random?: () => number;
  downAfterMs?: number;
  failoverTimeoutMs?: number;
}

export function coreWithMaster(opts: RecordOpts = {}): { core: Core; m: Master } {
  const core = new Core(
    REDIS_7,
    opts.random ?? (() => 0),
    { fixVoteCounting: opts.fix ?? false, scriptExecutable: () => true },
    { ...GLOBAL_CONF },
    0,
  );
  core.myid = MYID;
  const m = newMaster(0, {
    name: 'mymaster',
    addr: { host: '10.0.0.1', port: 6379 },
    quorum: opts.quorum ?? 2,
    downAfterMs: opts.downAfterMs ?? 5000,
    failoverTimeoutMs: opts.failoverTimeoutMs ?? 10_000,
  });
  core.masters.set(m.name, m);
  return { core, m };
}

/** Add a peer Sentinel record number `i` (run id and address derived from i). */
export function addPeer(m: Master, i: number): Peer {
  const runId = String.fromCharCode(0x66 + i).repeat(40);
  const p = newPeer(0, m, { host: `10.0.0.${11 + i}`, port: 26379 }, runId);
  m.sentinels.set(runId, p);
  return p;
}

/** Events the core emitted, by type. */
export function eventTypes(core: Core): string[] {
  return core.effects.flatMap((e) => (e.kind === 'event' ? [e.type] : []));
}
