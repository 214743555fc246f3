// Command dispatch of the simulated redis-server. Names are case-insensitive; arity follows Redis
// (negative = at least). Inside MULTI, commands are checked and queued; EXEC runs them and replies with
// the array of their replies (an error of one command is that command's reply only).
import type { Reply } from '../../engine/io.js';
import { configGet, configSet } from './config-cmd.js';
import { buildInfo, buildRole } from './info.js';
import { arr, bulk, err, int, nullBulk, ok, status, wrongArity } from './protocol.js';
import type { Client, RedisServer } from './server.js';

interface Command {
  readonly arity: number;
  /** null: no reply (REPLCONF ACK), or the handler already sent it (PSYNC). */
  run(s: RedisServer, c: Client, argv: readonly string[]): Reply | null;
}

const TRANSACTION = new Set(['MULTI', 'EXEC', 'DISCARD']);
const ALLOWED_SUBSCRIBED = new Set(['SUBSCRIBE', 'UNSUBSCRIBE', 'PING', 'QUIT', 'RESET']);

export function runCommand(s: RedisServer, c: Client, argv: readonly string[]): Reply | null {
  // Clients send names in upper case: look the name up as sent first, upper-casing only on a miss.
  const sent = argv[0] ?? '';
  let name = sent;
  let command = COMMANDS.get(sent);
  if (command === undefined) {
    name = sent.toUpperCase();
    command = COMMANDS.get(name);
  }
  if (command === undefined) {
    if (c.multi !== null) c.multi.dirty = true;
    const args = argv
      .slice(1)
      .map((a) => `'${a}' `)
      .join('');
    return err(`ERR unknown command '${argv[0] ?? ''}', with args beginning with: ${args}`);
  }
  if (!arityOk(command.arity, argv.length)) {
    if (c.multi !== null) c.multi.dirty = true;
    return wrongArity(name);
  }
  if (c.multi !== null && !TRANSACTION.has(name)) {
    c.multi.queue.push(argv);
    return status('QUEUED');
  }
  if (c.subscriptions.size > 0 && !ALLOWED_SUBSCRIBED.has(name)) {
    return err(
      `ERR Can't execute '${name.toLowerCase()}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
    );
  }
  return command.run(s, c, argv);
}

function arityOk(arity: number, argc: number): boolean {
  return arity >= 0 ? argc === arity : argc >= -arity;
}

function sadd(s: RedisServer, _c: Client, argv: readonly string[]): Reply {
  if (s.role === 'replica') return err("READONLY You can't write against a read only replica.");
  if (s.master.refusesWrites()) return err('NOREPLICAS Not enough good replicas to write.');
  const normalized = argv[0] === 'SADD' ? argv : ['SADD', ...argv.slice(1)];
  const added = s.applyWrite(normalized);
  // Like Redis, only a command that changed the dataset is propagated.
  if (added > 0) s.feedStream(normalized);
  return int(added);
}

function exec(s: RedisServer, c: Client): Reply {
  const multi = c.multi;
  if (multi === null) return err('ERR EXEC without MULTI');
  c.multi = null;
  if (multi.dirty) return err('EXECABORT Transaction discarded because of previous errors.');
  const replies: Reply[] = [];
  for (const argv of multi.queue) replies.push(runCommand(s, c, argv) ?? nullBulk);
  return arr(replies);
}

function replicaof(s: RedisServer, argv: readonly string[]): Reply {
  const host = argv[1]!;
  const portText = argv[2]!;
  if (host.toUpperCase() === 'NO' && portText.toUpperCase() === 'ONE') {
    s.setMaster(null);
    return ok;
  }
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return err('ERR Invalid master port');
  return s.setMaster({ host, port }) ? ok : status('OK Already connected to specified master');
}

function client(s: RedisServer, c: Client, argv: readonly string[]): Reply {
  const sub = argv[1]!.toUpperCase();
  if (sub === 'SETNAME' && argv.length === 3) {
    c.name = argv[2]!;
    return ok;
  }
  if (sub === 'GETNAME' && argv.length === 2) return c.name === null ? nullBulk : bulk(c.name);
  if (sub === 'ID' && argv.length === 2) return int(c.id);
  if (sub === 'KILL') return clientKill(s, c, argv.slice(2));
  return err(`ERR unknown subcommand '${argv[1]!}'. Try CLIENT HELP.`);
}

/** CLIENT KILL TYPE normal|pubsub|replica|slave|master [SKIPME yes|no]. SKIPME defaults to yes. */
function clientKill(s: RedisServer, caller: Client, filters: readonly string[]): Reply {
  let type: string | null = null;
  let skipMe = true;
  for (let i = 0; i + 1 < filters.length; i += 2) {
    const key = filters[i]!.toUpperCase();
    const value = filters[i + 1]!.toLowerCase();
    if (key === 'TYPE') type = value;
    else if (key === 'SKIPME') skipMe = value === 'yes';
    else return err('ERR syntax error');
  }
  if (filters.length % 2 !== 0 || type === null) return err('ERR syntax error');
  if (!['normal', 'pubsub', 'replica', 'slave', 'master'].includes(type)) {
    return err(`ERR Unknown client type '${type}'`);
  }
  let killed = 0;
  for (const other of [...s.clients.values()]) {
    if (skipMe && other === caller) continue;
    if (clientType(other) !== type.replace('slave', 'replica')) continue;
    s.dropClient(other, 'close');
    killed++;
  }
  return int(killed);
}

function clientType(c: Client): 'normal' | 'pubsub' | 'replica' {
  if (c.isReplica) return 'replica';
  return c.subscriptions.size > 0 ? 'pubsub' : 'normal';
}

function subscribe(s: RedisServer, c: Client, argv: readonly string[]): Reply {
  const confirmations: Reply[] = [];
  for (const channel of argv.slice(1)) {
    s.subscribe(c, channel);
    confirmations.push(arr([bulk('subscribe'), bulk(channel), int(c.subscriptions.size)]));
  }
  // One reply per command: the confirmation, or the list of them when several channels were given.
  return confirmations.length === 1 ? confirmations[0]! : arr(confirmations);
}

function replconf(s: RedisServer, c: Client, argv: readonly string[]): Reply | null {
  const option = argv[1]!.toLowerCase();
  if (option === 'ack') {
    const offset = Number(argv[2]);
    if (Number.isInteger(offset)) s.master.onAck(c, offset);
    return null;
  }
  if (option === 'listening-port') {
    const port = Number(argv[2]);
    if (!Number.isInteger(port)) return err('ERR value is not an integer or out of range');
    c.listeningPort = port;
  }
  return ok;
}

function psync(s: RedisServer, c: Client, argv: readonly string[]): Reply | null {
  const offset = Number(argv[2]);
  return s.master.psync(c, argv[1]!, Number.isInteger(offset) ? offset : -1);
}

const AUTH_ERR =
  'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?';

const COMMANDS = new Map<string, Command>([
  ['PING', { arity: -1, run: (_s, _c, a) => (a.length > 1 ? bulk(a[1]!) : status('PONG')) }],
  ['INFO', { arity: -1, run: (s) => ({ kind: 'info', info: buildInfo(s) }) }],
  ['ROLE', { arity: 1, run: (s) => buildRole(s) }],
  ['SLAVEOF', { arity: 3, run: (s, _c, a) => replicaof(s, a) }],
  ['REPLICAOF', { arity: 3, run: (s, _c, a) => replicaof(s, a) }],
  [
    'MULTI',
    {
      arity: 1,
      run: (_s, c) => {
        if (c.multi !== null) return err('ERR MULTI calls can not be nested');
        c.multi = { queue: [], dirty: false };
        return ok;
      },
    },
  ],
  ['EXEC', { arity: 1, run: (s, c) => exec(s, c) }],
  [
    'DISCARD',
    {
      arity: 1,
      run: (_s, c) => {
        if (c.multi === null) return err('ERR DISCARD without MULTI');
        c.multi = null;
        return ok;
      },
    },
  ],
  ['CONFIG', { arity: -2, run: (s, _c, a) => configCommand(s, a) }],
  ['CLIENT', { arity: -2, run: client }],
  ['AUTH', { arity: -2, run: () => err(AUTH_ERR) }],
  ['SUBSCRIBE', { arity: -2, run: subscribe }],
  ['PUBLISH', { arity: 3, run: (s, _c, a) => int(s.publish(a[1]!, a[2]!)) }],
  ['SADD', { arity: -3, run: sadd }],
  ['SMEMBERS', { arity: 2, run: (s, _c, a) => arr([...(s.sets.get(a[1]!) ?? [])].map(bulk)) }],
  [
    'SCRIPT',
    {
      arity: -2,
      run: (_s, _c, a) =>
        a[1]!.toUpperCase() === 'KILL'
          ? err('NOTBUSY No scripts in execution right now.')
          : err(`ERR unknown subcommand '${a[1]!}'. Try SCRIPT HELP.`),
    },
  ],
  ['REPLCONF', { arity: -1, run: replconf }],
  ['PSYNC', { arity: 3, run: psync }],
]);

function configCommand(s: RedisServer, argv: readonly string[]): Reply {
  const sub = argv[1]!.toUpperCase();
  if (sub === 'REWRITE' && argv.length === 2) {
    s.rewriteConfig();
    return ok;
  }
  if (sub === 'SET' && argv.length === 4) return configSet(s, argv[2]!, argv[3]!);
  if (sub === 'GET' && argv.length === 3) return configGet(s, argv[2]!);
  return err(`ERR unknown subcommand or wrong number of arguments for '${argv[1]!}'`);
}
