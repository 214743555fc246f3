// What a checker returns. Checkers are pure functions of a history (src/check/history.ts).
import type { Expectation } from '../scenarios/types.js';

export interface Verdict {
  /** Invariant or measurement name, e.g. "election-safety", "acked-write-loss". */
  readonly invariant: string;
  /** Whether the invariant held: true, false, or 'unknown' (the checker could not decide, or threw). */
  readonly valid: boolean | 'unknown';
  /** What the scenario expected of it. */
  readonly expected: Expectation;
  /** Whether the result met the expectation ('measure' is always met unless the checker failed). */
  readonly ok: boolean;
  /** One human-readable line. */
  readonly detail: string;
  /** Machine-readable evidence: times, nodes, epochs, counts, measured values. */
  readonly evidence: Readonly<Record<string, unknown>>;
}
