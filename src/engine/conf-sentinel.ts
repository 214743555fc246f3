// The `sentinel …` directives of a sentinel.conf (spec §14.1), applied to a draft by conf.ts in three
// passes: globals, then `monitor`, then the per-master directives.

import { ConfError, type ConfErrorCode } from './conf-errors.js';
import type { ConfDraft, ConfLine, MasterDraft } from './conf.js';
import { checkPort, checkYesNo } from './conf-server.js';

/** Pass-1 directives (spec §14.1). */
export const GLOBAL_DIRECTIVES: ReadonlySet<string> = new Set([
  'announce-ip',
  'announce-port',
  'deny-scripts-reconfig',
  'sentinel-user',
  'sentinel-pass',
  'current-epoch',
  'myid',
  'resolve-hostnames',
  'announce-hostnames',
]);

/** Pass-3 directives → number of arguments after the sub-command (master name included). */
const PER_MASTER_ARITY: ReadonlyMap<string, readonly number[]> = new Map([
  ['down-after-milliseconds', [2]],
  ['failover-timeout', [2]],
  ['parallel-syncs', [2]],
  ['notification-script', [2]],
  ['client-reconfig-script', [2]],
  ['auth-pass', [2]],
  ['auth-user', [2]],
  ['master-reboot-down-after-period', [2]],
  ['rename-command', [3]],
  ['config-epoch', [2]],
  ['leader-epoch', [2]],
  ['known-replica', [3]],
  ['known-slave', [3]],
  // The old form without a run id (3 arguments) is accepted and ignored (spec §2.6).
  ['known-sentinel', [3, 4]],
]);

/** What `sentinel monitor` gives a new master (spec §1.1 default-down-after / default-failover-timeout, §1.3). */
export const MASTER_DEFAULTS = {
  downAfterMs: 30000,
  failoverTimeoutMs: 180000,
  parallelSyncs: 1,
  masterRebootDownAfterPeriodMs: 0,
} as const;

/** Run ids and `myid` are 40 characters (spec §1.2); Redis checks the length only. */
const RUN_ID_LENGTH = 40;

/** The helpers every directive handler needs: its arguments and a way to fail naming the line. */
class Ctx {
  readonly sub: string;
  readonly directive: string;
  /** Arguments after `sentinel <sub>`. */
  readonly args: readonly string[];
  constructor(
    readonly line: ConfLine,
    readonly fileName: string,
  ) {
    this.sub = (line.args[1] ?? '').toLowerCase();
    this.directive = line.args.slice(0, 2).join(' ');
    this.args = line.args.slice(2);
  }
  fail(code: ConfErrorCode, reason: string): never {
    throw new ConfError(code, this.line.lineNo, this.directive, reason, this.fileName);
  }
  arity(allowed: readonly number[]): void {
    if (!allowed.includes(this.args.length)) {
      this.fail(
        'wrong-arg-count',
        `wrong number of arguments for '${this.directive}' (expected ${allowed.join(' or ')}, got ${this.args.length})`,
      );
    }
  }
  invalid(what: string, value: string, rule: string): never {
    return this.fail('invalid-value', `invalid ${what} '${value}' for '${this.directive}': ${rule}`);
  }
}

/**
 * C `atoi`: optional leading whitespace and sign, then digits up to the first non-digit; 0 if none.
 * Redis reads quorum and the per-master times with it, so `2x` is 2 and `abc` is 0 (§1.3 quirk).
 */
export function atoi(value: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(value);
  return m === null ? 0 : Number(m[1]);
}

/** Epochs: sentinel-lab requires a plain non-negative integer (Redis' strtoull would read `abc` as 0). */
function parseEpoch(ctx: Ctx, value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    ctx.invalid('epoch', value, 'must be a non-negative integer');
  }
  return Number(value);
}

function parsePort(ctx: Ctx, value: string): number {
  const reason = checkPort(value);
  if (reason !== null) ctx.fail('invalid-value', `${reason} for '${ctx.directive}'`);
  return Number(value);
}

function isIpLiteral(host: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4 !== null) return v4.slice(1).every((octet) => Number(octet) <= 255);
  return host.includes(':') && /^[0-9a-fA-F:.]+$/.test(host);
}

/** Without resolve-hostnames only IP literals are accepted (spec §2.2). */
function parseHost(ctx: Ctx, draft: ConfDraft, host: string): string {
  if (!draft.resolveHostnames && !isIpLiteral(host)) {
    ctx.invalid('address', host, 'an IP literal is required unless resolve-hostnames is yes');
  }
  if (host === '') ctx.invalid('address', host, 'empty host');
  return host;
}

function parseYesNo(ctx: Ctx, value: string): boolean {
  const reason = checkYesNo(value);
  if (reason !== null) ctx.fail('invalid-value', `${reason} for '${ctx.directive}'`);
  return value.toLowerCase() === 'yes';
}

const orNull = (value: string): string | null => (value === '' ? null : value);

export function applyGlobal(draft: ConfDraft, line: ConfLine, fileName: string): void {
  const ctx = new Ctx(line, fileName);
  if (line.args.length < 2) ctx.fail('wrong-arg-count', `'sentinel' needs a sub-command`);
  ctx.arity([1]);
  const value = ctx.args[0]!;
  switch (ctx.sub) {
    case 'announce-ip':
      draft.announceIp = orNull(value);
      return;
    case 'announce-port':
      draft.announcePort = parsePort(ctx, value);
      return;
    case 'deny-scripts-reconfig':
      draft.denyScriptsReconfig = parseYesNo(ctx, value);
      return;
    case 'resolve-hostnames':
      draft.resolveHostnames = parseYesNo(ctx, value);
      return;
    case 'announce-hostnames':
      draft.announceHostnames = parseYesNo(ctx, value);
      return;
    case 'sentinel-user':
      draft.sentinelUser = orNull(value);
      return;
    case 'sentinel-pass':
      draft.sentinelPass = orNull(value);
      return;
    case 'current-epoch':
      // §14.1: current-epoch only raises (config-epoch lines may already have raised it).
      draft.currentEpoch = Math.max(draft.currentEpoch, parseEpoch(ctx, value));
      return;
    case 'myid':
      if (value.length !== RUN_ID_LENGTH) {
        ctx.invalid('myid', value, `must be exactly ${RUN_ID_LENGTH} characters (got ${value.length})`);
      }
      draft.myid = value;
      return;
    default:
      ctx.fail('unknown-directive', `unknown directive '${ctx.directive}'`);
  }
}

export function applyMonitor(draft: ConfDraft, line: ConfLine, fileName: string): void {
  const ctx = new Ctx(line, fileName);
  ctx.arity([4]);
  const [name, hostArg, portArg, quorumArg] = ctx.args as [string, string, string, string];
  const quorum = atoi(quorumArg);
  if (quorum < 1) ctx.invalid('quorum', quorumArg, 'must be 1 or greater');
  const host = parseHost(ctx, draft, hostArg);
  const port = parsePort(ctx, portArg);
  if (draft.masters.has(name)) ctx.fail('duplicate-master', `duplicate master name '${name}'`);
  draft.masters.set(name, {
    name,
    host,
    port,
    quorum,
    ...MASTER_DEFAULTS,
    notificationScript: null,
    clientReconfigScript: null,
    authPass: null,
    authUser: null,
    renameCommands: [],
    configEpoch: 0,
    leaderEpoch: 0,
    knownReplicas: [],
    knownSentinels: [],
  });
}

export function applyPerMaster(draft: ConfDraft, line: ConfLine, fileName: string): void {
  const ctx = new Ctx(line, fileName);
  const arity = PER_MASTER_ARITY.get(ctx.sub);
  if (arity === undefined) return ctx.fail('unknown-directive', `unknown directive '${ctx.directive}'`);
  ctx.arity(arity);
  const name = ctx.args[0]!;
  const master = draft.masters.get(name);
  if (master === undefined) {
    return ctx.fail('unknown-master', `'${ctx.directive}' names unknown master '${name}'`);
  }
  applyToMaster(ctx, draft, master);
}

function positiveMs(ctx: Ctx, value: string): number {
  const ms = atoi(value);
  if (ms <= 0) ctx.invalid('time', value, 'must be greater than 0');
  return ms;
}

function applyToMaster(ctx: Ctx, draft: ConfDraft, m: MasterDraft): void {
  const v = ctx.args[1]!;
  switch (ctx.sub) {
    case 'down-after-milliseconds':
      m.downAfterMs = positiveMs(ctx, v);
      return;
    case 'failover-timeout':
      m.failoverTimeoutMs = positiveMs(ctx, v);
      return;
    case 'parallel-syncs':
      // §1.3 / §17.7 [quirk]: not validated in the file; any atoi value, 0 and negatives included.
      m.parallelSyncs = atoi(v);
      return;
    case 'master-reboot-down-after-period': {
      const ms = atoi(v);
      if (ms < 0) ctx.invalid('time', v, 'must be 0 or greater');
      m.masterRebootDownAfterPeriodMs = ms;
      return;
    }
    case 'notification-script':
      // Existence and executability are checked by the runtime that runs scripts, not the engine.
      m.notificationScript = orNull(v);
      return;
    case 'client-reconfig-script':
      m.clientReconfigScript = orNull(v);
      return;
    case 'auth-pass':
      m.authPass = orNull(v);
      return;
    case 'auth-user':
      m.authUser = orNull(v);
      return;
    default:
      applyStateToMaster(ctx, draft, m);
  }
}

function applyStateToMaster(ctx: Ctx, draft: ConfDraft, m: MasterDraft): void {
  const v = ctx.args[1]!;
  switch (ctx.sub) {
    case 'rename-command': {
      const renamed = ctx.args[2]!;
      if (v === '' || renamed === '') ctx.invalid('command name', '', 'must not be empty');
      if (m.renameCommands.some(([old]) => old.toLowerCase() === v.toLowerCase())) {
        ctx.fail('duplicate-rename', `command '${v}' of master '${m.name}' is renamed twice`);
      }
      m.renameCommands.push([v, renamed]);
      return;
    }
    case 'config-epoch':
      m.configEpoch = parseEpoch(ctx, v);
      // §14.1: a config epoch also raises the current epoch.
      draft.currentEpoch = Math.max(draft.currentEpoch, m.configEpoch);
      return;
    case 'leader-epoch':
      m.leaderEpoch = parseEpoch(ctx, v);
      return;
    case 'known-replica':
    case 'known-slave': {
      const addr = { host: parseHost(ctx, draft, v), port: parsePort(ctx, ctx.args[2]!) };
      // A repeated address is ignored (redis-sentinel 7.0.15 loads such files without complaint).
      if (!m.knownReplicas.some((r) => r.host === addr.host && r.port === addr.port)) {
        m.knownReplicas.push(addr);
      }
      return;
    }
    case 'known-sentinel':
      applyKnownSentinel(ctx, draft, m);
      return;
    default:
      ctx.fail('unknown-directive', `unknown directive '${ctx.directive}'`);
  }
}

function applyKnownSentinel(ctx: Ctx, draft: ConfDraft, m: MasterDraft): void {
  const host = parseHost(ctx, draft, ctx.args[1]!);
  const port = parsePort(ctx, ctx.args[2]!);
  const runId = ctx.args[3];
  if (runId === undefined) return; // old form without run id: ignored (spec §2.6)
  if (runId.length !== RUN_ID_LENGTH) {
    ctx.invalid('run id', runId, `must be exactly ${RUN_ID_LENGTH} characters (got ${runId.length})`);
  }
  const duplicate = m.knownSentinels.some((s) => s.runId === runId || (s.host === host && s.port === port));
  if (!duplicate) m.knownSentinels.push({ host, port, runId });
}
