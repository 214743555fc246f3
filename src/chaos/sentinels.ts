// How the chaos campaign gets Sentinels into its worlds: the engine's process adapter
// (src/sim/sentinel-process.ts, `engineSentinelFactory`) plugs in through World's `sentinelFactory`.
// `sentinelWorld()` is the one switch.
import { engineSentinelFactory } from '../sim/sentinel-process.js';
import type { WorldOptions } from '../sim/world.js';

/** World options for a run of a scenario with Sentinels. */
export function sentinelWorld(): WorldOptions {
  return { sentinelFactory: engineSentinelFactory };
}

/**
 * Whether campaigns can run Sentinels: always, since the adapter is part of the build. Kept for the
 * callers that still offer a Sentinel-free fallback.
 */
export function sentinelsAvailable(): boolean {
  return true;
}

/** World options for a topology with `sentinels` Sentinels (none: a world without a factory). */
export function worldOptionsFor(sentinels: number): WorldOptions {
  return sentinels > 0 ? sentinelWorld() : {};
}
