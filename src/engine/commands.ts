// The command handler (spec §12): client commands and peer-Sentinel commands (PUBLISH of hellos,
// SENTINEL is-master-down-by-addr). Returns the reply; never throws on any argv.

import * as admin from './admin.js';
import type { Core } from './core.js';
import { startFailover, voteLeader } from './election.js';
import { processHello } from './hello.js';
import { renderInfo } from './info-text.js';
import type { Instance, Master } from './instance.js';
import { F, has, sameAddr } from './instance.js';
import type { ClientContext, Reply } from './io.js';
import { currentMasterAddr } from './links.js';
import { HELLO_CHANNEL } from './profile.js';
import { instanceMap } from './replies.js';
import { resetMaster } from './reset.js';
import { globMatch } from './glob.js';
import {
  bulkArray,
  err,
  ERR_NOT_INTEGER,
  errArity,
  OK,
  parseLongLong,
  unknownCommand,
  unknownSubcommand,
} from './replyutil.js';
import { selectReplica } from './select.js';
import { SENTINEL_HELP } from './help.js';
import { sentinelInfoText } from './infocmd.js';

/** Arity per SENTINEL subcommand, counting "SENTINEL" and the subcommand (negative = minimum). */
const SUBCOMMAND_ARITY: ReadonlyMap<string, number> = new Map([
  ['masters', 2],
  ['master', 3],
  ['replicas', 3],
  ['slaves', 3],
  ['sentinels', 3],
  ['get-master-addr-by-name', 3],
  ['is-master-down-by-addr', 6],
  ['failover', 3],
  ['reset', 3],
  ['ckquorum', 3],
  ['monitor', 6],
  ['remove', 3],
  ['set', -5],
  ['config', -4],
  ['flushconfig', 2],
  ['myid', 2],
  ['info-cache', -3],
  ['pending-scripts', 2],
  ['simulate-failure', -3],
  ['debug', -2],
  ['help', 2],
]);

const COMMAND_ARITY: ReadonlyMap<string, number> = new Map([
  ['sentinel', -2],
  ['ping', -1],
  ['info', -1],
  ['role', 1],
  ['publish', 3],
  ['auth', -2],
  ['hello', -1],
  ['client', -2],
  ['command', -1],
  ['acl', -2],
  ['shutdown', -1],
  ['subscribe', -2],
  ['psubscribe', -2],
  ['unsubscribe', -1],
  ['punsubscribe', -1],
]);

function arityOk(arity: number, argc: number): boolean {
  return arity >= 0 ? argc === arity : argc >= -arity;
}

export function handleCommand(core: Core, argv: readonly string[], ctx: ClientContext, nowMs: number): Reply {
  if (argv.length === 0) return err('ERR empty command');
  const name = argv[0]!.toLowerCase();
  const arity = COMMAND_ARITY.get(name);
  if (arity === undefined) return unknownCommand(argv);
  if (!arityOk(arity, argv.length)) return errArity(name);
  switch (name) {
    case 'sentinel':
      return sentinelCommand(core, argv, nowMs);
    case 'ping':
      return argv.length === 1
        ? { kind: 'status', text: 'PONG' }
        : argv.length === 2
          ? { kind: 'bulk', value: argv[1]! }
          : errArity('ping');
    case 'info':
      return { kind: 'bulk', value: sentinelInfoText(core, argv.slice(1), nowMs) };
    case 'role':
      return {
        kind: 'array',
        items: [{ kind: 'bulk', value: 'sentinel' }, bulkArray([...core.masters.keys()])],
      };
    case 'publish':
      if (argv[1] !== HELLO_CHANNEL)
        return err('ERR Only HELLO messages are accepted by Sentinel instances.');
      processHello(core, argv[2]!, nowMs);
      return { kind: 'int', value: 1 };
    case 'auth':
      return auth(core, argv);
    case 'hello':
      return hello(argv, ctx);
    case 'client':
      return client(argv);
    case 'command':
      return (argv[1] ?? '').toLowerCase() === 'count'
        ? { kind: 'int', value: 0 }
        : { kind: 'array', items: [] };
    default:
      // ACL, SHUTDOWN and the pub/sub commands act on the connection or the process: the driver owns them.
      return err(`ERR ${argv[0]!.toUpperCase()} is handled by the connection layer, not the Sentinel engine`);
  }
}

function auth(core: Core, argv: readonly string[]): Reply {
  if (argv.length > 3) return errArity('auth');
  const pass = argv[argv.length - 1]!;
  if (core.global.requirepass === null) {
    return err(
      'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
    );
  }
  return pass === core.global.requirepass
    ? OK
    : err('WRONGPASS invalid username-password pair or user is disabled.');
}

function hello(argv: readonly string[], ctx: ClientContext): Reply {
  let proto: number = ctx.protocol;
  if (argv.length >= 2) {
    const p = parseLongLong(argv[1]!);
    if (p === null) return err('ERR Protocol version is not an integer or out of range');
    if (p !== 2 && p !== 3) return err('NOPROTO unsupported protocol version');
    proto = p;
  }
  return {
    kind: 'map',
    entries: [
      ['server', { kind: 'bulk', value: 'redis' }],
      ['version', { kind: 'bulk', value: '7.2.4' }],
      ['proto', { kind: 'int', value: proto }],
      ['id', { kind: 'int', value: 0 }],
      ['mode', { kind: 'bulk', value: 'sentinel' }],
      ['role', { kind: 'bulk', value: 'master' }],
      ['modules', { kind: 'array', items: [] }],
    ],
  };
}

function client(argv: readonly string[]): Reply {
  const sub = argv[1]!.toLowerCase();
  switch (sub) {
    case 'setname':
    case 'setinfo':
      return OK;
    case 'getname':
      return { kind: 'null' };
    case 'id':
      return { kind: 'int', value: 0 };
    default:
      return unknownSubcommand(argv[1]!, 'CLIENT');
  }
}

function withMaster(core: Core, name: string, f: (m: Master) => Reply): Reply {
  const m = core.masters.get(name);
  return m === undefined ? err('ERR No such master with that name') : f(m);
}

function sentinelCommand(core: Core, argv: readonly string[], nowMs: number): Reply {
  const sub = argv[1]!.toLowerCase();
  const arity = SUBCOMMAND_ARITY.get(sub);
  if (arity === undefined) return unknownSubcommand(argv[1]!, 'SENTINEL');
  if (!arityOk(arity, argv.length)) return errArity(`sentinel|${sub}`);
  const map = (inst: Instance): Reply => instanceMap(inst, nowMs, (h) => h);
  const a2 = argv[2] ?? '';
  switch (sub) {
    case 'masters':
      return { kind: 'array', items: [...core.masters.values()].map(map) };
    case 'master':
      return withMaster(core, a2, map);
    case 'replicas':
    case 'slaves':
      return withMaster(core, a2, (m) => ({
        kind: 'array',
        items: [...m.slaves.values()].filter((r) => r.replicaAnnounced !== 0).map(map),
      }));
    case 'sentinels':
      return withMaster(core, a2, (m) => ({ kind: 'array', items: [...m.sentinels.values()].map(map) }));
    case 'get-master-addr-by-name': {
      const m = core.masters.get(a2);
      if (m === undefined) return { kind: 'null', array: true };
      const addr = currentMasterAddr(m);
      return bulkArray([addr.host, String(addr.port)]);
    }
    case 'is-master-down-by-addr':
      return isMasterDownByAddr(core, argv, nowMs);
    case 'failover':
      return withMaster(core, a2, (m) => manualFailover(core, m, nowMs));
    case 'reset': {
      let n = 0;
      for (const m of core.masters.values()) {
        if (!globMatch(a2, m.name, false)) continue;
        resetMaster(core, m, nowMs, false);
        n++;
      }
      return { kind: 'int', value: n };
    }
    case 'ckquorum':
      return withMaster(core, a2, (m) => ckquorum(m));
    case 'monitor':
      return admin.monitor(core, argv, nowMs);
    case 'remove':
      return withMaster(core, a2, (m) => admin.remove(core, m));
    case 'set':
      return withMaster(core, a2, (m) => admin.set(core, m, argv));
    case 'config':
      return admin.config(core, argv);
    case 'flushconfig':
      core.persistSoon();
      return OK;
    case 'myid':
      return { kind: 'bulk', value: core.myid };
    case 'info-cache':
      return infoCache(core, argv, nowMs);
    case 'pending-scripts':
      return core.scripts.pendingReply(nowMs);
    case 'simulate-failure':
      return admin.simulateFailure(core, argv);
    case 'debug':
      return admin.debug(core, argv);
    case 'help':
      return bulkArray(SENTINEL_HELP);
  }
  return unknownSubcommand(argv[1]!, 'SENTINEL');
}

/** §6.3 responder. [quirk] votes even in TILT and even when the master is not down here. */
function isMasterDownByAddr(core: Core, argv: readonly string[], nowMs: number): Reply {
  const port = parseLongLong(argv[3]!);
  if (port === null) return ERR_NOT_INTEGER;
  const reqEpoch = parseLongLong(argv[4]!);
  if (reqEpoch === null) return ERR_NOT_INTEGER;
  const runId = argv[5]!;
  let m: Master | null = null;
  for (const cand of core.masters.values()) {
    if (sameAddr(cand.addr, { host: argv[2]!, port })) {
      m = cand;
      break;
    }
  }
  const isDown = !core.tilt && m !== null && has(m, F.S_DOWN) ? 1 : 0;
  let leader: string | null = null;
  let leaderEpoch = 0;
  if (m !== null && runId !== '*') {
    if (core.tilt) core.mark('vote: cast while in TILT');
    const v = voteLeader(core, m, reqEpoch, runId, nowMs);
    leader = v.leader;
    leaderEpoch = v.epoch;
  }
  return {
    kind: 'array',
    items: [
      { kind: 'int', value: isDown },
      { kind: 'bulk', value: leader ?? '*' },
      { kind: 'int', value: leaderEpoch },
    ],
  };
}

function manualFailover(core: Core, m: Master, nowMs: number): Reply {
  if (has(m, F.FAILOVER_IN_PROGRESS)) return err('INPROG Failover already in progress');
  if (selectReplica(core, m, nowMs) === null) return err('NOGOODSLAVE No suitable replica to promote');
  startFailover(core, m, nowMs);
  m.flags |= F.FORCE_FAILOVER;
  return OK;
}

function ckquorum(m: Master): Reply {
  const voters = m.sentinels.size + 1;
  let usable = 1;
  for (const p of m.sentinels.values()) if (!has(p, F.S_DOWN | F.O_DOWN)) usable++;
  const noQuorum = usable < m.quorum;
  const noAuth = usable < Math.floor(voters / 2) + 1;
  if (!noQuorum && !noAuth) {
    return {
      kind: 'status',
      text: `OK ${usable} usable Sentinels. Quorum and failover authorization can be reached`,
    };
  }
  const reasons: string[] = [];
  if (noQuorum) reasons.push('Not enough available Sentinels to reach the specified quorum for this master');
  if (noAuth) reasons.push('Not enough available Sentinels to reach the majority and authorize a failover');
  return err(`NOQUORUM ${usable} usable Sentinels. ${reasons.join('. ')}`);
}

function infoCache(core: Core, argv: readonly string[], nowMs: number): Reply {
  const names = [...new Set(argv.slice(2))].filter((n) => core.masters.has(n));
  const items: Reply[] = [];
  for (const name of names) {
    const m = core.masters.get(name)!;
    const entry = (refreshMs: number, inst: Instance): Reply => ({
      kind: 'array',
      items: [
        { kind: 'int', value: refreshMs !== 0 ? nowMs - inst.infoRefreshMs : 0 },
        inst.info === null
          ? { kind: 'null' }
          : { kind: 'bulk', value: inst.info.text ?? renderInfo(inst.info) },
      ],
    });
    // [quirk] the replica entries test the master's refresh time for the "never" case.
    const list = [entry(m.infoRefreshMs, m), ...[...m.slaves.values()].map((r) => entry(m.infoRefreshMs, r))];
    items.push({ kind: 'bulk', value: name }, { kind: 'array', items: list });
  }
  return { kind: 'array', items };
}
