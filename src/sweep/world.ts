// The world options every sweep run uses: Sentinels are the engine's, run by the simulator's process
// adapter (src/sim/sentinel-process.ts). Without a factory (sentinelsSimulated() false), runs drop their
// Sentinels (see withoutSentinels) and the failover metrics of a sweep are empty.
import { engineSentinelFactory } from '../sim/sentinel-process.js';
import type { WorldOptions } from '../sim/world.js';

export function sweepWorld(): WorldOptions {
  return { sentinelFactory: engineSentinelFactory };
}

/** Whether sweep runs have Sentinels in them. */
export function sentinelsSimulated(): boolean {
  return sweepWorld().sentinelFactory !== undefined;
}
