// Typed errors of the real tier. Each has a stable `code` so callers and tests can tell them apart
// without parsing messages.

/** Base class: every real-tier error carries a stable machine-readable code. */
export class RealTierError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A binary the real tier needs (redis-server, toxiproxy-server…) is not installed. */
export class MissingBinaryError extends RealTierError {
  constructor(
    readonly binary: string,
    readonly fix: string,
  ) {
    super('E_MISSING_BINARY', `${binary} not found on PATH or in .tools/bin; ${fix}`);
  }
}

/** A process did not become ready (or exited) within its readiness budget. */
export class ProcessStartError extends RealTierError {
  constructor(
    readonly processName: string,
    message: string,
  ) {
    super('E_PROCESS_START', `${processName}: ${message}`);
  }
}

/** No free port could be found in the allotted range. */
export class PortExhaustedError extends RealTierError {
  constructor(message: string) {
    super('E_PORT_EXHAUSTED', message);
  }
}

/** The Toxiproxy HTTP API answered with an unexpected status. */
export class ToxiproxyApiError extends RealTierError {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    detail: string,
  ) {
    super('E_TOXIPROXY_API', `Toxiproxy ${method} ${path} -> ${status}: ${detail}`);
  }
}
