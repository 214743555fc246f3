// The nemesis keeps an engine sentinel's clock faults across a crash/restart and a pause/resume: the
// host's clock does not forget a jump or a drift because the process died (the simulator's per-host
// clock survives a crash too). No real processes: each "process" is a SkewableClock served through
// labCommand, and a restart replaces it with a fresh one, as a new `sentinel-lab sentinel` would start.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import type { Address } from '../../src/engine/io.js';
import { labCommand, SkewableClock } from '../../src/real/lab-control.js';
import type { Cluster, NodeHandle } from '../../src/real/harness/cluster.js';
import { Nemesis } from '../../src/real/harness/nemesis.js';
import { Recorder } from '../../src/real/harness/recorder.js';
import { REAL_SCENARIOS } from '../../src/real/harness/scenarios.js';
import type { TimedFault } from '../../src/scenarios/types.js';

class FakeSentinel {
  state: 'running' | 'stopped' | 'paused' = 'running';
  clock = new SkewableClock();
  sent: string[] = [];
  async kill(): Promise<void> {
    this.state = 'stopped';
  }
  async start(): Promise<void> {
    this.clock = new SkewableClock();
    this.state = 'running';
  }
  pause(): void {
    this.state = 'paused';
  }
  resume(): void {
    this.state = 'running';
  }
  serve(argv: readonly string[]): unknown {
    // A stopped or SIGSTOPped process never answers: the real probe would time out.
    if (this.state !== 'running') throw new Error(`command sent to a ${this.state} process`);
    this.sent.push(argv.slice(2).join(' '));
    const r = labCommand(this.clock, argv);
    if (r.kind === 'error') throw new Error(r.text);
    return r.kind === 'array' ? r.items.map((i) => (i.kind === 'int' ? i.value : null)) : 'OK';
  }
}

async function runFaults(faults: TimedFault[], endMs: number): Promise<FakeSentinel> {
  const base = REAL_SCENARIOS.find((s) => s.name === 'real-sentinel-crash')!;
  const scenario = { ...base, faults, faultPhaseEndMs: endMs, durationMs: endMs + 100, expect: {} };
  const proc = new FakeSentinel();
  const addr: Address = { host: '127.0.0.1', port: 1 };
  const node = { name: 'sentinel-1', kind: 'sentinel', proc, realAddr: addr, publicAddr: addr };
  const cluster = {
    scenario,
    sut: 'engine',
    nodes: new Map([['sentinel-1', node as unknown as NodeHandle]]),
  } as unknown as Cluster;
  const send = async (_a: Address, argv: readonly string[]): Promise<unknown> => proc.serve(argv);
  await new Nemesis(cluster, new Recorder(), seedrandom('n'), send).run();
  return proc;
}

describe('nemesis: an engine sentinel keeps its host clock across process faults', () => {
  it('a jump before a crash is re-applied to the restarted process', async () => {
    const p = await runFaults(
      [
        { atMs: 0, durationMs: null, op: { kind: 'clock-jump', target: 'sentinel-1', deltaMs: 3000 } },
        { atMs: 30, durationMs: 60, op: { kind: 'crash', target: 'sentinel-1' } },
      ],
      150,
    );
    expect(p.state).toBe('running');
    expect(p.clock.state()).toEqual({ offsetMs: 3000, driftPpm: 0 });
    expect(p.sent).toEqual(['JUMP 3000', '', 'JUMP 3000']);
  });

  it('a drift still active at restart is re-applied with the offset it accumulated', async () => {
    const p = await runFaults(
      [
        // 50 % fast from 0 ms: by the restart at ≈90 ms the host is ≈45 ms ahead (less if the machine is slow).
        { atMs: 0, durationMs: 120, op: { kind: 'clock-drift', target: 'sentinel-1', ppm: 500_000 } },
        { atMs: 30, durationMs: 60, op: { kind: 'crash', target: 'sentinel-1' } },
      ],
      110,
    );
    // The drift heals at the end of the fault phase (110 ms); the offset it built up stays.
    expect(p.sent.slice(0, 3)).toEqual(['DRIFT 500000', '', 'DRIFT 500000']);
    expect(p.sent[3]).toMatch(/^JUMP \d+$/);
    const jumped = Number(p.sent[3]!.slice(5));
    expect(jumped).toBeGreaterThan(0);
    expect(p.sent.slice(4)).toEqual(['DRIFT 0']);
    const s = p.clock.state();
    expect(s.driftPpm).toBe(0);
    // What the restart handed over, plus what the drift added after it (timing-tolerant bounds).
    expect(s.offsetMs).toBeGreaterThanOrEqual(jumped);
  });

  it('a jump while the process is paused is not sent to it, and reaches it on resume', async () => {
    const p = await runFaults(
      [
        { atMs: 0, durationMs: 80, op: { kind: 'pause', target: 'sentinel-1' } },
        { atMs: 30, durationMs: null, op: { kind: 'clock-jump', target: 'sentinel-1', deltaMs: -2000 } },
      ],
      120,
    );
    expect(p.clock.state()).toEqual({ offsetMs: -2000, driftPpm: 0 });
    expect(p.sent).toEqual(['', 'JUMP -2000']);
  });

  it('a sentinel with no clock fault is not sent clock commands on restart', async () => {
    const p = await runFaults([{ atMs: 0, durationMs: 40, op: { kind: 'crash', target: 'sentinel-1' } }], 80);
    expect(p.sent).toEqual([]);
  });
});
