// A host's wall clock: local = offset + (1 + driftPpm·1e-6)·true, plus discrete jumps.
//
// The clock is kept as an anchor (a true time and the local time it showed then) and a rate. A jump
// moves the anchor's local time; a drift change re-anchors at the current instant first, so the local
// clock never jumps when only its rate changes.
//
// Timers run on the host's monotonic clock: it ticks at the same (drifting) rate as the wall clock but
// ignores jumps, as CLOCK_MONOTONIC does. `trueDelayMs` converts a local duration to true time at the
// current rate.

import { SimError } from './errors.js';

export interface ClockOptions {
  /** Local time at true time 0, in ms. Default 0. */
  readonly offsetMs?: number;
  /** Rate error in parts per million; positive = the clock runs fast. Default 0. */
  readonly driftPpm?: number;
}

/** Drifts beyond ±50% would make time run backwards or stall; real oscillators are within ±500 ppm. */
const MAX_DRIFT_PPM = 500_000;

export function checkDrift(ppm: number): number {
  if (!(Number.isFinite(ppm) && Math.abs(ppm) <= MAX_DRIFT_PPM)) {
    throw new SimError('BAD_TIME', `driftPpm must be finite and within ±${MAX_DRIFT_PPM}, got ${ppm}`);
  }
  return ppm;
}

export class HostClock {
  private anchorTrueMs = 0;
  private anchorLocalMs: number;
  private ppm: number;
  private rate: number;

  constructor(opts: ClockOptions = {}) {
    const offsetMs = opts.offsetMs ?? 0;
    if (!Number.isFinite(offsetMs))
      throw new SimError('BAD_TIME', `offsetMs must be finite, got ${offsetMs}`);
    this.anchorLocalMs = offsetMs;
    this.ppm = checkDrift(opts.driftPpm ?? 0);
    this.rate = 1 + this.ppm * 1e-6;
  }

  get driftPpm(): number {
    return this.ppm;
  }

  /** The local wall-clock reading at true time `trueMs`. */
  localAt(trueMs: number): number {
    return this.anchorLocalMs + this.rate * (trueMs - this.anchorTrueMs);
  }

  /** Steps the wall clock by `deltaMs` (negative = backwards) at true time `trueNowMs`. */
  jump(deltaMs: number, trueNowMs: number): void {
    if (!Number.isFinite(deltaMs)) throw new SimError('BAD_TIME', `deltaMs must be finite, got ${deltaMs}`);
    this.reanchor(trueNowMs);
    this.anchorLocalMs += deltaMs;
  }

  /** Changes the rate from `trueNowMs` on, keeping the local reading continuous at that instant. */
  setDrift(ppm: number, trueNowMs: number): void {
    checkDrift(ppm);
    this.reanchor(trueNowMs);
    this.ppm = ppm;
    this.rate = 1 + ppm * 1e-6;
  }

  /** The true duration of `localMs` of this host's monotonic time at the current rate. */
  trueDelayMs(localMs: number): number {
    return localMs / this.rate;
  }

  private reanchor(trueNowMs: number): void {
    this.anchorLocalMs = this.localAt(trueNowMs);
    this.anchorTrueMs = trueNowMs;
  }
}
