// The Sentinel engine: one object per sentinel process, pure and deterministic (ARCHITECTURE.md).

import { assert } from './assert.js';
import { handleCommand } from './commands.js';
import type { SentinelConf } from './conf-types.js';
import { rewriteSentinelConf } from './conf.js';
import { createMasterFromConf, exportConf, persistSummary } from './confstate.js';
import type { EngineOptions } from './core.js';
import { Core } from './core.js';
import { askOthersMasterState, checkObjectivelyDown, checkSubjectivelyDown } from './sdown.js';
import { startFailoverIfNeeded } from './election.js';
import { runFailoverStateMachine, switchToPromoted } from './failover.js';
import { onClosed, onConnected, onMessage, onReply } from './inbound.js';
import type { Instance, Master } from './instance.js';
import { hostPort } from './instance.js';
import type { Address, ClientContext, Effect, RandomFn, Reply } from './io.js';
import { currentMasterAddr, reconnectIfNeeded, sendPeriodicCommands } from './links.js';
import type { Profile } from './profile.js';
import { REDIS_7, RUN_ID_LENGTH, SIMFAILURE_EXIT_CODE } from './profile.js';
import type { ScriptExit } from './scripts.js';
import { ScriptQueue } from './scripts.js';
import { limit } from './timing.js';

/** Writes the state to persist into the config text (conf.ts's `rewriteSentinelConf` has this shape). */
export type ConfRewriter = (originalText: string, conf: SentinelConf) => string;

export interface SentinelInit {
  readonly conf: SentinelConf;
  /** The sentinel.conf text the conf was parsed from; rewrites keep its layout. */
  readonly confText: string;
  readonly random: RandomFn;
  readonly nowMs: number;
  /** Default `redis-7`. */
  readonly profile?: Profile;
  readonly options?: Partial<EngineOptions>;
  /** Default: conf.ts's `rewriteSentinelConf` (keeps the original file's layout, §14.2). */
  readonly rewriteConf?: ConfRewriter;
}

/**
 * One Sentinel (spec §1–§15), driven sans-IO.
 *
 * Call order. The driver owns time, sockets and processes. It feeds inputs, each with the node's local
 * clock `nowMs`: `handleTick` when the tick deadline (`nextTickDelayMs()` after the previous tick) is
 * reached; `handleConnected` / `handleClosed` / `handleReply` / `handleMessage` for events on the
 * connections the engine asked for; `handleCommand` for every command a client or a peer Sentinel sends
 * (it returns the reply at once); `handleScriptExit` when a script started by a `script` effect ends.
 * Network events due before a tick are delivered before that tick (§3.1). After every input the driver
 * calls `drainEffects()` and executes the effects in order (connect, send, close, event, persist,
 * script, master-addr, exit). Getters (`toConf`, `marks`, `counters`, `master`) never change state.
 * After an `exit` effect the object is dead: inputs are ignored.
 */
export class Sentinel {
  private readonly core: Core;
  private confText: string;
  private readonly rewriteConf: ConfRewriter;
  /** master name → the address last reported by a `master-addr` effect (null: reported as gone). */
  private readonly lastMasterAddr = new Map<string, Address | null>();

  constructor(init: SentinelInit) {
    const c = init.conf;
    const options: EngineOptions = {
      fixVoteCounting: init.options?.fixVoteCounting ?? false,
      scriptExecutable: init.options?.scriptExecutable ?? (() => true),
    };
    this.core = new Core(init.profile ?? REDIS_7, init.random, options, globalOf(c), init.nowMs);
    this.core.scripts = new ScriptQueue(this.core);
    this.confText = init.confText;
    this.rewriteConf = init.rewriteConf ?? ((text, conf) => rewriteSentinelConf(text, conf));
    const core = this.core;
    core.currentEpoch = c.currentEpoch;
    for (const mc of c.masters) createMasterFromConf(core, mc, init.nowMs);
    if (c.myid === null || c.myid.length !== RUN_ID_LENGTH) {
      // §14.3: a generated id is persisted at once.
      core.myid = this.generateRunId();
      core.persistSoon();
    } else {
      core.myid = c.myid;
    }
    for (const m of core.masters.values()) core.event('warning', '+monitor', m, `quorum ${m.quorum}`);
    this.finish();
  }

  // ---- inputs ---------------------------------------------------------------------------------

  /** One run of the Sentinel timer (§3.2). */
  handleTick(nowMs: number): void {
    if (this.core.exited) return;
    const core = this.core;
    checkTilt(core, nowMs);
    let toSwitch: Master | null = null;
    for (const m of core.masters.values()) {
      this.handleInstance(m, nowMs);
      for (const r of m.slaves.values()) this.handleInstance(r, nowMs);
      for (const p of m.sentinels.values()) this.handleInstance(p, nowMs);
      if (core.exited) break;
      if (m.failoverState === 'update_config') toSwitch = m;
    }
    // [quirk] only the last master that reached UPDATE_CONFIG switches in this tick (§3.2).
    if (toSwitch !== null && !core.exited) switchToPromoted(core, toSwitch, nowMs);
    if (!core.exited) {
      core.scripts.runPending(nowMs);
      core.scripts.killTimedOut(nowMs);
      core.hz = core.profile.hzBase + core.randomInt(core.profile.hzSpread);
    }
    this.finish();
  }

  handleConnected(nowMs: number, connId: number, localIp?: string): void {
    if (this.core.exited) return;
    onConnected(this.core, connId, localIp);
    this.finish(nowMs);
  }

  /** A connection closed, was refused or reset; `reason` (e.g. "Connection refused") is only logged. */
  handleClosed(nowMs: number, connId: number, reason?: string): void {
    if (this.core.exited) return;
    onClosed(this.core, connId, reason ?? 'closed');
    this.finish(nowMs);
  }

  handleReply(nowMs: number, connId: number, reqId: number, reply: Reply): void {
    if (this.core.exited) return;
    onReply(this.core, connId, reqId, reply, nowMs);
    this.finish(nowMs);
  }

  handleMessage(nowMs: number, connId: number, channel: string, payload: string): void {
    if (this.core.exited) return;
    onMessage(this.core, connId, channel, payload, nowMs);
    this.finish(nowMs);
  }

  handleCommand(nowMs: number, argv: readonly string[], ctx: ClientContext): Reply {
    if (this.core.exited) return { kind: 'error', text: 'ERR sentinel is shutting down' };
    const reply = handleCommand(this.core, argv, ctx, nowMs);
    this.finish(nowMs);
    return reply;
  }

  handleScriptExit(nowMs: number, jobId: number, how: ScriptExit): void {
    if (this.core.exited) return;
    this.core.scripts.exited(nowMs, jobId, how);
    this.finish(nowMs);
  }

  // ---- outputs --------------------------------------------------------------------------------

  drainEffects(): Effect[] {
    return this.core.effects.splice(0, this.core.effects.length);
  }

  /** Effects waiting for `drainEffects` (lets a driver skip the drain, and its array, when none). */
  get pendingEffectCount(): number {
    return this.core.effects.length;
  }

  /** floor(1000 / hz), hz drawn at the end of the previous tick (§3.1). */
  nextTickDelayMs(): number {
    return Math.floor(1000 / this.core.hz);
  }

  // ---- getters --------------------------------------------------------------------------------

  get myid(): string {
    return this.core.myid;
  }

  get currentEpoch(): number {
    return this.core.currentEpoch;
  }

  get tilt(): boolean {
    return this.core.tilt;
  }

  get marks(): ReadonlyMap<string, number> {
    return this.core.marks;
  }

  get counters(): ReadonlyMap<string, number> {
    return this.core.counters;
  }

  /** Read-only view of a master record, for tests and diagnostics. */
  master(name: string): Readonly<Master> | undefined {
    return this.core.masters.get(name);
  }

  /** The state to persist (§14.2). */
  toConf(): SentinelConf {
    return exportConf(this.core);
  }

  // ---- internals ------------------------------------------------------------------------------

  private handleInstance(inst: Instance, nowMs: number): void {
    const core = this.core;
    if (core.exited) return;
    reconnectIfNeeded(core, inst, nowMs);
    sendPeriodicCommands(core, inst, nowMs);
    if (core.tilt) {
      if (nowMs - core.tiltStartMs < limit.tiltPeriodMs(core.timing)) return;
      core.tilt = false;
      core.event('warning', '-tilt', null, '#tilt mode exited');
    }
    checkSubjectivelyDown(core, inst, nowMs);
    if (inst.kind !== 'master') return;
    checkObjectivelyDown(core, inst, nowMs);
    if (startFailoverIfNeeded(core, inst, nowMs)) askOthersMasterState(core, inst, nowMs, true);
    runFailoverStateMachine(core, inst, nowMs);
    if (core.exited) return;
    askOthersMasterState(core, inst, nowMs, false);
  }

  private generateRunId(): string {
    let id = '';
    for (let i = 0; i < RUN_ID_LENGTH; i++) id += '0123456789abcdef'[this.core.randomInt(16)];
    return id;
  }

  /** After every input: flush the config if dirty, report GET-MASTER-ADDR changes, then a pending exit. */
  private finish(_nowMs?: number): void {
    const core = this.core;
    if (core.dirty) {
      core.dirty = false;
      const conf = exportConf(core);
      this.confText = this.rewriteConf(this.confText, conf);
      core.effects.push({ kind: 'persist', text: this.confText, summary: persistSummary(conf) });
    }
    this.syncMasterAddrs();
    if (core.exited && !core.effects.some((e) => e.kind === 'exit')) {
      core.effects.push({ kind: 'exit', code: SIMFAILURE_EXIT_CODE });
    }
  }

  private syncMasterAddrs(): void {
    const core = this.core;
    for (const m of core.masters.values()) {
      const a = currentMasterAddr(m);
      // Runs after every input: compare the address parts before building the host:port key.
      const last = this.lastMasterAddr.get(m.name);
      if (last !== undefined && last !== null && last.host === a.host && last.port === a.port) continue;
      const key = hostPort(a);
      if (last !== undefined && last !== null && hostPort(last) === key) {
        this.lastMasterAddr.set(m.name, { host: a.host, port: a.port });
        continue;
      }
      this.lastMasterAddr.set(m.name, { host: a.host, port: a.port });
      core.effects.push({ kind: 'master-addr', master: m.name, addr: { host: a.host, port: a.port } });
    }
    // Every master now has an entry: only entries of removed masters can be left to report.
    if (this.lastMasterAddr.size === core.masters.size) return this.checkEffectsDrained();
    for (const [name, last] of this.lastMasterAddr) {
      if (core.masters.has(name) || last === null) continue;
      this.lastMasterAddr.set(name, null);
      core.effects.push({ kind: 'master-addr', master: name, addr: null });
    }
    this.checkEffectsDrained();
  }

  private checkEffectsDrained(): void {
    assert(this.core.effects.length < 1_000_000, 'effects are drained');
  }
}

/** §11: a tick more than tilt-trigger after the previous one (or before it) enters TILT. */
function checkTilt(core: Core, nowMs: number): void {
  const deltaMs = nowMs - core.previousTimeMs;
  if (deltaMs < 0 || deltaMs > limit.tiltTriggerMs(core.timing)) {
    core.tilt = true;
    core.tiltStartMs = nowMs;
    core.event('warning', '+tilt', null, '#tilt mode entered');
  }
  core.previousTimeMs = nowMs;
}

function globalOf(c: SentinelConf): Core['global'] {
  return {
    port: c.port,
    announceIp: c.announceIp,
    announcePort: c.announcePort,
    denyScriptsReconfig: c.denyScriptsReconfig,
    resolveHostnames: c.resolveHostnames,
    announceHostnames: c.announceHostnames,
    sentinelUser: c.sentinelUser,
    sentinelPass: c.sentinelPass,
    requirepass: c.requirepass,
    loglevel: c.loglevel,
    bind: c.bind,
  };
}
