// Resets (SENTINEL RESET, §12) and reset-and-change-address (§9.5), plus record removal with link
// sharing (§2.3): peer links are reference counted across masters.

import type { Core } from './core.js';
import type { Instance, Master, Peer } from './instance.js';
import { F, newReplica, sameAddr } from './instance.js';
import type { Address } from './io.js';

/** Drop a record's hold on its link; the last holder closes it. Outstanding replies become no-ops. */
export function releaseRecord(core: Core, inst: Instance): void {
  const link = inst.link;
  link.refcount--;
  if (link.refcount <= 0) core.closeLink(link);
}

/** SENTINEL REMOVE: let go of every record of a master and their links. */
export function releaseMaster(core: Core, m: Master): void {
  for (const r of m.slaves.values()) releaseRecord(core, r);
  for (const p of [...m.sentinels.values()]) removePeer(core, m, p);
  releaseRecord(core, m);
}

export function removePeer(core: Core, m: Master, p: Peer): void {
  m.sentinels.delete(p.name);
  releaseRecord(core, p);
}

/** Remove every peer with this run id from one master; returns how many were removed. */
export function removePeersWithRunId(core: Core, m: Master, runId: string): number {
  let removed = 0;
  for (const p of [...m.sentinels.values()]) {
    if (p.runId !== null && p.runId === runId) {
      removePeer(core, m, p);
      removed++;
    }
  }
  return removed;
}

/**
 * §12 RESET semantics. `keepPeers` is the variant used by an address switch (§9.5 step 2): no event and
 * the peers are kept.
 */
export function resetMaster(core: Core, m: Master, nowMs: number, keepPeers: boolean): void {
  for (const r of m.slaves.values()) releaseRecord(core, r);
  m.slaves = new Map();
  if (!keepPeers) for (const p of [...m.sentinels.values()]) removePeer(core, m, p);
  core.closeLink(m.link);
  m.flags &= F.MASTER;
  m.leader = null;
  m.failoverState = 'none';
  m.failoverStateChangeMs = 0;
  m.failoverStartMs = 0;
  m.promoted = null;
  m.runId = null;
  m.link.actPingTimeMs = nowMs;
  m.link.lastPingTimeMs = 0;
  m.link.lastAvailTimeMs = nowMs;
  m.link.lastPongTimeMs = nowMs;
  m.roleReported = 'master';
  m.roleReportedTimeMs = nowMs;
  if (!keepPeers) core.event('warning', '+reset-master', m);
}

/** §9.5: move a master to a new address, turning the old address and the other replicas into replicas. */
export function resetMasterAndChangeAddress(core: Core, m: Master, to: Address, nowMs: number): void {
  const replicaAddrs: Address[] = [];
  for (const r of m.slaves.values()) if (!sameAddr(r.addr, to)) replicaAddrs.push(r.addr);
  if (!sameAddr(m.addr, to)) replicaAddrs.push(m.addr);
  resetMaster(core, m, nowMs, true);
  m.addr = { host: to.host, port: to.port };
  m.oDownSinceMs = 0;
  m.sDownSinceMs = 0;
  for (const addr of replicaAddrs) {
    const r = newReplica(nowMs, m, addr);
    if (m.slaves.has(r.name)) continue;
    m.slaves.set(r.name, r);
    core.event('notice', '+slave', r);
  }
  core.persistSoon();
}
