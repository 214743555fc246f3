// INFO text → InfoReply with the §5.1 line rules. The drivers normally hand the engine a parsed
// InfoReply (src/real/info.ts parses at the edge); this is the fallback when an INFO reply arrives as a
// bulk string. (info-text.ts renders the other way, for SENTINEL INFO-CACHE.)

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
