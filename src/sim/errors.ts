// Typed errors of the simulation kernel. A failed `assert` is a bug in the kernel or in its caller and
// stops the run; bad input (an unknown node, a negative latency) gets a `SimError` whose `code` is
// stable and whose message names the offending field.

export type SimErrorCode =
  | 'ASSERTION'
  | 'BAD_TIME'
  | 'BAD_LATENCY'
  | 'BAD_LINK'
  | 'BAD_PROBABILITY'
  | 'UNKNOWN_HOST'
  | 'UNKNOWN_NODE'
  | 'DUPLICATE_NAME'
  | 'PORT_IN_USE'
  | 'BAD_FAULT'
  | 'BAD_RNG_STATE';

export class SimError extends Error {
  readonly code: SimErrorCode;
  constructor(code: SimErrorCode, message: string) {
    super(message);
    this.name = 'SimError';
    this.code = code;
  }
}

/** Invariant check: throws a `SimError` with code ASSERTION when `cond` is false. */
export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new SimError('ASSERTION', `assertion failed: ${message}`);
}

export function assertNever(x: never, what: string): never {
  throw new SimError('ASSERTION', `unexpected ${what}: ${JSON.stringify(x)}`);
}

/** Checks a probability field (a value in [0, 1]) and returns it. */
export function checkProbability(value: number, field: string): number {
  if (!(value >= 0 && value <= 1)) {
    throw new SimError('BAD_PROBABILITY', `${field} must lie in [0, 1], got ${value}`);
  }
  return value;
}
