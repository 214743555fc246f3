// How the chaos campaign gets Sentinels into its worlds: the engine's process adapter
// (src/sim/sentinel-process.ts, `engineSentinelFactory`) plugs in through World's `sentinelFactory`.
// The adapter is loaded when present, so this module works on a build without it (the campaign then
// runs Sentinel-free bases and skips catalogue scenarios with Sentinels) and picks it up, with no code
// change here, as soon as it lands. `sentinelWorld()` is the one switch.
import type { SentinelFactory, WorldOptions } from '../sim/world.js';

// A variable specifier keeps the compiler from requiring the module to exist at build time.
const ADAPTER = '../sim/sentinel-process.js';

async function loadFactory(): Promise<SentinelFactory | null> {
  try {
    const mod = (await import(ADAPTER)) as { engineSentinelFactory?: SentinelFactory };
    return typeof mod.engineSentinelFactory === 'function' ? mod.engineSentinelFactory : null;
  } catch (error) {
    // Only the adapter's own absence means "no Sentinels"; a module it fails to load is a bug.
    const missing = (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND';
    if (missing && String((error as Error).message).includes('sentinel-process')) return null;
    throw error;
  }
}

const factory = await loadFactory();

/** World options for a run of a scenario with Sentinels, or null when no Sentinel adapter exists. */
export function sentinelWorld(): WorldOptions | null {
  return factory === null ? null : { sentinelFactory: factory };
}

export function sentinelsAvailable(): boolean {
  return factory !== null;
}

/** World options for a topology with `sentinels` Sentinels (World rejects a missing factory itself). */
export function worldOptionsFor(sentinels: number): WorldOptions {
  return sentinels > 0 ? (sentinelWorld() ?? {}) : {};
}
