// Seeded random streams (seedrandom).
//
// One root seed; every component draws from its own named stream. A child's seed is derived from its
// parent's seed string and its name alone (`fork` never draws from the parent), so adding a draw in one
// component — or forking a new stream — never shifts any other stream's sequence.
//
// Algorithm: Alea (seedrandom.alea). bench/rng.bench.ts compares all of seedrandom's generators on this
// machine (`npm run bench rng`; the table lands in bench/results.json under details.rng). Alea is among
// the fastest draws there — all but the default ARC4 are within ~1.5x of one another, a few ns per draw,
// small next to the cost of a simulated message — and it hashes its string seed through Baagøe's Mash
// function, so streams named "sentinel-1" and "sentinel-2" start far apart (xor128/xorwow only XOR the
// seed's characters into a linear state). Its state is four numbers, cheap to save and restore. Its
// output has 32 bits of resolution, enough for latencies and choices; `double()` gives 53 bits.

import seedrandom from 'seedrandom';
import type { RandomStream } from './api.js';
import { SimError } from './errors.js';

export const RNG_ALGORITHM = 'alea';

/** Saved state of a stream: enough to continue its exact sequence elsewhere. */
export interface RngState {
  readonly algorithm: typeof RNG_ALGORITHM;
  readonly seed: string;
  readonly c: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

type AleaPrng = seedrandom.StatefulPRNG<seedrandom.State.Alea>;

/** The seed string of the child `name` of a stream seeded with `parentSeed` (length-prefixed, so unambiguous). */
export function childSeed(parentSeed: string, name: string): string {
  return `${parentSeed}/${name.length}:${name}`;
}

export class SeededStream implements RandomStream {
  readonly seed: string;
  private readonly prng: AleaPrng;

  private constructor(seed: string, prng: AleaPrng) {
    this.seed = seed;
    this.prng = prng;
  }

  /** The root stream of a run. */
  static root(seed: number | string): SeededStream {
    const s = String(seed);
    return new SeededStream(s, seedrandom.alea(s, { state: true }));
  }

  /** A stream that continues exactly where `state` was saved. */
  static restore(state: RngState): SeededStream {
    if (state.algorithm !== RNG_ALGORITHM) {
      throw new SimError(
        'BAD_RNG_STATE',
        `state.algorithm must be '${RNG_ALGORITHM}', got '${state.algorithm}'`,
      );
    }
    for (const field of ['c', 's0', 's1', 's2'] as const) {
      if (typeof state[field] !== 'number' || !Number.isFinite(state[field])) {
        throw new SimError('BAD_RNG_STATE', `state.${field} must be a finite number`);
      }
    }
    const prng = seedrandom.alea('', { state: { c: state.c, s0: state.s0, s1: state.s1, s2: state.s2 } });
    return new SeededStream(state.seed, prng);
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number {
    return this.prng();
  }

  /** Uniform in [0, 1), 53 bits of resolution. */
  double(): number {
    return this.prng.double();
  }

  /** Uniform integer in [0, n), for 1 ≤ n ≤ 2^32. */
  int(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= 0x100000000)) {
      throw new SimError('BAD_RNG_STATE', `int(n): n must be an integer in [1, 2^32], got ${n}`);
    }
    return Math.floor(this.prng() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.prng() < p;
  }

  fork(name: string): SeededStream {
    const s = childSeed(this.seed, name);
    return new SeededStream(s, seedrandom.alea(s, { state: true }));
  }

  save(): RngState {
    const st = this.prng.state();
    return { algorithm: RNG_ALGORITHM, seed: this.seed, c: st.c, s0: st.s0, s1: st.s1, s2: st.s2 };
  }
}
