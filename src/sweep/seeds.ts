// Per-run seeds. A run's seed is a function of (sweep seed, cell index, run index) only, so a sweep gives
// the same numbers whatever the worker count, the shard split or the completion order.

/** A 32-bit integer mix (the finaliser of MurmurHash3), applied to keep nearby inputs far apart. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The seed of run `runIndex` of cell `cellIndex` in a sweep with root seed `sweepSeed`. */
export function runSeed(sweepSeed: number, cellIndex: number, runIndex: number): number {
  const lo = mix32(sweepSeed ^ mix32(Math.floor(sweepSeed / 2 ** 32)));
  return mix32(mix32(lo ^ mix32(cellIndex + 0x9e3779b9)) ^ mix32(runIndex + 0x7f4a7c15));
}
