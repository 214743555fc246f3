// The commands the RESP server answers itself, whatever the dispatcher: connection handling (HELLO,
// AUTH, PING, QUIT, CLIENT, COMMAND) and pub/sub (SUBSCRIBE family). Reply texts follow redis-server 7.0
// as observed on the wire, so that clients which match on them (ioredis: NOAUTH, NOPROTO) behave.
import type { Reply } from '../engine/io.js';
import type { Connection } from './resp-conn.js';
import { parseStrictInt } from './resp.js';

/** What the commands need from the server. */
export interface ServerFacade {
  readonly requirePass: string | null;
  readonly hello: {
    readonly server: string;
    readonly version: string;
    readonly mode: string;
    readonly role: string;
  };
  connections(): Iterable<Connection>;
  /** Number of command names the server knows (built-ins plus the dispatcher's). */
  commandCount(): number;
}

export type Builtin = (conn: Connection, argv: readonly string[], srv: ServerFacade) => void;

export const err = (text: string): Reply => ({ kind: 'error', text });
const ok: Reply = { kind: 'status', text: 'OK' };
const bulk = (value: string): Reply => ({ kind: 'bulk', value });
const int = (value: number): Reply => ({ kind: 'int', value });

export function arityError(fullName: string): Reply {
  return err(`ERR wrong number of arguments for '${fullName}' command`);
}

export const WRONGPASS = err('WRONGPASS invalid username-password pair or user is disabled.');

/** Redis accepts names made only of printable ASCII without spaces ('!'..'~'). */
export function validClientName(name: string): boolean {
  return /^[!-~]*$/.test(name);
}
export const BAD_NAME = err('ERR Client names cannot contain spaces, newlines or special characters.');

/** True when (user, pass) opens the default user; with no requirepass any password works for it. */
function credentialsOk(srv: ServerFacade, user: string, pass: string): boolean {
  if (user !== 'default') return false;
  return srv.requirePass === null || pass === srv.requirePass;
}

const auth: Builtin = (conn, argv, srv) => {
  if (argv.length < 2) return conn.write(arityError('auth'));
  if (argv.length > 3) return conn.write(err('ERR syntax error'));
  if (argv.length === 2 && srv.requirePass === null) {
    return conn.write(
      err(
        'ERR AUTH <password> called without any password configured for the default user. ' +
          'Are you sure your configuration is correct?',
      ),
    );
  }
  const [user, pass] =
    argv.length === 3 ? [argv[1] as string, argv[2] as string] : ['default', argv[1] as string];
  if (!credentialsOk(srv, user, pass)) return conn.write(WRONGPASS);
  conn.setAuthenticated(true);
  conn.write(ok);
};

interface HelloArgs {
  readonly protocol: 2 | 3 | null;
  readonly auth: readonly [string, string] | null;
  readonly setName: string | null;
}

function parseHello(argv: readonly string[]): HelloArgs | Reply {
  let protocol: 2 | 3 | null = null;
  if (argv.length >= 2) {
    const ver = parseStrictInt(argv[1] as string);
    if (ver === null) return err('ERR Protocol version is not an integer or out of range');
    if (ver !== 2 && ver !== 3) return err('NOPROTO unsupported protocol version');
    protocol = ver;
  }
  let authPair: readonly [string, string] | null = null;
  let setName: string | null = null;
  for (let i = 2; i < argv.length; i++) {
    const opt = argv[i] as string;
    const lower = opt.toLowerCase();
    if (lower === 'auth' && i + 2 < argv.length) {
      authPair = [argv[i + 1] as string, argv[i + 2] as string];
      i += 2;
    } else if (lower === 'setname' && i + 1 < argv.length) {
      setName = argv[i + 1] as string;
      i += 1;
    } else {
      return err(`ERR Syntax error in HELLO option '${opt}'`);
    }
  }
  return { protocol, auth: authPair, setName };
}

const hello: Builtin = (conn, argv, srv) => {
  const parsed = parseHello(argv);
  if ('kind' in parsed) return conn.write(parsed);
  if (parsed.auth !== null) {
    if (!credentialsOk(srv, parsed.auth[0], parsed.auth[1])) return conn.write(WRONGPASS);
    conn.setAuthenticated(true);
  }
  if (!conn.authenticated) {
    return conn.write(
      err(
        'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH ' +
          '<user> <pass> option can be used to authenticate the client and select the RESP protocol ' +
          'version at the same time',
      ),
    );
  }
  if (parsed.setName !== null) {
    if (!validClientName(parsed.setName)) return conn.write(BAD_NAME);
    conn.name = parsed.setName === '' ? null : parsed.setName;
  }
  if (parsed.protocol !== null) conn.protocol = parsed.protocol;
  conn.write({
    kind: 'map',
    entries: [
      ['server', bulk(srv.hello.server)],
      ['version', bulk(srv.hello.version)],
      ['proto', int(conn.protocol)],
      ['id', int(conn.id)],
      ['mode', bulk(srv.hello.mode)],
      ['role', bulk(srv.hello.role)],
      ['modules', { kind: 'array', items: [] }],
    ],
  });
};

const ping: Builtin = (conn, argv) => {
  if (argv.length > 2) return conn.write(arityError('ping'));
  const message = argv[1];
  // RESP2 has no push type, so a subscribed client gets PING's answer in the message-array shape.
  if (conn.subscribed && conn.protocol === 2) {
    return conn.write({ kind: 'push', items: [bulk('pong'), bulk(message ?? '')] });
  }
  conn.write(message === undefined ? { kind: 'status', text: 'PONG' } : bulk(message));
};

const quit: Builtin = (conn) => conn.closeAfter(ok);

function subscriptionCount(conn: Connection): Reply {
  return int(conn.channels.size + conn.patterns.size);
}

function subscriber(kind: 'subscribe' | 'psubscribe'): Builtin {
  return (conn, argv) => {
    if (argv.length < 2) return conn.write(arityError(kind));
    const set = kind === 'subscribe' ? conn.channels : conn.patterns;
    for (const name of argv.slice(1)) {
      set.add(name);
      conn.write({ kind: 'push', items: [bulk(kind), bulk(name), subscriptionCount(conn)] });
    }
  };
}

function unsubscriber(kind: 'unsubscribe' | 'punsubscribe'): Builtin {
  return (conn, argv) => {
    const set = kind === 'unsubscribe' ? conn.channels : conn.patterns;
    const names = argv.length > 1 ? argv.slice(1) : [...set];
    if (names.length === 0) {
      return conn.write({ kind: 'push', items: [bulk(kind), { kind: 'null' }, subscriptionCount(conn)] });
    }
    for (const name of names) {
      set.delete(name);
      conn.write({ kind: 'push', items: [bulk(kind), bulk(name), subscriptionCount(conn)] });
    }
  };
}

const command: Builtin = (conn, argv, srv) => {
  const sub = argv[1]?.toLowerCase();
  if (sub === undefined) return conn.write({ kind: 'array', items: [] });
  switch (sub) {
    case 'count':
      return conn.write(int(srv.commandCount()));
    // redis-cli asks for COMMAND DOCS at start; an empty map makes it use its built-in help.
    case 'docs':
      return conn.write({ kind: 'map', entries: [] });
    case 'info':
      return conn.write({ kind: 'array', items: argv.slice(2).map((): Reply => ({ kind: 'null' })) });
    default:
      return conn.write(err(`ERR unknown subcommand '${argv[1]}'. Try COMMAND HELP.`));
  }
};

export const CONNECTION_BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['auth', auth],
  ['hello', hello],
  ['ping', ping],
  ['quit', quit],
  ['command', command],
  ['subscribe', subscriber('subscribe')],
  ['psubscribe', subscriber('psubscribe')],
  ['unsubscribe', unsubscriber('unsubscribe')],
  ['punsubscribe', unsubscriber('punsubscribe')],
]);

/** Commands allowed while a RESP2 connection is subscribed (Redis 7 text lists them). */
export const SUBSCRIBED_ALLOWED: ReadonlySet<string> = new Set([
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'unsubscribe',
  'punsubscribe',
  'sunsubscribe',
  'ping',
  'quit',
  'reset',
]);

/** Commands that run before authentication. */
export const NO_AUTH_COMMANDS: ReadonlySet<string> = new Set(['auth', 'hello', 'quit']);
