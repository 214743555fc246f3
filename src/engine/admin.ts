// SENTINEL MONITOR / REMOVE / SET / CONFIG / DEBUG / SIMULATE-FAILURE (spec §12, §1.1, §1.3).

import { isValidHost } from './addr.js';
import type { Core } from './core.js';
import { SIMFAILURE_CRASH_AFTER_ELECTION, SIMFAILURE_CRASH_AFTER_PROMOTION } from './failover.js';
import { globMatch } from './glob.js';
import type { Master } from './instance.js';
import { newMaster } from './instance.js';
import type { Reply } from './io.js';
import { DEBUG_KEYS } from './profile.js';
import { releaseMaster } from './reset.js';
import { bulkArray, err, OK, parseLongLong } from './replyutil.js';

export function monitor(core: Core, argv: readonly string[], nowMs: number): Reply {
  const [, , name, host, portText, quorumText] = argv as [string, string, string, string, string, string];
  const quorum = parseLongLong(quorumText);
  if (quorum === null) return err('ERR Invalid quorum');
  const port = parseLongLong(portText);
  if (port === null) return err('ERR Invalid port');
  if (quorum <= 0) return err('ERR Quorum must be 1 or greater.');
  if (!isValidHost(core, host)) return err('ERR Invalid IP address or hostname specified');
  if (core.masters.has(name)) return err('ERR Duplicate master name.');
  if (port < 0 || port > 65535) return err('ERR Invalid port number.');
  const m = newMaster(nowMs, {
    name,
    addr: { host, port },
    quorum,
    downAfterMs: core.timing.defaultDownAfterMs,
    failoverTimeoutMs: core.timing.defaultFailoverTimeoutMs,
  });
  core.masters.set(name, m);
  core.persistSoon();
  core.event('warning', '+monitor', m, `quorum ${quorum}`);
  return OK;
}

export function remove(core: Core, m: Master): Reply {
  core.event('warning', '-monitor', m);
  releaseMaster(core, m);
  core.masters.delete(m.name);
  core.persistSoon();
  return OK;
}

const SET_SCRIPT_DENIED =
  'ERR Reconfiguration of scripts path is denied for security reasons. Check the deny-scripts-reconfig ' +
  'configuration directive in your Sentinel configuration';

/** SENTINEL SET: options applied left to right, no atomicity (§12). */
export function set(core: Core, m: Master, argv: readonly string[]): Reply {
  let changes = 0;
  const finish = (reply: Reply): Reply => {
    if (changes > 0) core.persistSoon();
    return reply;
  };
  for (let j = 3; j < argv.length; j++) {
    const option = argv[j]!;
    const opt = option.toLowerCase();
    const more = argv.length - 1 - j;
    const value = argv[j + 1] ?? '';
    const badArg = (): Reply => finish(err(`ERR Invalid argument '${value}' for SENTINEL SET '${option}'`));
    const ll = parseLongLong(value);
    let shown: string[] = [value];
    if (opt === 'down-after-milliseconds' && more > 0) {
      if (ll === null || ll <= 0) return badArg();
      m.downAfterMs = ll;
      for (const r of m.slaves.values()) r.downAfterMs = ll;
      for (const p of m.sentinels.values()) p.downAfterMs = ll;
    } else if (opt === 'failover-timeout' && more > 0) {
      if (ll === null || ll <= 0) return badArg();
      m.failoverTimeoutMs = ll;
    } else if (opt === 'parallel-syncs' && more > 0) {
      if (ll === null || ll <= 0) return badArg();
      m.parallelSyncs = ll;
    } else if ((opt === 'notification-script' || opt === 'client-reconfig-script') && more > 0) {
      if (core.global.denyScriptsReconfig) return finish(err(SET_SCRIPT_DENIED));
      // The engine cannot look at files: the driver says whether the path is an executable (§1.3).
      if (value !== '' && !core.options.scriptExecutable(value)) {
        return finish(
          err(
            opt === 'notification-script'
              ? 'ERR Notification script seems non existing or non executable'
              : 'ERR Client reconfiguration script seems non existing or non executable',
          ),
        );
      }
      if (opt === 'notification-script') m.notificationScript = value === '' ? null : value;
      else m.clientReconfigScript = value === '' ? null : value;
    } else if ((opt === 'auth-pass' || opt === 'auth-user') && more > 0) {
      if (opt === 'auth-pass') m.authPass = value === '' ? null : value;
      else m.authUser = value === '' ? null : value;
      if (opt === 'auth-pass') shown = ['******'];
      core.closeLink(m.link);
      for (const r of m.slaves.values()) core.closeLink(r.link);
    } else if (opt === 'quorum' && more > 0) {
      if (ll === null || ll <= 0) return badArg();
      m.quorum = ll;
    } else if (opt === 'rename-command' && more > 1) {
      const renamed = argv[j + 2]!;
      if (value === '' || renamed === '') {
        return finish(
          err(`ERR Invalid argument '${value === '' ? value : renamed}' for SENTINEL SET '${option}'`),
        );
      }
      if (value.toLowerCase() === renamed.toLowerCase()) m.renames.delete(value.toLowerCase());
      else m.renames.set(value.toLowerCase(), [value, renamed]);
      shown = [value, renamed];
      j++;
    } else if (opt === 'master-reboot-down-after-period' && more > 0) {
      if (ll === null || ll < 0) return badArg();
      m.masterRebootDownAfterMs = ll;
    } else {
      return finish(err(`ERR Unknown option or number of arguments for SENTINEL SET '${option}'`));
    }
    j++;
    changes++;
    core.event('warning', '+set', m, `${option} ${shown.join(' ')}`);
  }
  return finish(OK);
}

type ConfigName =
  | 'resolve-hostnames'
  | 'announce-hostnames'
  | 'announce-ip'
  | 'announce-port'
  | 'sentinel-user'
  | 'sentinel-pass'
  | 'loglevel';
const CONFIG_NAMES: readonly ConfigName[] = [
  'resolve-hostnames',
  'announce-hostnames',
  'announce-ip',
  'announce-port',
  'sentinel-user',
  'sentinel-pass',
  'loglevel',
];
const LOGLEVELS = ['debug', 'verbose', 'notice', 'warning', 'nothing'] as const;

function configValue(core: Core, name: ConfigName): string {
  const g = core.global;
  switch (name) {
    case 'resolve-hostnames':
      return g.resolveHostnames ? 'yes' : 'no';
    case 'announce-hostnames':
      return g.announceHostnames ? 'yes' : 'no';
    case 'announce-ip':
      return g.announceIp ?? '';
    case 'announce-port':
      return String(g.announcePort);
    case 'sentinel-user':
      return g.sentinelUser ?? '';
    case 'sentinel-pass':
      return g.sentinelPass ?? '';
    case 'loglevel':
      return g.loglevel;
  }
}

export function config(core: Core, argv: readonly string[]): Reply {
  const sub = argv[2]!.toLowerCase();
  if (sub === 'get') {
    const entries: [string, Reply][] = [];
    const seen = new Set<string>();
    for (const pattern of argv.slice(3)) {
      for (const name of CONFIG_NAMES) {
        if (seen.has(name) || !globMatch(pattern, name, true)) continue;
        seen.add(name);
        entries.push([name, { kind: 'bulk', value: configValue(core, name) }]);
      }
    }
    return { kind: 'map', entries };
  }
  if (sub === 'set') return configSet(core, argv);
  return err(`ERR unknown subcommand '${argv[2]!}'. Try SENTINEL HELP.`);
}

function validConfigValue(name: ConfigName, v: string): boolean {
  switch (name) {
    case 'resolve-hostnames':
    case 'announce-hostnames':
      return ['yes', 'no'].includes(v.toLowerCase());
    case 'announce-port': {
      const n = parseLongLong(v);
      return n !== null && n >= 0 && n <= 65535;
    }
    case 'loglevel':
      return (LOGLEVELS as readonly string[]).includes(v.toLowerCase());
    default:
      return true;
  }
}

function configSet(core: Core, argv: readonly string[]): Reply {
  const pairs: [ConfigName, string][] = [];
  for (let i = 3; i < argv.length; i++) {
    const option = argv[i]!;
    const name = CONFIG_NAMES.find((n) => n === option.toLowerCase());
    if (name === undefined) return err(`ERR Invalid argument '${option}' to SENTINEL CONFIG SET`);
    if (pairs.some(([n]) => n === name))
      return err(`ERR Duplicate argument '${option}' to SENTINEL CONFIG SET`);
    if (i + 1 === argv.length) return err(`ERR Missing argument '${option}' value`);
    const value = argv[++i]!;
    if (!validConfigValue(name, value))
      return err(`ERR Invalid value '${value}' to SENTINEL CONFIG SET '${option}'`);
    pairs.push([name, value]);
  }
  let dropPeerLinks = false;
  const g = core.global;
  for (const [name, v] of pairs) {
    switch (name) {
      case 'resolve-hostnames':
        g.resolveHostnames = v.toLowerCase() === 'yes';
        break;
      case 'announce-hostnames':
        g.announceHostnames = v.toLowerCase() === 'yes';
        break;
      case 'announce-ip':
        g.announceIp = v === '' ? null : v;
        break;
      case 'announce-port':
        g.announcePort = Number(v);
        break;
      case 'sentinel-user':
        g.sentinelUser = v === '' ? null : v;
        dropPeerLinks = true;
        break;
      case 'sentinel-pass':
        g.sentinelPass = v === '' ? null : v;
        dropPeerLinks = true;
        break;
      case 'loglevel':
        g.loglevel = v.toLowerCase() as (typeof LOGLEVELS)[number];
        break;
    }
  }
  if (dropPeerLinks) {
    for (const m of core.masters.values()) for (const p of m.sentinels.values()) core.closeLink(p.link);
  }
  core.persistSoon();
  return OK;
}

export function debug(core: Core, argv: readonly string[]): Reply {
  if (argv.length === 2) {
    return {
      kind: 'map',
      entries: DEBUG_KEYS.map(([key, field]) => [key, { kind: 'bulk', value: String(core.timing[field]) }]),
    };
  }
  for (let j = 2; j < argv.length; j++) {
    const option = argv[j]!;
    const entry = DEBUG_KEYS.find(([key]) => key.toLowerCase() === option.toLowerCase());
    if (entry === undefined || j + 1 >= argv.length) {
      return err(`ERR Unknown option or number of arguments for SENTINEL DEBUG '${option}'`);
    }
    const value = argv[++j]!;
    const n = parseLongLong(value);
    if (n === null || n <= 0) return err(`ERR Invalid argument '${value}' for SENTINEL DEBUG '${option}'`);
    core.timing[entry[1]] = n;
  }
  return OK;
}

export function simulateFailure(core: Core, argv: readonly string[]): Reply {
  core.simFailureFlags = 0;
  for (const a of argv.slice(2)) {
    const f = a.toLowerCase();
    if (f === 'crash-after-election') core.simFailureFlags |= SIMFAILURE_CRASH_AFTER_ELECTION;
    else if (f === 'crash-after-promotion') core.simFailureFlags |= SIMFAILURE_CRASH_AFTER_PROMOTION;
    else if (f === 'help') return bulkArray(['crash-after-election', 'crash-after-promotion']);
    else return err('ERR Unknown failure simulation specified');
  }
  return OK;
}
