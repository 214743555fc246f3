// One directed link between two hosts: its latency distribution, loss, duplication and bandwidth, and
// the sampling of a message's transit time over it.
//
// Loss is modelled as TCP sees it: a lost segment is retransmitted after an RTO that doubles on each
// further loss (starting at `rtoMs`, 200 ms like Linux's minimum RTO), so the message arrives late and
// the stream stays ordered (head-of-line blocking: later messages wait behind it). Duplicates have no
// visible effect on a TCP stream; they are only counted. Bandwidth adds a serialisation delay
// (bytes / KBps = ms) and the link transmits one message at a time.

import type { LatencySpec } from '../scenarios/types.js';
import type { SeededStream } from './rng.js';
import { SimError, assertNever, checkProbability } from './errors.js';

/** Parameters of a directed link; a `link` fault overrides some of them for a while. */
export interface LinkParams {
  readonly latency: LatencySpec;
  readonly lossRate: number;
  readonly duplicateRate: number;
  /** Kilobytes (1000 bytes) per second; null = unlimited. */
  readonly bandwidthKBps: number | null;
}

export type LinkOverride = Partial<LinkParams>;

/** A retransmission cap: after this many consecutive losses the segment goes through (TCP would abort later). */
const MAX_RETRANSMISSIONS = 12;

export function validateLatency(spec: LatencySpec, field: string): LatencySpec {
  const bad = (what: string): never => {
    throw new SimError('BAD_LATENCY', `${field}: ${what} (got ${JSON.stringify(spec)})`);
  };
  const nonNeg = (v: number, name: string): void => {
    if (!(Number.isFinite(v) && v >= 0)) bad(`${name} must be a finite number ≥ 0`);
  };
  switch (spec.kind) {
    case 'constant':
      nonNeg(spec.ms, 'ms');
      break;
    case 'uniform':
      nonNeg(spec.minMs, 'minMs');
      nonNeg(spec.maxMs, 'maxMs');
      if (spec.maxMs < spec.minMs) bad('maxMs must be ≥ minMs');
      break;
    case 'exponential':
      nonNeg(spec.minMs, 'minMs');
      nonNeg(spec.meanMs, 'meanMs');
      if (spec.meanMs < spec.minMs) bad('meanMs (the mean of the whole latency) must be ≥ minMs');
      break;
    case 'long-tail':
      nonNeg(spec.baseMs, 'baseMs');
      nonNeg(spec.maxMs, 'maxMs');
      checkProbability(spec.tailProbability, `${field}.tailProbability`);
      if (!(spec.alpha > 0)) bad('alpha must be > 0');
      if (spec.maxMs < spec.baseMs) bad('maxMs must be ≥ baseMs');
      break;
    default:
      assertNever(spec, 'latency kind');
  }
  return spec;
}

export function validateLinkParams(p: LinkOverride, field: string): void {
  if (p.latency !== undefined) validateLatency(p.latency, `${field}.latency`);
  if (p.lossRate !== undefined) checkProbability(p.lossRate, `${field}.lossRate`);
  if (p.duplicateRate !== undefined) checkProbability(p.duplicateRate, `${field}.duplicateRate`);
  // A loss rate of 1 would retransmit forever: the cap keeps it finite, but it is surely a mistake.
  if (p.lossRate === 1)
    throw new SimError('BAD_PROBABILITY', `${field}.lossRate must be < 1 (use a partition)`);
  const bw = p.bandwidthKBps;
  if (bw !== undefined && bw !== null && !(Number.isFinite(bw) && bw > 0)) {
    throw new SimError('BAD_LINK', `${field}.bandwidthKBps must be a positive number or null, got ${bw}`);
  }
}

/**
 * Samples one latency in ms. `exponential` is minMs plus an exponential tail, with `meanMs` the mean of
 * the whole. `long-tail` is `baseMs`, except that with `tailProbability` it is baseMs·X for X Pareto
 * (x_m = 1, shape alpha) distributed, capped at maxMs.
 */
export function sampleLatencyMs(spec: LatencySpec, rng: SeededStream): number {
  switch (spec.kind) {
    case 'constant':
      return spec.ms;
    case 'uniform':
      return spec.minMs + (spec.maxMs - spec.minMs) * rng.next();
    case 'exponential':
      return spec.minMs - (spec.meanMs - spec.minMs) * Math.log(1 - rng.next());
    case 'long-tail': {
      if (rng.next() >= spec.tailProbability) return spec.baseMs;
      const x = Math.pow(1 - rng.next(), -1 / spec.alpha);
      return Math.min(spec.maxMs, spec.baseMs * x);
    }
    default:
      return assertNever(spec, 'latency kind');
  }
}

/** Mutable per-directed-pair state: effective parameters plus the transmitter's busy time. */
export class LinkState {
  params: LinkParams;
  busyUntilMs = 0;

  constructor(params: LinkParams) {
    this.params = params;
  }

  /**
   * The delay from now until a message sent now arrives (before FIFO clamping), and the bookkeeping of
   * duplicates. A message's size is only asked for when bandwidth is limited.
   */
  transitMs(nowMs: number, message: unknown, net: LinkEnv): number {
    const rng = net.rng;
    const p = this.params;
    let delay = sampleLatencyMs(p.latency, rng);
    if (p.lossRate > 0) {
      let rto = net.rtoMs;
      for (let i = 0; i < MAX_RETRANSMISSIONS && rng.next() < p.lossRate; i++) {
        delay += rto;
        rto *= 2;
        net.stats.retransmissions++;
      }
    }
    if (p.duplicateRate > 0 && rng.next() < p.duplicateRate) net.stats.duplicates++;
    if (p.bandwidthKBps !== null) {
      const start = Math.max(nowMs, this.busyUntilMs);
      this.busyUntilMs = start + net.messageSizeBytes(message) / p.bandwidthKBps;
      delay += this.busyUntilMs - nowMs;
    }
    return delay;
  }
}

export interface LinkStats {
  retransmissions: number;
  duplicates: number;
}

/** What a link needs from its network to time a message. */
export interface LinkEnv {
  readonly rng: SeededStream;
  readonly rtoMs: number;
  readonly stats: LinkStats;
  messageSizeBytes(message: unknown): number;
}
