// Invariant checks. A failed assertion is a bug in the engine, never an expected condition: expected
// failures (a refused connection, a garbled reply) are values handled where they arrive.

export class AssertionError extends Error {
  readonly code = 'ENGINE_ASSERTION';
  constructor(message: string) {
    super(`engine invariant violated: ${message}`);
    this.name = 'AssertionError';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function assertNever(value: never, what: string): never {
  throw new AssertionError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
