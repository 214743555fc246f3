// Per-run seeds. A run's seed is a function of (sweep seed, cell index, run index) only, so a sweep gives
// the same numbers whatever the worker count, the shard split or the completion order.

/** A 32-bit integer mix (the finaliser of MurmurHash3), applied to keep nearby inputs far apart. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The seed of run `runIndex` of cell `cellIndex` in a sweep with root seed `sweepSeed`: a 53-bit safe
 * integer (32 bits would make two of 100 000 runs share a seed now and then, by the birthday bound).
 */
export function runSeed(sweepSeed: number, cellIndex: number, runIndex: number): number {
  const root = mix32(sweepSeed ^ mix32(Math.floor(sweepSeed / 2 ** 32)));
  const a = mix32(mix32(root ^ mix32(cellIndex + 0x9e3779b9)) ^ mix32(runIndex + 0x7f4a7c15));
  const b = mix32(mix32(a ^ 0x5bd1e995) ^ mix32(root + runIndex * 0x27d4eb2d + cellIndex));
  return a * 2 ** 21 + (b >>> 11);
}
