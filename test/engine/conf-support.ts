// Shared by the sentinel.conf tests: parse a file that must be refused and return its ConfError.
import { ConfError, parseSentinelConf } from '../../src/engine/conf.js';

export function confError(text: string): ConfError {
  try {
    parseSentinelConf(text);
  } catch (e) {
    if (e instanceof ConfError) return e;
    throw e;
  }
  throw new Error(`expected a ConfError for: ${text}`);
}
