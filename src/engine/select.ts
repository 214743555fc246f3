// Replica selection for promotion (spec §8.3), also used by SENTINEL FAILOVER as a pre-check.

import type { Core } from './core.js';
import type { Master, Replica } from './instance.js';
import { F, has } from './instance.js';
import { limit } from './timing.js';

/** True if the replica may be promoted now (§8.3 candidate filter). */
export function isCandidate(core: Core, m: Master, r: Replica, nowMs: number): boolean {
  const t = core.timing;
  const masterDown = has(m, F.S_DOWN);
  const maxDownMs = limit.replicaLinkDownMaxMs(masterDown ? nowMs - m.sDownSinceMs : 0, m.downAfterMs);
  const infoValidityMs = limit.replicaInfoValidityMs(t, masterDown);
  if (has(r, F.S_DOWN | F.O_DOWN)) return false;
  if (r.link.disconnected) return false;
  if (nowMs - r.link.lastAvailTimeMs > limit.replicaAvailMs(t)) return false;
  if (r.slavePriority === 0) return false;
  if (r.infoRefreshMs === 0 || nowMs - r.infoRefreshMs > infoValidityMs) return false;
  if (r.masterLinkDownTimeMs > maxDownMs) return false;
  return true;
}

/** Priority ascending, offset descending, run id ascending (case-insensitive; missing sorts last). */
export function compareReplicas(a: Replica, b: Replica): number {
  if (a.slavePriority !== b.slavePriority) return a.slavePriority - b.slavePriority;
  if (a.slaveReplOffset !== b.slaveReplOffset) return a.slaveReplOffset > b.slaveReplOffset ? -1 : 1;
  if (a.runId === null && b.runId !== null) return 1;
  if (a.runId !== null && b.runId === null) return -1;
  if (a.runId !== null && b.runId !== null) {
    const x = a.runId.toLowerCase();
    const y = b.runId.toLowerCase();
    if (x !== y) return x < y ? -1 : 1;
  }
  // Stable tie-break the spec leaves open: the record name (host:port), unique per master.
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function selectReplica(core: Core, m: Master, nowMs: number): Replica | null {
  const candidates = [...m.slaves.values()].filter((r) => isCandidate(core, m, r, nowMs));
  candidates.sort(compareReplicas);
  return candidates[0] ?? null;
}
