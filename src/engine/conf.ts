// sentinel.conf text → `SentinelConf` (spec §1.3, §1.4, §14.1).
//
// Order of work, as redis-sentinel does it: every line is lexed and server directives are applied in
// file order; `sentinel …` lines are queued and then applied in three passes regardless of their place
// in the file — (1) the globals, (2) `monitor`, (3) everything else — so a `config-epoch` may precede
// the `monitor` of its master. Any error is fatal and names the line (§14.1: "Any error is fatal").
//
// Deliberate deviations (each documented where it happens): ports and epochs must be plain decimal
// integers (Redis reads some with atoi/strtoull and would accept `abc` as 0); script paths are not
// checked for existence (the engine has no file system); only a documented subset of server
// directives is accepted (conf-server.ts).

import type { Address } from './io.js';
import type { KnownSentinel, MasterConf, SentinelConf } from './conf-types.js';
import { ConfError, type ConfErrorCode } from './conf-errors.js';
import { isCommentOrBlank, splitConfigArgs, trimConfigLine } from './conf-lex.js';
import { DEFAULT_SENTINEL_PORT, SERVER_DIRECTIVES, unsupportedReason, type LogLevel } from './conf-server.js';
import { applyGlobal, applyPerMaster, applyMonitor, GLOBAL_DIRECTIVES } from './conf-sentinel.js';

export { ConfError, type ConfErrorCode } from './conf-errors.js';
export { rewriteSentinelConf, REWRITE_SIGNATURE, type RewriteOptions } from './conf-rewrite.js';
export { MASTER_DEFAULTS } from './conf-sentinel.js';
export { DEFAULT_SENTINEL_PORT } from './conf-server.js';

/** One lexed, non-comment line. `args[0]` is the directive as written. */
export interface ConfLine {
  readonly lineNo: number;
  readonly args: readonly string[];
}

/** Mutable twin of `MasterConf` used while loading. */
export interface MasterDraft {
  name: string;
  host: string;
  port: number;
  quorum: number;
  downAfterMs: number;
  failoverTimeoutMs: number;
  parallelSyncs: number;
  masterRebootDownAfterPeriodMs: number;
  notificationScript: string | null;
  clientReconfigScript: string | null;
  authPass: string | null;
  authUser: string | null;
  renameCommands: [string, string][];
  configEpoch: number;
  leaderEpoch: number;
  knownReplicas: Address[];
  knownSentinels: KnownSentinel[];
}

/** Mutable twin of `SentinelConf` used while loading. */
export interface ConfDraft {
  port: number;
  bind: string[];
  myid: string | null;
  currentEpoch: number;
  announceIp: string | null;
  announcePort: number;
  denyScriptsReconfig: boolean;
  resolveHostnames: boolean;
  announceHostnames: boolean;
  sentinelUser: string | null;
  sentinelPass: string | null;
  requirepass: string | null;
  loglevel: LogLevel;
  masters: Map<string, MasterDraft>;
}

export interface ParseConfOptions {
  /** Name used in error messages (default `sentinel.conf`). */
  readonly fileName?: string;
}

function emptyDraft(): ConfDraft {
  return {
    port: DEFAULT_SENTINEL_PORT,
    bind: [],
    myid: null,
    currentEpoch: 0,
    announceIp: null,
    announcePort: 0,
    denyScriptsReconfig: true,
    resolveHostnames: false,
    announceHostnames: false,
    sentinelUser: null,
    sentinelPass: null,
    requirepass: null,
    loglevel: 'notice',
    masters: new Map(),
  };
}

/** Lex a whole file into its non-comment lines; throws on unbalanced quotes. */
export function lexConfLines(text: string, fileName = 'sentinel.conf'): ConfLine[] {
  const out: ConfLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const trimmed = trimConfigLine(raw);
    if (isCommentOrBlank(trimmed)) return;
    const args = splitConfigArgs(trimmed);
    if (args === null) {
      const directive = trimmed.split(/\s+/)[0] ?? '';
      throw new ConfError('unbalanced-quotes', index + 1, directive, 'unbalanced quotes', fileName);
    }
    if (args.length === 0) return;
    out.push({ lineNo: index + 1, args });
  });
  return out;
}

export function parseSentinelConf(text: string, options: ParseConfOptions = {}): SentinelConf {
  const fileName = options.fileName ?? 'sentinel.conf';
  const draft = emptyDraft();
  const sentinelLines: ConfLine[] = [];
  for (const line of lexConfLines(text, fileName)) {
    const directive = line.args[0]!.toLowerCase();
    if (directive === 'sentinel') sentinelLines.push(line);
    else applyServerDirective(draft, line, directive, fileName);
  }
  const isGlobal = (l: ConfLine): boolean => GLOBAL_DIRECTIVES.has((l.args[1] ?? '').toLowerCase());
  const isMonitor = (l: ConfLine): boolean => (l.args[1] ?? '').toLowerCase() === 'monitor';
  for (const l of sentinelLines) if (l.args.length < 2 || isGlobal(l)) applyGlobal(draft, l, fileName);
  for (const l of sentinelLines) if (isMonitor(l)) applyMonitor(draft, l, fileName);
  for (const l of sentinelLines) {
    if (l.args.length >= 2 && !isGlobal(l) && !isMonitor(l)) applyPerMaster(draft, l, fileName);
  }
  return freezeDraft(draft);
}

function applyServerDirective(draft: ConfDraft, line: ConfLine, directive: string, fileName: string): void {
  const fail = (code: ConfErrorCode, reason: string): never => {
    throw new ConfError(code, line.lineNo, line.args[0]!, reason, fileName);
  };
  const unsupported = unsupportedReason(directive);
  if (unsupported !== null) fail('unsupported-directive', unsupported);
  const shape = SERVER_DIRECTIVES.get(directive);
  if (shape === undefined) return fail('unknown-directive', `unknown directive '${line.args[0]!}'`);
  const args = line.args.slice(1);
  if (args.length < shape.argsMin || (shape.argsMax !== null && args.length > shape.argsMax)) {
    fail('wrong-arg-count', `wrong number of arguments for '${line.args[0]!}' (got ${args.length})`);
  }
  const reason = shape.check?.(args) ?? null;
  if (reason !== null) fail('invalid-value', `${reason} for '${line.args[0]!}'`);
  switch (directive) {
    case 'port':
      draft.port = Number(args[0]);
      break;
    case 'bind':
      draft.bind = [...args];
      break;
    case 'requirepass':
      draft.requirepass = args[0] === '' ? null : args[0]!;
      break;
    case 'loglevel':
      draft.loglevel = args[0]!.toLowerCase() as LogLevel;
      break;
    default:
      break;
  }
}

function freezeDraft(draft: ConfDraft): SentinelConf {
  const masters: MasterConf[] = [...draft.masters.values()].map((m) => ({
    ...m,
    renameCommands: m.renameCommands.map(([a, b]) => [a, b] as const),
    knownReplicas: [...m.knownReplicas],
    knownSentinels: [...m.knownSentinels],
  }));
  return { ...draft, bind: [...draft.bind], masters };
}
