// Instance maps for SENTINEL MASTER(S) / REPLICAS / SENTINELS (spec §12.1): exact field names and order,
// numbers as bulk strings.

import type { Instance } from './instance.js';
import { F, FLAG_TOKENS, has } from './instance.js';
import type { Reply } from './io.js';

export function bulk(value: string): Reply {
  return { kind: 'bulk', value };
}

export function flagsText(inst: Instance): string {
  const out: string[] = [];
  for (const [flag, token] of FLAG_TOKENS) {
    if (flag === 'disconnected' ? inst.link.disconnected : has(inst, flag)) out.push(token);
  }
  return out.join(',');
}

export function instanceMap(inst: Instance, nowMs: number, announced: (host: string) => string): Reply {
  const e: [string, Reply][] = [];
  const put = (k: string, v: string | number): void => {
    e.push([k, bulk(String(v))]);
  };
  const link = inst.link;
  put('name', inst.name);
  put('ip', announced(inst.addr.host));
  put('port', inst.addr.port);
  put('runid', inst.runId ?? '');
  put('flags', flagsText(inst));
  put('link-pending-commands', link.pendingCommands);
  put('link-refcount', link.refcount);
  if (inst.kind === 'master' && has(inst, F.FAILOVER_IN_PROGRESS)) put('failover-state', inst.failoverState);
  put('last-ping-sent', link.actPingTimeMs !== 0 ? nowMs - link.actPingTimeMs : 0);
  put('last-ok-ping-reply', nowMs - link.lastAvailTimeMs);
  put('last-ping-reply', nowMs - link.lastPongTimeMs);
  if (has(inst, F.S_DOWN)) put('s-down-time', nowMs - inst.sDownSinceMs);
  if (has(inst, F.O_DOWN)) put('o-down-time', nowMs - inst.oDownSinceMs);
  put('down-after-milliseconds', inst.downAfterMs);
  if (inst.kind !== 'sentinel') {
    put('info-refresh', inst.infoRefreshMs !== 0 ? nowMs - inst.infoRefreshMs : 0);
    put('role-reported', inst.roleReported === 'master' ? 'master' : 'slave');
    put('role-reported-time', nowMs - inst.roleReportedTimeMs);
  }
  if (inst.kind === 'master') {
    put('config-epoch', inst.configEpoch);
    put('num-slaves', inst.slaves.size);
    put('num-other-sentinels', inst.sentinels.size);
    put('quorum', inst.quorum);
    put('failover-timeout', inst.failoverTimeoutMs);
    put('parallel-syncs', inst.parallelSyncs);
    if (inst.notificationScript !== null) put('notification-script', inst.notificationScript);
    if (inst.clientReconfigScript !== null) put('client-reconfig-script', inst.clientReconfigScript);
  }
  if (inst.kind === 'slave') {
    put('master-link-down-time', inst.masterLinkDownTimeMs);
    put('master-link-status', inst.slaveMasterLinkUp ? 'ok' : 'err');
    put('master-host', inst.slaveMasterHost ?? '?');
    put('master-port', inst.slaveMasterPort);
    put('slave-priority', inst.slavePriority);
    put('slave-repl-offset', inst.slaveReplOffset);
    put('replica-announced', inst.replicaAnnounced);
  }
  if (inst.kind === 'sentinel') {
    put('last-hello-message', nowMs - inst.lastHelloTimeMs);
    put('voted-leader', inst.leader ?? '?');
    put('voted-leader-epoch', inst.leaderEpoch);
  }
  return { kind: 'map', entries: e };
}
