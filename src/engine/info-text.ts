// InfoReply → INFO text in the layout of a Redis 7 server (the Server line Sentinel reads, then the
// Replication section), with CRLF line ends. The simulator uses it to answer SENTINEL INFO-CACHE with
// text that looks like what a real Sentinel caches; src/real/info.ts parses such text back.
//
// Only what an InfoReply holds is printed: a replica line carries ip, port and state but no offset or
// lag (the InfoReply does not know them), and role-dependent fields are printed only for role:slave,
// because Sentinel reads them only after a `role:slave` line (spec §5.1).

import type { InfoReply } from './io.js';

function replicaLines(info: InfoReply): string[] {
  const out: string[] = [];
  if (info.masterHost !== null) out.push(`master_host:${info.masterHost}`);
  if (info.masterPort !== null) out.push(`master_port:${info.masterPort}`);
  if (info.masterLinkStatus !== null) out.push(`master_link_status:${info.masterLinkStatus}`);
  out.push('master_sync_in_progress:0');
  if (info.slaveReplOffset !== null) {
    out.push(`slave_read_repl_offset:${info.slaveReplOffset}`, `slave_repl_offset:${info.slaveReplOffset}`);
  }
  // Redis prints this line only while the link is down (spec §5.1).
  if (info.masterLinkDownSinceSeconds !== null) {
    out.push(`master_link_down_since_seconds:${info.masterLinkDownSinceSeconds}`);
  }
  if (info.slavePriority !== null) out.push(`slave_priority:${info.slavePriority}`);
  out.push('slave_read_only:1');
  if (info.replicaAnnounced !== null) out.push(`replica_announced:${info.replicaAnnounced}`);
  return out;
}

export function renderInfo(info: InfoReply): string {
  const lines: string[] = ['# Server', 'redis_mode:standalone'];
  if (info.runId !== null) lines.push(`run_id:${info.runId}`);
  lines.push('', '# Replication');
  if (info.role !== null) lines.push(`role:${info.role}`);
  if (info.role === 'slave') lines.push(...replicaLines(info));
  lines.push(`connected_slaves:${info.slaves.length}`);
  info.slaves.forEach((s, i) => lines.push(`slave${i}:ip=${s.host},port=${s.port},state=online`));
  lines.push('master_failover_state:no-failover');
  return `${lines.join('\r\n')}\r\n`;
}
