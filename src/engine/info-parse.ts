// INFO text (from a real redis-server) → InfoReply, applying exactly the line rules Sentinel applies
// when it refreshes an instance (spec §5.1). The differences from Sentinel are only about where the
// result goes: Sentinel reads `slaveN:` lines only for master records; we always collect them and the
// engine ignores them for other records.

import type { Address, InfoReply } from './io.js';

/** C `atoi`/`strtoll`: leading whitespace, optional sign, digits; 0 when there are none. */
function leadingInt(text: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(text);
  return m === null ? 0 : Number(m[1]);
}

/** `slaveN:` line → address, in the new (`ip=…,port=…`) or old (`<ip>,<port>,<state>`) format. */
export function parseSlaveLine(line: string): Address | null {
  if (!line.includes('ip=')) {
    const colon = line.indexOf(':');
    if (colon < 0) return null;
    const rest = line.slice(colon + 1);
    const [ip, port, ...state] = rest.split(',');
    if (port === undefined || state.length === 0) return null; // the old format needs the state field
    return { host: ip!, port: leadingInt(port) };
  }
  const ipAt = line.indexOf('ip=');
  const portAt = line.indexOf('port=');
  if (portAt < 0) return null;
  const host = line.slice(ipAt + 3).split(',')[0]!;
  return { host, port: leadingInt(line.slice(portAt + 5).split(',')[0]!) };
}

type Draft = { -readonly [K in keyof InfoReply]: InfoReply[K] };

/** Fields Sentinel reads only once a `role:slave` line has been seen (spec §5.1). */
function applyReplicaLine(info: Draft, line: string): void {
  if (line.startsWith('master_host:')) info.masterHost = line.slice(12);
  else if (line.startsWith('master_port:')) info.masterPort = leadingInt(line.slice(12));
  else if (line.startsWith('master_link_status:')) {
    info.masterLinkStatus = line.slice(19).toLowerCase() === 'up' ? 'up' : 'down';
  } else if (line.startsWith('slave_priority:')) info.slavePriority = leadingInt(line.slice(15));
  else if (line.startsWith('slave_repl_offset:')) info.slaveReplOffset = leadingInt(line.slice(18));
  else if (line.startsWith('replica_announced:')) info.replicaAnnounced = leadingInt(line.slice(18));
}

export function parseInfo(text: string): InfoReply {
  const info: Draft = {
    runId: null,
    role: null,
    masterHost: null,
    masterPort: null,
    masterLinkStatus: null,
    masterLinkDownSinceSeconds: null,
    slavePriority: null,
    slaveReplOffset: null,
    replicaAnnounced: null,
    slaves: [],
    text,
  };
  const slaves: Address[] = [];
  for (const line of text.split('\r\n')) {
    if (line.length >= 47 && line.startsWith('run_id:')) info.runId = line.slice(7, 47);
    if (line.length >= 7 && line.startsWith('slave') && /[0-9]/.test(line[5]!)) {
      const addr = parseSlaveLine(line);
      if (addr !== null) slaves.push(addr);
    }
    if (line.length >= 32 && line.startsWith('master_link_down_since_seconds:')) {
      info.masterLinkDownSinceSeconds = leadingInt(line.slice(31));
    }
    if (line.startsWith('role:master')) info.role = 'master';
    else if (line.startsWith('role:slave')) info.role = 'slave';
    if (info.role === 'slave') applyReplicaLine(info, line);
  }
  info.slaves = slaves;
  return info;
}
