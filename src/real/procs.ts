// Provisioning of local processes for the real tier: temp directories, per-process logs, readiness,
// start/stop/kill/pause/resume/restart. See registry.ts for how orphans are prevented.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProcessStartError, RealTierError } from './errors.js';
import { PortAllocator } from './ports.js';
import { probeOnce, type Readiness } from './readiness.js';
import { registerGroup, unregisterGroup } from './registry.js';

export interface ProcessSpec {
  /** Unique within a Provisioner; names the process's directory and log file. */
  readonly name: string;
  /** Absolute path of the binary (see binaries.ts). */
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly ready: Readiness;
  /** How long the readiness probe may keep failing before start() gives up; default 10 s. */
  readonly readyTimeoutMs?: number;
}

export type ProcessState = 'starting' | 'running' | 'paused' | 'stopped' | 'exited';

const STOP_GRACE_MS = 3000;
const PROBE_INTERVAL_MS = 25;

export class ManagedProcess {
  private child: ChildProcess | null = null;
  private exitPromise: Promise<void> = Promise.resolve();
  private stateValue: ProcessState = 'stopped';
  private lastExit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(
    readonly spec: ProcessSpec,
    /** The process's own directory (working directory, config files, data). */
    readonly dir: string,
    readonly logPath: string,
  ) {}

  get state(): ProcessState {
    return this.stateValue;
  }

  /** The pid (and process-group id) of the running process, or null. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | null {
    return this.lastExit;
  }

  /** Spawns the process and waits until its readiness probe succeeds. */
  async start(): Promise<void> {
    if (this.child !== null) throw new ProcessStartError(this.spec.name, 'already running');
    this.appendLog(
      `--- start ${new Date().toISOString()} ${this.spec.command} ${this.spec.args.join(' ')}\n`,
    );
    const logFd = openSync(this.logPath, 'a');
    let child: ChildProcess;
    try {
      child = spawn(this.spec.command, [...this.spec.args], {
        cwd: this.dir,
        env: { ...process.env, ...this.spec.env },
        stdio: ['ignore', logFd, logFd],
        detached: true, // own process group: see registry.ts
      });
    } finally {
      closeSync(logFd);
    }
    const pid = child.pid;
    if (pid === undefined) {
      await new Promise((r) => child.once('error', r));
      throw new ProcessStartError(this.spec.name, `could not spawn ${this.spec.command}`);
    }
    this.child = child;
    this.stateValue = 'starting';
    registerGroup(pid);
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        // Group members (a fork for an RDB save) must not outlive their leader.
        signalGroup(pid, 'SIGKILL');
        unregisterGroup(pid);
        this.lastExit = { code, signal };
        this.child = null;
        if (this.stateValue !== 'stopped') this.stateValue = 'exited';
        resolve();
      });
    });
    await this.awaitReady();
    this.stateValue = 'running';
  }

  private async awaitReady(): Promise<void> {
    const budgetMs = this.spec.readyTimeoutMs ?? 10_000;
    const deadline = Date.now() + budgetMs;
    while (Date.now() < deadline) {
      if (this.child === null) {
        const how = JSON.stringify(this.lastExit);
        throw new ProcessStartError(
          this.spec.name,
          `exited during start (${how}); log:\n${this.logTail(20)}`,
        );
      }
      if (await probeOnce(this.spec.ready)) return;
      await sleep(PROBE_INTERVAL_MS);
    }
    await this.kill();
    throw new ProcessStartError(this.spec.name, `not ready after ${budgetMs} ms; log:\n${this.logTail(20)}`);
  }

  /** SIGTERM, then SIGKILL if the process has not exited after a grace period. */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    const pid = this.pid;
    if (pid === null) return;
    this.stateValue = 'stopped';
    signalGroup(pid, 'SIGCONT'); // a paused process cannot handle SIGTERM
    signalGroup(pid, 'SIGTERM');
    // The grace timer is cancelled once the process exits, so it never holds the event loop open.
    const grace = new AbortController();
    const timedOut = sleep(graceMs, true, { signal: grace.signal }).catch(() => false);
    const exited = await Promise.race([this.exitPromise.then(() => true), timedOut.then(() => false)]);
    grace.abort();
    if (!exited) signalGroup(pid, 'SIGKILL');
    await this.exitPromise;
  }

  /** SIGKILL: the process dies at once, as in a crash. */
  async kill(): Promise<void> {
    const pid = this.pid;
    if (pid === null) return;
    this.stateValue = 'stopped';
    signalGroup(pid, 'SIGKILL');
    await this.exitPromise;
  }

  /** SIGSTOP: the process freezes; its sockets stay open but nothing answers. */
  pause(): void {
    const pid = this.requirePid('pause');
    signalGroup(pid, 'SIGSTOP');
    this.stateValue = 'paused';
  }

  /** SIGCONT after pause(). */
  resume(): void {
    const pid = this.requirePid('resume');
    signalGroup(pid, 'SIGCONT');
    this.stateValue = 'running';
  }

  /** Graceful stop (or kill, when `hard`) followed by a fresh start with the same spec. */
  async restart(hard = false): Promise<void> {
    await (hard ? this.kill() : this.stop());
    await this.start();
  }

  /** The whole log (stdout and stderr of every run of this process). */
  logText(): string {
    try {
      return readFileSync(this.logPath, 'utf8');
    } catch {
      return '';
    }
  }

  logTail(lines: number): string {
    return this.logText().split('\n').slice(-lines).join('\n');
  }

  private appendLog(text: string): void {
    const fd = openSync(this.logPath, 'a');
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
  }

  private requirePid(op: string): number {
    const pid = this.pid;
    if (pid === null) throw new RealTierError('E_NOT_RUNNING', `${op}: ${this.spec.name} is not running`);
    return pid;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

export interface ProvisionerOptions {
  /** Prefix of the temp directory's name; default "sentinel-lab-". */
  readonly label?: string;
  /** Keep the temp directory (logs, configs) after close(); default from SENTINEL_LAB_KEEP_TMP=1. */
  readonly keepTmp?: boolean;
  /** Where ports come from; default a fresh PortAllocator (released by close()). */
  readonly ports?: PortAllocator;
}

/** Owns a temp directory, the ports and the processes started in it; close() releases them all. */
export class Provisioner {
  readonly tmpDir: string;
  readonly ports: PortAllocator;
  private readonly procs = new Map<string, ManagedProcess>();
  private readonly keepTmp: boolean;

  constructor(options: ProvisionerOptions = {}) {
    this.tmpDir = mkdtempSync(join(tmpdir(), options.label ?? 'sentinel-lab-'));
    this.keepTmp = options.keepTmp ?? process.env['SENTINEL_LAB_KEEP_TMP'] === '1';
    this.ports = options.ports ?? new PortAllocator();
  }

  /** A directory for `name` under the temp directory (created if needed). */
  dirFor(name: string): string {
    const dir = join(this.tmpDir, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Creates the process (without starting it). Names must be unique. */
  add(spec: ProcessSpec): ManagedProcess {
    if (this.procs.has(spec.name))
      throw new RealTierError('E_DUPLICATE_PROCESS', `name: ${spec.name} exists`);
    const dir = this.dirFor(spec.name);
    const proc = new ManagedProcess(spec, dir, join(this.tmpDir, `${spec.name}.log`));
    this.procs.set(spec.name, proc);
    return proc;
  }

  /** add() then start(). */
  async start(spec: ProcessSpec): Promise<ManagedProcess> {
    const proc = this.add(spec);
    await proc.start();
    return proc;
  }

  get(name: string): ManagedProcess | undefined {
    return this.procs.get(name);
  }

  all(): readonly ManagedProcess[] {
    return [...this.procs.values()];
  }

  /** Every log, concatenated with headers: what a failing test prints. */
  logs(tailLines = 50): string {
    return this.all()
      .map((p) => `==> ${p.spec.name} (${p.logPath}) <==\n${p.logTail(tailLines)}`)
      .join('\n');
  }

  /** Stops every process (in parallel), releases the ports, removes the temp directory unless kept. */
  async close(): Promise<void> {
    await Promise.all(this.all().map((p) => p.stop()));
    this.ports.releaseAll();
    if (!this.keepTmp) rmSync(this.tmpDir, { recursive: true, force: true });
  }
}
