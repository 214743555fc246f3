// sentinel.conf data ⇄ engine state (spec §14). `loadConf` builds the records a Sentinel starts with;
// `exportConf` is the state to persist (§14.2), which `rewriteSentinelConf` writes into the file text.

import type { MasterConf, SentinelConf } from './conf-types.js';
import type { Core } from './core.js';
import type { Master } from './instance.js';
import { hostPort, newMaster, newPeer, newReplica, sameAddr } from './instance.js';
import type { Address, PersistSummary } from './io.js';
import { currentMasterAddr } from './links.js';

export function createMasterFromConf(core: Core, mc: MasterConf, nowMs: number): Master {
  const m = newMaster(nowMs, {
    name: mc.name,
    addr: { host: mc.host, port: mc.port },
    quorum: mc.quorum,
    downAfterMs: mc.downAfterMs,
    failoverTimeoutMs: mc.failoverTimeoutMs,
  });
  m.parallelSyncs = mc.parallelSyncs;
  m.masterRebootDownAfterMs = mc.masterRebootDownAfterPeriodMs;
  m.notificationScript = mc.notificationScript;
  m.clientReconfigScript = mc.clientReconfigScript;
  m.authPass = mc.authPass;
  m.authUser = mc.authUser;
  for (const [orig, renamed] of mc.renameCommands) m.renames.set(orig.toLowerCase(), [orig, renamed]);
  m.configEpoch = mc.configEpoch;
  m.leaderEpoch = mc.leaderEpoch;
  if (m.configEpoch > core.currentEpoch) core.currentEpoch = m.configEpoch;
  core.masters.set(m.name, m);
  for (const addr of mc.knownReplicas) {
    const r = newReplica(nowMs, m, addr);
    if (!m.slaves.has(r.name)) m.slaves.set(r.name, r);
  }
  for (const ks of mc.knownSentinels) {
    if (m.sentinels.has(ks.runId)) continue;
    const p = newPeer(nowMs, m, { host: ks.host, port: ks.port }, ks.runId);
    // Link sharing with the same Sentinel already loaded under another master (§2.3).
    for (const other of core.masters.values()) {
      const match = other === m ? undefined : other.sentinels.get(ks.runId);
      if (match !== undefined && sameAddr(match.addr, p.addr)) {
        p.link = match.link;
        p.link.refcount++;
        break;
      }
    }
    m.sentinels.set(p.name, p);
  }
  return m;
}

function exportMaster(core: Core, m: Master): MasterConf {
  const current = currentMasterAddr(m);
  const knownReplicas: Address[] = [];
  for (const r of m.slaves.values()) {
    // Mid-failover the promoted replica is the current master: write the old master instead (§14.2).
    const addr = sameAddr(r.addr, current) ? m.addr : r.addr;
    if (!knownReplicas.some((a) => hostPort(a) === hostPort(addr))) knownReplicas.push({ ...addr });
  }
  return {
    name: m.name,
    host: core.announced(current),
    port: current.port,
    quorum: m.quorum,
    downAfterMs: m.downAfterMs,
    failoverTimeoutMs: m.failoverTimeoutMs,
    parallelSyncs: m.parallelSyncs,
    masterRebootDownAfterPeriodMs: m.masterRebootDownAfterMs,
    notificationScript: m.notificationScript,
    clientReconfigScript: m.clientReconfigScript,
    authPass: m.authPass,
    authUser: m.authUser,
    renameCommands: [...m.renames.values()].map(([o, r]) => [o, r] as const),
    configEpoch: m.configEpoch,
    leaderEpoch: m.leaderEpoch,
    knownReplicas,
    knownSentinels: [...m.sentinels.values()]
      .filter((p) => p.runId !== null)
      .map((p) => ({ host: core.announced(p.addr), port: p.addr.port, runId: p.runId ?? '' })),
  };
}

export function exportConf(core: Core): SentinelConf {
  const g = core.global;
  return {
    port: g.port,
    bind: g.bind,
    myid: core.myid,
    currentEpoch: core.currentEpoch,
    announceIp: g.announceIp,
    announcePort: g.announcePort,
    denyScriptsReconfig: g.denyScriptsReconfig,
    resolveHostnames: g.resolveHostnames,
    announceHostnames: g.announceHostnames,
    sentinelUser: g.sentinelUser,
    sentinelPass: g.sentinelPass,
    requirepass: g.requirepass,
    loglevel: g.loglevel,
    masters: [...core.masters.values()].map((m) => exportMaster(core, m)),
  };
}

export function persistSummary(conf: SentinelConf): PersistSummary {
  return {
    currentEpoch: conf.currentEpoch,
    masters: conf.masters.map((m) => ({
      name: m.name,
      configEpoch: m.configEpoch,
      leaderEpoch: m.leaderEpoch,
    })),
  };
}
