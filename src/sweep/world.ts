// The world options every sweep run uses. This is the one place where the Sentinel process adapter
// (src/sim/sentinel-process.ts, being written) plugs in: until it does, simulated worlds have no
// Sentinels (runs drop them, see withoutSentinels), so no failover happens and the failover metrics of
// a sweep are empty (null).
import type { WorldOptions } from '../sim/world.js';

export function sweepWorld(): WorldOptions {
  return {};
}

/** Whether sweep runs have Sentinels in them (false until the adapter is wired in above). */
export function sentinelsSimulated(): boolean {
  return sweepWorld().sentinelFactory !== undefined;
}
