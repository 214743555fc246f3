// §13.3 script runner rules checked on the queue itself, at their boundaries: argument cap, the 256-job
// queue dropping the oldest job that is not running, start times, the 60 s runtime limit, retries with
// doubling delay, and the PENDING-SCRIPTS entries.
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/engine/io.js';
import { REDIS_7 } from '../../src/engine/profile.js';
import type { ScriptHost } from '../../src/engine/scripts.js';
import { ScriptQueue } from '../../src/engine/scripts.js';

interface FakeHost extends ScriptHost {
  readonly marks: string[];
  readonly counts: string[];
  readonly events: string[];
}

function host(): FakeHost {
  const h: FakeHost = {
    effects: [] as Effect[],
    timing: { ...REDIS_7.timing },
    marks: [],
    counts: [],
    events: [],
    mark: (n) => h.marks.push(n),
    count: (r) => h.counts.push(r),
    event: (level, type, _inst, rest) => h.events.push(`${level} ${type} ${rest ?? ''}`),
  };
  return h;
}

const started = (h: FakeHost) => h.effects.flatMap((e) => (e.kind === 'script' ? [e.jobId] : []));
const killed = (h: FakeHost) => h.effects.flatMap((e) => (e.kind === 'kill-script' ? [e.jobId] : []));

describe('ScriptQueue (§13.3)', () => {
  it('keeps at most 15 arguments after the path', () => {
    const h = host();
    const q = new ScriptQueue(h);
    const args = Array.from({ length: 20 }, (_, i) => `a${i}`);
    q.enqueue('/s.sh', args);
    q.enqueue('/t.sh', args.slice(0, 15));
    expect(q.jobs[0]!.args).toEqual(args.slice(0, 15));
    expect(q.jobs[1]!.args).toEqual(args.slice(0, 15));
  });

  it('a 257th job drops the oldest job that is not running; 256 fit', () => {
    const h = host();
    const q = new ScriptQueue(h);
    for (let i = 0; i < 256; i++) q.enqueue('/s.sh', [String(i)]);
    expect(q.jobs).toHaveLength(256);
    expect(h.marks).toEqual([]);
    q.runPending(0); // jobs 1..16 run
    q.enqueue('/s.sh', ['256']);
    expect(q.jobs).toHaveLength(256);
    expect(h.marks).toEqual(['scripts: queue full, oldest dropped']);
    expect(q.jobs.some((j) => j.jobId === 17)).toBe(false);
    expect(q.jobs.slice(0, 16).map((j) => j.jobId)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(q.runningCount).toBe(16);
  });

  it('starts at most 16 jobs, in queue order, each once, with an increasing retry number', () => {
    const h = host();
    const q = new ScriptQueue(h);
    for (let i = 0; i < 20; i++) q.enqueue('/s.sh', []);
    q.runPending(100);
    expect(started(h)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    q.runPending(200);
    expect(started(h)).toHaveLength(16);
    expect(q.jobs[0]).toMatchObject({ running: true, startTimeMs: 100, retryNum: 1 });
    q.exited(300, 1, { kind: 'exit', code: 0 });
    q.runPending(300);
    expect(started(h).at(-1)).toBe(17);
    expect(q.runningCount).toBe(16);
  });

  it('kills a job only once it has run longer than script-max-runtime (60 s)', () => {
    const h = host();
    const q = new ScriptQueue(h);
    q.enqueue('/s.sh', []);
    q.runPending(1000);
    q.killTimedOut(61_000);
    expect(killed(h)).toEqual([]);
    q.killTimedOut(61_001);
    expect(killed(h)).toEqual([1]);
    expect(h.events).toEqual(['warning -script-timeout /s.sh 1']);
    expect(h.marks).toContain('scripts: timed out and killed');
  });

  it('exit 1 or a signal reschedules after 30 s × 2^(k−1); the 10th attempt ends with -script-error', () => {
    const h = host();
    const q = new ScriptQueue(h);
    q.enqueue('/s.sh', ['x']);
    let t = 0;
    for (let attempt = 1; attempt <= 9; attempt++) {
      q.runPending(t);
      expect(q.jobs[0]!.retryNum).toBe(attempt);
      q.exited(t + 5, 1, attempt % 2 === 0 ? { kind: 'signal', signal: 15 } : { kind: 'exit', code: 1 });
      const delay = 30_000 * 2 ** (attempt - 1);
      expect(q.jobs[0]).toMatchObject({ running: false, startTimeMs: t + 5 + delay });
      q.runPending(t + 5 + delay - 1);
      expect(q.jobs[0]!.running).toBe(false);
      t += 5 + delay;
    }
    q.runPending(t);
    expect(q.jobs[0]!.retryNum).toBe(10);
    q.exited(t + 1, 1, { kind: 'signal', signal: 9 });
    expect(q.jobs).toEqual([]);
    expect(h.events).toEqual(['warning -script-error /s.sh 9 0']);
  });

  it('exit 0 ends a job silently; other codes end it with -script-error <path> 0 <code>', () => {
    const h = host();
    const q = new ScriptQueue(h);
    q.enqueue('/a.sh', []);
    q.enqueue('/b.sh', []);
    q.runPending(0);
    q.exited(10, 1, { kind: 'exit', code: 0 });
    q.exited(10, 2, { kind: 'exit', code: 3 });
    expect(q.jobs).toEqual([]);
    expect(h.events).toEqual(['warning -script-error /b.sh 0 3']);
  });

  it('an exit for an unknown or not running job is only counted', () => {
    const h = host();
    const q = new ScriptQueue(h);
    q.enqueue('/a.sh', []);
    q.exited(0, 1, { kind: 'exit', code: 0 });
    q.exited(0, 99, { kind: 'exit', code: 0 });
    expect(h.counts).toEqual(['script exit for unknown job', 'script exit for unknown job']);
    expect(q.jobs).toHaveLength(1);
  });

  it('PENDING-SCRIPTS shows running jobs with pid and run-time, scheduled ones with pid 0 and run-delay', () => {
    const h = host();
    const q = new ScriptQueue(h);
    q.enqueue('/a.sh', ['+sdown', 'master m']);
    q.enqueue('/b.sh', []);
    q.runPending(1000);
    q.exited(1500, 2, { kind: 'exit', code: 1 });
    const b = (value: string) => ({ kind: 'bulk', value });
    expect(q.pendingReply(2000)).toEqual({
      kind: 'array',
      items: [
        {
          kind: 'map',
          entries: [
            ['argv', { kind: 'array', items: [b('/a.sh'), b('+sdown'), b('master m')] }],
            ['flags', b('running')],
            ['pid', b('1')],
            ['run-time', b('1000')],
            ['retry-num', b('1')],
          ],
        },
        {
          kind: 'map',
          entries: [
            ['argv', { kind: 'array', items: [b('/b.sh')] }],
            ['flags', b('scheduled')],
            ['pid', b('0')],
            ['run-delay', b('29500')],
            ['retry-num', b('1')],
          ],
        },
      ],
    });
    const late = q.pendingReply(40_000);
    if (late.kind !== 'array' || late.items[1]!.kind !== 'map') throw new Error('array of maps');
    expect(late.items[1]!.entries[3]).toEqual(['run-delay', b('0')]);
  });
});
