// How the CLI reports failures: bad input and environment problems are typed errors with a stable
// `code`; the CLI prints one line (`sentinel-lab: <message>`) and exits 2, without a stack trace.

export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Error codes that mean "the input or the environment is wrong" (exit 2), not "the run failed". */
const INPUT_CODES = new Set([
  'SCENARIO_INVALID',
  'SCENARIO_UNKNOWN',
  'SEED_INVALID',
  'OUT_UNWRITABLE',
  'CHECK_UNKNOWN_INVARIANT',
  'CHECK_BAD_EXPECTATION',
  'USAGE',
  'SWEEP_BAD_RANGE',
  'SWEEP_INVALID',
  'SWEEP_BAD_SHARD',
  'SWEEP_BAD_FILE',
  'BUILD_MISSING',
  'CONF_INVALID',
  'FILE_UNREADABLE',
  'REPORT_BAD_INPUT',
  'REPORT_BAD_RUN_ID',
  'REPORT_WRITE_FAILED',
  'REGRESSION_UNREADABLE',
  'REGRESSION_FORMAT',
  'REGRESSION_VERSION',
  'REGRESSION_INVALID',
  // The real tier's environment: a missing binary, an unreachable Toxiproxy, an unavailable SUT.
  'ENVIRONMENT',
]);

export function errorCode(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

export function isInputError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== null && INPUT_CODES.has(code);
}
