// §13: events and scripts.
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/engine/io.js';
import { Harness, masterConf, sentinelConf, standardWorld } from './harness.js';

type ScriptEffect = Extract<Effect, { kind: 'script' }>;

function scripts(h: Harness): ScriptEffect[] {
  return h.effects.filter((e): e is ScriptEffect => e.kind === 'script');
}

function withScript() {
  return new Harness({ conf: sentinelConf({}, [masterConf({ notificationScript: '/n.sh' })]) });
}

describe('notification scripts (§13.1)', () => {
  it('WARNING events of an instance queue the notification script with <type> <message>; others do not', () => {
    const w = standardWorld({}, { notificationScript: '/n.sh' });
    w.h.runFor(1000);
    w.h.crash(w.master, 'reset');
    w.h.runUntil(() => w.h.has('+sdown'), 10_000);
    w.h.tick();
    const args = scripts(w.h).map((s) => s.args);
    expect(args).toContainEqual(['+sdown', 'master mymaster 10.0.0.1 6379']);
    expect(args.some((a) => a[0] === '+slave')).toBe(false); // NOTICE
    expect(args[0]).toEqual(['+monitor', 'master mymaster 10.0.0.1 6379 quorum 2']);
  });

  it('+tilt has no instance and runs no script', () => {
    const h = withScript();
    h.nowMs += 5000;
    h.tick();
    expect(h.has('+tilt')).toBe(true);
    expect(scripts(h).some((s) => s.args[0] === '+tilt')).toBe(false);
  });
});

describe('script runner (§13.3)', () => {
  it('exit code 1 is retried after 30 s then 60 s; exit 0 ends the job', () => {
    const h = withScript();
    h.tick();
    const first = scripts(h)[0]!;
    h.s.handleScriptExit(h.nowMs, first.jobId, { kind: 'exit', code: 1 });
    const runs = () => scripts(h).filter((s) => s.jobId === first.jobId).length;
    const t1 = h.nowMs;
    h.runUntil(() => runs() === 2, 40_000);
    expect(h.nowMs - t1).toBeGreaterThanOrEqual(30_000);
    expect(h.nowMs - t1).toBeLessThanOrEqual(30_100);
    h.s.handleScriptExit(h.nowMs, first.jobId, { kind: 'exit', code: 1 });
    const t2 = h.nowMs;
    h.runUntil(() => runs() === 3, 70_000);
    expect(h.nowMs - t2).toBeGreaterThanOrEqual(60_000);
    h.s.handleScriptExit(h.nowMs, first.jobId, { kind: 'exit', code: 0 });
    h.pump();
    h.runFor(200_000);
    expect(runs()).toBe(3);
    expect(h.has('-script-error')).toBe(false);
  });

  it('exit code 2 ends the job with -script-error <path> <signal> <code>', () => {
    const h = withScript();
    h.tick();
    h.s.handleScriptExit(h.nowMs, scripts(h)[0]!.jobId, { kind: 'exit', code: 2 });
    h.pump();
    expect(h.first('-script-error')!.message).toBe('/n.sh 0 2');
  });

  it('a script is attempted at most 10 times', () => {
    const h = withScript();
    // A 1 ms base retry delay keeps the ten attempts short (derived delays follow SENTINEL DEBUG, §1.1).
    h.command(['SENTINEL', 'DEBUG', 'script-retry-delay', '1']);
    h.tick();
    const id = scripts(h)[0]!.jobId;
    for (let i = 1; i <= 10; i++) {
      h.runUntil(() => scripts(h).filter((s) => s.jobId === id).length === i, 1000);
      h.s.handleScriptExit(h.nowMs, id, { kind: 'signal', signal: 9 });
      h.pump();
    }
    expect(h.first('-script-error')!.message).toBe('/n.sh 9 0');
    expect(scripts(h).filter((s) => s.jobId === id)).toHaveLength(10);
  });

  it('a script running longer than 60 s is killed and reported with -script-timeout', () => {
    const h = withScript();
    h.tick();
    const id = scripts(h)[0]!.jobId;
    h.runUntil(() => h.effects.some((e) => e.kind === 'kill-script'), 70_000);
    expect(h.effects.find((e) => e.kind === 'kill-script')).toEqual({ kind: 'kill-script', jobId: id });
    expect(h.first('-script-timeout')!.message).toBe(`/n.sh ${id}`);
    expect(h.s.marks.get('scripts: timed out and killed')).toBeGreaterThan(0);
  });

  it('at most 16 scripts run at once and the queue keeps at most 256 jobs', () => {
    const h = withScript();
    for (let i = 0; i < 300; i++) h.command(['SENTINEL', 'SET', 'mymaster', 'quorum', String(1 + (i % 3))]);
    expect(h.s.marks.get('scripts: queue full, oldest dropped')).toBeGreaterThan(0);
    h.tick();
    expect(scripts(h)).toHaveLength(16);
    const info = h.command(['INFO', 'sentinel']);
    expect(info).toMatchObject({
      value: expect.stringContaining('sentinel_running_scripts:16\r\nsentinel_scripts_queue_length:256\r\n'),
    });
  });
});
