// Redis glob patterns (PSUBSCRIBE, SENTINEL RESET, CONFIG GET) — one implementation, the engine's.
import { globMatch as engineGlobMatch } from '../engine/glob.js';

/** Case-sensitive glob match, as PSUBSCRIBE patterns use. */
export function globMatch(pattern: string, text: string): boolean {
  return engineGlobMatch(pattern, text, false);
}
