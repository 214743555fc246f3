// The ordinary redis-server directives sentinel-lab accepts in a sentinel.conf.
//
// redis-sentinel is redis-server in Sentinel mode, so it accepts every server directive. sentinel-lab
// accepts the subset that appears in real sentinel.conf files (the sample file, and what a CONFIG REWRITE
// adds: protected-mode, dir, logfile, user, latency-tracking-info-percentiles) and rejects the rest as
// unknown, so that a typo is caught. `tls-*` and `include` are rejected as unsupported: the engine runs
// without TLS and reads one file. Only `port`, `bind`, `requirepass` and `loglevel` reach the typed
// form; the others are checked for shape and otherwise only kept in place by the rewrite.

/** Default port of a Sentinel (spec §1.2). */
export const DEFAULT_SENTINEL_PORT = 26379;

export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning' | 'nothing';

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'verbose', 'notice', 'warning', 'nothing'];

/** Argument shape of one server directive. `argsMax` null means "no upper bound". */
interface ServerDirectiveShape {
  readonly argsMin: number;
  readonly argsMax: number | null;
  /** Returns a reason when the arguments are invalid. */
  readonly check?: (args: readonly string[]) => string | null;
}

const YES_NO: ServerDirectiveShape = { argsMin: 1, argsMax: 1, check: (a) => checkYesNo(a[0]!) };
const ONE_STRING: ServerDirectiveShape = { argsMin: 1, argsMax: 1 };
const ONE_INT: ServerDirectiveShape = { argsMin: 1, argsMax: 1, check: (a) => checkInteger(a[0]!) };

export function checkYesNo(value: string): string | null {
  const v = value.toLowerCase();
  return v === 'yes' || v === 'no' ? null : `argument must be 'yes' or 'no', got '${value}'`;
}

function checkInteger(value: string): string | null {
  return /^-?\d+$/.test(value) ? null : `argument must be an integer, got '${value}'`;
}

export function checkPort(value: string): string | null {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    return `invalid port '${value}': must be an integer in 0..65535`;
  }
  return null;
}

function checkOneOf(value: string, allowed: readonly string[]): string | null {
  return allowed.includes(value.toLowerCase())
    ? null
    : `argument must be one of ${allowed.join('|')}, got '${value}'`;
}

/** Directive name (lower case) → accepted shape. */
export const SERVER_DIRECTIVES: ReadonlyMap<string, ServerDirectiveShape> = new Map<
  string,
  ServerDirectiveShape
>([
  ['port', { argsMin: 1, argsMax: 1, check: (a) => checkPort(a[0]!) }],
  ['bind', { argsMin: 1, argsMax: 16 }],
  ['requirepass', ONE_STRING],
  ['loglevel', { argsMin: 1, argsMax: 1, check: (a) => checkOneOf(a[0]!, LOG_LEVELS) }],
  ['daemonize', YES_NO],
  ['protected-mode', YES_NO],
  ['always-show-logo', YES_NO],
  ['syslog-enabled', YES_NO],
  ['set-proc-title', YES_NO],
  ['pidfile', ONE_STRING],
  ['logfile', ONE_STRING],
  ['dir', ONE_STRING],
  ['syslog-ident', ONE_STRING],
  ['syslog-facility', ONE_STRING],
  ['unixsocket', ONE_STRING],
  ['proc-title-template', ONE_STRING],
  ['aclfile', ONE_STRING],
  ['unixsocketperm', ONE_INT],
  ['timeout', ONE_INT],
  ['tcp-keepalive', ONE_INT],
  ['tcp-backlog', ONE_INT],
  ['maxclients', ONE_INT],
  ['hz', ONE_INT],
  ['acllog-max-len', ONE_INT],
  [
    'supervised',
    { argsMin: 1, argsMax: 1, check: (a) => checkOneOf(a[0]!, ['no', 'upstart', 'systemd', 'auto']) },
  ],
  ['latency-tracking-info-percentiles', { argsMin: 0, argsMax: null }],
  ['user', { argsMin: 1, argsMax: null }],
]);

/** Directives recognised but refused, with the reason given to the user. */
export function unsupportedReason(directive: string): string | null {
  if (directive.startsWith('tls-')) {
    return `'${directive}' is not supported: sentinel-lab runs Sentinels without TLS`;
  }
  if (directive === 'include') {
    return `'include' is not supported: give sentinel-lab one self-contained file`;
  }
  return null;
}
