// INFO and ROLE replies of the simulated server, built directly in the parsed form Sentinel reads
// (src/engine/io.ts InfoReply; spec §5.1 lists the lines and when Redis prints them).
import type { InfoReply, Reply } from '../../engine/io.js';
import { arr, bulk, int } from './protocol.js';
import type { RedisServer } from './server.js';

export function buildInfo(s: RedisServer): InfoReply {
  const link = s.link;
  if (link === null) {
    return {
      runId: s.runId,
      role: 'master',
      masterHost: null,
      masterPort: null,
      masterLinkStatus: null,
      masterLinkDownSinceSeconds: null,
      slavePriority: null,
      slaveReplOffset: null,
      replicaAnnounced: null,
      slaves: s.master.slaveAddresses(),
    };
  }
  return {
    runId: s.runId,
    role: 'slave',
    masterHost: link.target.host,
    masterPort: link.target.port,
    masterLinkStatus: link.state === 'connected' ? 'up' : 'down',
    masterLinkDownSinceSeconds: link.downSinceSeconds(),
    slavePriority: s.config.replicaPriority,
    slaveReplOffset: s.offset,
    replicaAnnounced: 1,
    // A replica lists its own sub-replicas too (chained replication).
    slaves: s.master.slaveAddresses(),
  };
}

/** ROLE (Redis 7 shape): master → [master, offset, [[ip, port, offset]…]]; replica → [slave, …]. */
export function buildRole(s: RedisServer): Reply {
  const link = s.link;
  if (link === null) {
    const replicas = s.master
      .onlineReplicas()
      .map((r) => arr([bulk(r.addr.host), bulk(String(r.addr.port)), bulk(String(r.ackOffset))]));
    return arr([bulk('master'), int(s.offset), arr(replicas)]);
  }
  return arr([
    bulk('slave'),
    bulk(link.target.host),
    int(link.target.port),
    bulk(roleLinkState(link.state)),
    int(link.state === 'connected' ? s.offset : -1),
  ]);
}

function roleLinkState(state: NonNullable<RedisServer['link']>['state']): string {
  switch (state) {
    case 'connect':
      return 'connect';
    case 'connecting':
      return 'connecting';
    case 'handshake':
    case 'transfer':
      return 'sync';
    case 'connected':
      return 'connected';
  }
}
