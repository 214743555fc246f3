// A failed assertion is a bug in the simulator: it stops the run (the seed is printed by the caller).

export class AssertionError extends Error {
  readonly code = 'ASSERTION_FAILED';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}
