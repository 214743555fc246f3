// The typed error of sweep input: a bad grid value, an invalid combination, a bad shard, a malformed
// shard file. The message always names the offending flag or field, so the CLI prints it as one line.

export type SweepErrorCode = 'SWEEP_BAD_RANGE' | 'SWEEP_INVALID' | 'SWEEP_BAD_SHARD' | 'SWEEP_BAD_FILE';

export class SweepError extends Error {
  override readonly name = 'SweepError';
  constructor(
    readonly code: SweepErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
