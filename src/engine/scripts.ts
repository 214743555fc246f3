// The script runner (spec §13.3): a bounded FIFO of jobs, at most 16 running, retries with doubling
// delay on exit code 1 or a signal, SIGKILL after the maximum runtime. Running a script is an effect;
// the driver reports its end through `Sentinel.handleScriptExit`.

import { assert } from './assert.js';
import type { Effect, EventLevel, Reply } from './io.js';
import type { Timing } from './profile.js';
import { SCRIPT_MAX_ARGS, SCRIPT_MAX_ATTEMPTS, SCRIPT_MAX_RUNNING, SCRIPT_QUEUE_MAX } from './profile.js';
import { limit } from './timing.js';

export interface ScriptJob {
  readonly jobId: number;
  readonly path: string;
  readonly args: readonly string[];
  running: boolean;
  /** Running: start time. Scheduled: earliest (re)start time. */
  startTimeMs: number;
  retryNum: number;
}

/** How a script ended, as the driver saw it. */
export type ScriptExit =
  { readonly kind: 'exit'; readonly code: number } | { readonly kind: 'signal'; readonly signal: number };

export interface ScriptHost {
  readonly effects: Effect[];
  readonly timing: Timing;
  mark(name: string): void;
  count(reason: string): void;
  event(level: EventLevel, type: string, inst: null, rest?: string): void;
}

export class ScriptQueue {
  readonly jobs: ScriptJob[] = [];
  private nextJobId = 1;
  /** Time of the last enqueue; new jobs are eligible at once (start time 0 in Sentinel). */
  constructor(private readonly host: ScriptHost) {}

  get runningCount(): number {
    return this.jobs.filter((j) => j.running).length;
  }

  enqueue(path: string, args: readonly string[]): void {
    const argv = args.slice(0, SCRIPT_MAX_ARGS - 1);
    this.jobs.push({
      jobId: this.nextJobId++,
      path,
      args: argv,
      running: false,
      startTimeMs: 0,
      retryNum: 0,
    });
    if (this.jobs.length > SCRIPT_QUEUE_MAX) {
      // Drop the oldest job that is not running (§13.3).
      const idx = this.jobs.findIndex((j) => !j.running);
      if (idx >= 0) {
        this.host.mark('scripts: queue full, oldest dropped');
        this.jobs.splice(idx, 1);
      }
    }
  }

  /** Start eligible jobs (§13.3); called once per tick. */
  runPending(nowMs: number): void {
    for (const job of this.jobs) {
      if (this.runningCount >= SCRIPT_MAX_RUNNING) return;
      if (job.running || job.startTimeMs > nowMs) continue;
      job.running = true;
      job.startTimeMs = nowMs;
      job.retryNum++;
      this.host.effects.push({ kind: 'script', jobId: job.jobId, path: job.path, args: job.args });
    }
  }

  /** SIGKILL jobs running longer than the maximum runtime; their exit is reported later as a signal. */
  killTimedOut(nowMs: number): void {
    for (const job of this.jobs) {
      if (!job.running || nowMs - job.startTimeMs <= limit.scriptMaxRuntimeMs(this.host.timing)) continue;
      this.host.mark('scripts: timed out and killed');
      this.host.effects.push({ kind: 'kill-script', jobId: job.jobId });
      this.host.event('warning', '-script-timeout', null, `${job.path} ${job.jobId}`);
    }
  }

  /** The driver reports that a job's process ended. */
  exited(nowMs: number, jobId: number, how: ScriptExit): void {
    const idx = this.jobs.findIndex((j) => j.jobId === jobId);
    const job = this.jobs[idx];
    if (job === undefined || !job.running) {
      this.host.count('script exit for unknown job');
      return;
    }
    const bySignal = how.kind === 'signal';
    const code = how.kind === 'exit' ? how.code : 0;
    if ((bySignal || code === 1) && job.retryNum !== SCRIPT_MAX_ATTEMPTS) {
      job.running = false;
      job.startTimeMs = nowMs + this.retryDelayMs(job.retryNum);
      return;
    }
    if (bySignal || code !== 0) {
      const signal = how.kind === 'signal' ? how.signal : 0;
      this.host.event('warning', '-script-error', null, `${job.path} ${signal} ${code}`);
    }
    this.jobs.splice(idx, 1);
  }

  /** Delay before attempt k+1: retry-delay × 2^(k−1) (30 s, 60 s, 2 min, …). */
  retryDelayMs(retryNum: number): number {
    assert(retryNum >= 1, 'a retried job has run at least once');
    return limit.scriptRetryDelayMs(this.host.timing, retryNum);
  }

  /** SENTINEL PENDING-SCRIPTS (§13.3). */
  pendingReply(nowMs: number): Reply {
    return {
      kind: 'array',
      items: this.jobs.map((j) => ({
        kind: 'map',
        entries: [
          ['argv', { kind: 'array', items: [j.path, ...j.args].map((a) => ({ kind: 'bulk', value: a })) }],
          ['flags', { kind: 'bulk', value: j.running ? 'running' : 'scheduled' }],
          ['pid', { kind: 'bulk', value: String(j.running ? j.jobId : 0) }],
          j.running
            ? ['run-time', { kind: 'bulk', value: String(nowMs - j.startTimeMs) }]
            : ['run-delay', { kind: 'bulk', value: String(Math.max(0, j.startTimeMs - nowMs)) }],
          ['retry-num', { kind: 'bulk', value: String(j.retryNum) }],
        ],
      })),
    };
  }
}
