// INFO text ⇄ InfoReply. The real tier parses INFO text at the edge with `parseInfoText` (the §5.1 line
// rules); SENTINEL INFO-CACHE renders an InfoReply back to text when the raw text is unknown.

import type { Address, InfoReply } from './io.js';

function slaveLine(line: string): Address | null {
  let ip: string;
  let port: string;
  const body = line.slice(line.indexOf(':') + 1);
  if (!line.includes('ip=')) {
    const parts = body.split(',');
    if (parts.length < 3) return null;
    ip = parts[0]!;
    port = parts[1]!;
  } else {
    const ipAt = line.indexOf('ip=');
    const portAt = line.indexOf('port=');
    if (portAt < 0) return null;
    ip = line.slice(ipAt + 3).split(',')[0]!;
    port = line.slice(portAt + 5).split(',')[0]!;
  }
  const p = Number.parseInt(port, 10);
  if (ip === '' || !Number.isInteger(p)) return null;
  return { host: ip, port: p };
}

function num(text: string): number | null {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : null;
}

export function parseInfoText(text: string): InfoReply {
  let runId: string | null = null;
  let role: 'master' | 'slave' | null = null;
  let masterHost: string | null = null;
  let masterPort: number | null = null;
  let masterLinkStatus: 'up' | 'down' | null = null;
  let masterLinkDownSinceSeconds: number | null = null;
  let slavePriority: number | null = null;
  let slaveReplOffset: number | null = null;
  let replicaAnnounced: number | null = null;
  const slaves: Address[] = [];
  for (const line of text.split('\r\n')) {
    if (line.length >= 47 && line.startsWith('run_id:')) runId = line.slice(7, 47);
    else if (line.length >= 7 && line.startsWith('slave') && /^\d$/.test(line[5] ?? '')) {
      const addr = slaveLine(line);
      if (addr !== null) slaves.push(addr);
    } else if (line.length >= 32 && line.startsWith('master_link_down_since_seconds:')) {
      masterLinkDownSinceSeconds = num(line.slice(31));
    } else if (line.startsWith('role:master')) role = 'master';
    else if (line.startsWith('role:slave')) role = 'slave';
    else if (role === 'slave') {
      if (line.startsWith('master_host:')) masterHost = line.slice(12);
      else if (line.startsWith('master_port:')) masterPort = num(line.slice(12));
      else if (line.startsWith('master_link_status:'))
        masterLinkStatus = line.slice(19) === 'up' ? 'up' : 'down';
      else if (line.startsWith('slave_priority:')) slavePriority = num(line.slice(15));
      else if (line.startsWith('slave_repl_offset:')) slaveReplOffset = num(line.slice(18));
      else if (line.startsWith('replica_announced:')) replicaAnnounced = num(line.slice(18));
    }
  }
  return {
    runId,
    role,
    masterHost,
    masterPort,
    masterLinkStatus,
    masterLinkDownSinceSeconds,
    slavePriority,
    slaveReplOffset,
    replicaAnnounced,
    slaves,
    text,
  };
}

/** INFO text with the fields Sentinel reads, in the order a Redis 7 server prints them. */
export function renderInfoText(info: InfoReply): string {
  if (info.text !== undefined) return info.text;
  const lines: string[] = ['# Server'];
  if (info.runId !== null) lines.push(`run_id:${info.runId}`);
  lines.push('', '# Replication');
  if (info.role !== null) lines.push(`role:${info.role}`);
  if (info.role === 'slave') {
    if (info.masterHost !== null) lines.push(`master_host:${info.masterHost}`);
    if (info.masterPort !== null) lines.push(`master_port:${info.masterPort}`);
    if (info.masterLinkStatus !== null) lines.push(`master_link_status:${info.masterLinkStatus}`);
    if (info.slaveReplOffset !== null) lines.push(`slave_repl_offset:${info.slaveReplOffset}`);
    if (info.masterLinkDownSinceSeconds !== null) {
      lines.push(`master_link_down_since_seconds:${info.masterLinkDownSinceSeconds}`);
    }
    if (info.slavePriority !== null) lines.push(`slave_priority:${info.slavePriority}`);
    if (info.replicaAnnounced !== null) lines.push(`replica_announced:${info.replicaAnnounced}`);
  }
  if (info.role === 'master') {
    lines.push(`connected_slaves:${info.slaves.length}`);
    info.slaves.forEach((a, i) =>
      lines.push(`slave${i}:ip=${a.host},port=${a.port},state=online,offset=0,lag=0`),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
