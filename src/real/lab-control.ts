// Harness-only controls of an engine sentinel process, enabled by `sentinel-lab sentinel --lab-control`:
// a skewable clock (the engine's injected clock, so the real tier can apply the scenario's clock
// faults) and the `SENTINEL-LAB` command the harness sends to reach it:
//
//   SENTINEL-LAB CLOCK JUMP <ms>     step the wall clock (negative = backwards), like `clock-jump`
//   SENTINEL-LAB CLOCK DRIFT <ppm>   set the rate error from now on, like `clock-drift`
//   SENTINEL-LAB CLOCK               [offset-ms, drift-ppm] now (for tests and logs)
//
// The clock follows the simulator's HostClock model (src/sim/clock.ts; not imported, so the sentinel
// process loads nothing from the simulator): an anchor (real time, local time then) and a rate; a drift
// change re-anchors so the reading stays continuous; only a jump steps it. Never served without the flag.
import type { Reply } from '../engine/io.js';
import { RealTierError } from './errors.js';
import type { Clock } from './runtime.js';

/** As in the simulator: beyond ±50 % time would stall or run backwards. */
const MAX_DRIFT_PPM = 500_000;

export class SkewableClock implements Clock {
  private anchorRealMs: number;
  private anchorLocalMs: number;
  private ppm = 0;

  constructor(private readonly realNowMs: () => number = Date.now) {
    this.anchorRealMs = realNowMs();
    this.anchorLocalMs = this.anchorRealMs;
  }

  nowMs(): number {
    return Math.round(this.localAt(this.realNowMs()));
  }

  jump(deltaMs: number): void {
    if (!Number.isFinite(deltaMs)) throw new RealTierError('E_BAD_CLOCK', `deltaMs: not finite: ${deltaMs}`);
    this.reanchor();
    this.anchorLocalMs += deltaMs;
  }

  setDrift(ppm: number): void {
    if (!(Number.isFinite(ppm) && Math.abs(ppm) <= MAX_DRIFT_PPM)) {
      throw new RealTierError(
        'E_BAD_CLOCK',
        `driftPpm: must be finite and within ±${MAX_DRIFT_PPM}, got ${ppm}`,
      );
    }
    this.reanchor();
    this.ppm = ppm;
  }

  /** How far the local reading is from real time now, and the current rate error. */
  state(): { offsetMs: number; driftPpm: number } {
    return { offsetMs: this.nowMs() - this.realNowMs(), driftPpm: this.ppm };
  }

  private localAt(realMs: number): number {
    return this.anchorLocalMs + (1 + this.ppm * 1e-6) * (realMs - this.anchorRealMs);
  }

  private reanchor(): void {
    const now = this.realNowMs();
    this.anchorLocalMs = this.localAt(now);
    this.anchorRealMs = now;
  }
}

const err = (text: string): Reply => ({ kind: 'error', text });

function finite(text: string | undefined, field: string): number | Reply {
  const n = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isFinite(n)
    ? n
    : err(`ERR ${field}: not a finite number: '${text ?? ''}'`);
}

/** Serves `SENTINEL-LAB ...` against `clock`; bad input gets an error reply naming the field. */
export function labCommand(clock: SkewableClock, argv: readonly string[]): Reply {
  const sub = (argv[1] ?? '').toUpperCase();
  if (sub !== 'CLOCK') return err(`ERR SENTINEL-LAB: unknown subcommand '${argv[1] ?? ''}' (CLOCK)`);
  const op = (argv[2] ?? '').toUpperCase();
  if (op === '') {
    const s = clock.state();
    return {
      kind: 'array',
      items: [
        { kind: 'int', value: s.offsetMs },
        { kind: 'int', value: s.driftPpm },
      ],
    };
  }
  if (op !== 'JUMP' && op !== 'DRIFT') return err(`ERR SENTINEL-LAB CLOCK: unknown operation '${argv[2]}'`);
  const value = finite(argv[3], op === 'JUMP' ? 'deltaMs' : 'ppm');
  if (typeof value !== 'number') return value;
  try {
    if (op === 'JUMP') clock.jump(value);
    else clock.setDrift(value);
  } catch (e) {
    return err(`ERR ${(e as Error).message}`);
  }
  return { kind: 'status', text: 'OK' };
}
