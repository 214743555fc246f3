// How the chaos campaign gets Sentinels into its worlds. The engine's process adapter
// (src/sim/sentinel-process.ts) plugs in through World's `sentinelFactory`; until it is on this branch
// the campaign runs Sentinel-free bases only. `sentinelWorld()` is the one switch.
import type { WorldOptions } from '../sim/world.js';

/** World options for a run of a scenario with Sentinels, or null while no Sentinel adapter exists. */
export function sentinelWorld(): WorldOptions | null {
  return null;
}

export function sentinelsAvailable(): boolean {
  return sentinelWorld() !== null;
}

/** World options for a topology with `sentinels` Sentinels (World rejects a missing factory itself). */
export function worldOptionsFor(sentinels: number): WorldOptions {
  return sentinels > 0 ? (sentinelWorld() ?? {}) : {};
}
