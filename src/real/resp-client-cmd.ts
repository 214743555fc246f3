// CLIENT subcommands of the RESP server: ID, GETNAME, SETNAME, SETINFO, INFO, LIST, KILL (ID, ADDR,
// LADDR, TYPE, SKIPME, USER filters and the old `CLIENT KILL ip:port` form), HELP.
import type { Reply } from '../engine/io.js';
import {
  arityError,
  BAD_NAME,
  err,
  validClientName,
  type Builtin,
  type ServerFacade,
} from './resp-commands.js';
import type { Connection } from './resp-conn.js';
import { parseStrictInt } from './resp.js';

const ok: Reply = { kind: 'status', text: 'OK' };

interface KillFilter {
  id: number | null;
  addr: string | null;
  laddr: string | null;
  type: 'normal' | 'pubsub' | 'master' | 'replica' | null;
  skipMe: boolean;
}

function parseKillFilter(args: readonly string[]): KillFilter | Reply {
  const filter: KillFilter = { id: null, addr: null, laddr: null, type: null, skipMe: true };
  if (args.length % 2 !== 0) return err('ERR syntax error');
  for (let i = 0; i < args.length; i += 2) {
    const key = (args[i] as string).toLowerCase();
    const value = args[i + 1] as string;
    if (key === 'id') {
      const id = parseStrictInt(value);
      if (id === null || id <= 0) return err('ERR client-id should be greater than 0');
      filter.id = id;
    } else if (key === 'addr') filter.addr = value;
    else if (key === 'laddr') filter.laddr = value;
    else if (key === 'user')
      continue; // every connection is the default user
    else if (key === 'skipme') {
      const v = value.toLowerCase();
      if (v !== 'yes' && v !== 'no') return err('ERR syntax error');
      filter.skipMe = v === 'yes';
    } else if (key === 'type') {
      const t = value.toLowerCase();
      if (t === 'normal' || t === 'pubsub' || t === 'master') filter.type = t;
      else if (t === 'replica' || t === 'slave') filter.type = 'replica';
      else return err(`ERR Unknown client type '${value}'`);
    } else return err('ERR syntax error');
  }
  return filter;
}

function matches(filter: KillFilter, c: Connection, self: Connection): boolean {
  if (filter.skipMe && c === self) return false;
  if (filter.id !== null && c.id !== filter.id) return false;
  if (filter.addr !== null && c.addr !== filter.addr) return false;
  if (filter.laddr !== null && c.laddr !== filter.laddr) return false;
  if (filter.type === 'master' || filter.type === 'replica') return false; // no replication clients here
  if (filter.type === 'pubsub' && !c.subscribed) return false;
  if (filter.type === 'normal' && c.subscribed) return false;
  return true;
}

function kill(conn: Connection, argv: readonly string[], srv: ServerFacade): void {
  if (argv.length < 3) return conn.write(arityError('client|kill'));
  if (argv.length === 3) {
    // Old form: CLIENT KILL ip:port, +OK or an error.
    const target = [...srv.connections()].find((c) => c.addr === argv[2]);
    if (target === undefined) return conn.write(err('ERR No such client'));
    if (target === conn) return conn.closeAfter(ok);
    target.closeAfter();
    return conn.write(ok);
  }
  const filter = parseKillFilter(argv.slice(2));
  if ('kind' in filter) return conn.write(filter);
  const victims = [...srv.connections()].filter((c) => matches(filter, c, conn));
  const killSelf = victims.includes(conn);
  for (const v of victims) if (v !== conn) v.closeAfter();
  const reply: Reply = { kind: 'int', value: victims.length };
  if (killSelf) return conn.closeAfter(reply);
  conn.write(reply);
}

function list(conn: Connection, srv: ServerFacade): void {
  const now = Date.now();
  const lines = [...srv.connections()].filter((c) => !c.closing).map((c) => c.describe(now) + '\n');
  conn.write({ kind: 'bulk', value: lines.join('') });
}

const HELP_LINES = [
  'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'GETNAME',
  'ID',
  'INFO',
  'KILL <ip:port> | KILL <option> <value> [<option> <value> ...]',
  'LIST',
  'SETINFO <LIB-NAME|LIB-VER> <value>',
  'SETNAME <name>',
  'HELP',
];

export const client: Builtin = (conn, argv, srv) => {
  const sub = argv[1]?.toLowerCase();
  const argc = argv.length;
  const exactly = (n: number, full: string): boolean => {
    if (argc === n) return true;
    conn.write(arityError(full));
    return false;
  };
  switch (sub) {
    case undefined:
      return conn.write(arityError('client'));
    case 'id':
      if (exactly(2, 'client|id')) conn.write({ kind: 'int', value: conn.id });
      return;
    case 'getname':
      if (exactly(2, 'client|getname'))
        conn.write(conn.name === null ? { kind: 'null' } : { kind: 'bulk', value: conn.name });
      return;
    case 'setname': {
      if (!exactly(3, 'client|setname')) return;
      const name = argv[2] as string;
      if (!validClientName(name)) return conn.write(BAD_NAME);
      conn.name = name === '' ? null : name;
      return conn.write(ok);
    }
    case 'setinfo': {
      if (!exactly(4, 'client|setinfo')) return;
      const attr = (argv[2] as string).toLowerCase();
      if (attr === 'lib-name') conn.libName = argv[3] as string;
      else if (attr === 'lib-ver') conn.libVer = argv[3] as string;
      else return conn.write(err(`ERR Unrecognized option '${argv[2]}'`));
      return conn.write(ok);
    }
    case 'info':
      if (exactly(2, 'client|info')) conn.write({ kind: 'bulk', value: conn.describe(Date.now()) + '\n' });
      return;
    case 'list':
      return list(conn, srv);
    case 'kill':
      return kill(conn, argv, srv);
    case 'help':
      return conn.write({ kind: 'array', items: HELP_LINES.map((text) => ({ kind: 'status', text })) });
    default:
      return conn.write(err(`ERR unknown subcommand '${argv[1]}'. Try CLIENT HELP.`));
  }
};
