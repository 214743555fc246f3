// The typed error of sentinel.conf parsing. Its message always names the line (`sentinel.conf:12: …`),
// like redis-server's own "FATAL CONFIG FILE ERROR" report names the offending line.

export type ConfErrorCode =
  /** A directive neither redis-sentinel nor sentinel-lab's documented server subset knows. */
  | 'unknown-directive'
  /** A directive sentinel-lab knows but deliberately does not support (tls-*, include). */
  | 'unsupported-directive'
  | 'wrong-arg-count'
  /** Quotes that do not close, or a closing quote glued to the next argument. */
  | 'unbalanced-quotes'
  /** An argument with a bad value (quorum 0, port 70000, myid of 12 chars, `maybe` for yes/no…). */
  | 'invalid-value'
  /** A per-master directive naming a master that no `sentinel monitor` line created. */
  | 'unknown-master'
  | 'duplicate-master'
  | 'duplicate-rename';

export class ConfError extends Error {
  override readonly name = 'ConfError';
  constructor(
    readonly code: ConfErrorCode,
    /** 1-based line number in the file. */
    readonly line: number,
    /** The directive as written, e.g. `sentinel foo` or `port`. */
    readonly directive: string,
    readonly reason: string,
    readonly fileName = 'sentinel.conf',
  ) {
    super(`${fileName}:${line}: ${reason}`);
  }
}
