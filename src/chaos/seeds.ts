// Run identity. A campaign run is named by (campaign seed, run index) and nothing else: the fast-check
// seed that generates its fault schedule and the world seed of its simulation are pure functions of
// that pair. Which worker runs it, and how many workers there are, cannot change what it does; this is
// how a campaign's findings are the same with 1 worker or 20.

/** A 32-bit mix (splitmix32's finaliser): nearby inputs give unrelated outputs. */
function mix32(x: number): number {
  let z = x >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

function combine(campaignSeed: number, runIndex: number, salt: number): number {
  // The campaign seed may be any safe integer: fold its high bits in as well.
  const hi = Math.floor(campaignSeed / 2 ** 32) >>> 0;
  const lo = campaignSeed >>> 0;
  return mix32(mix32(mix32(lo ^ salt) ^ hi) + Math.imul(runIndex + 1, 0x9e3779b9));
}

/** Seed of fast-check for run `runIndex` (fast-check takes a 32-bit integer). */
export function scheduleSeed(campaignSeed: number, runIndex: number): number {
  return combine(campaignSeed, runIndex, 0x5eed5c4e) | 0;
}

/** Root seed of the simulated world of run `runIndex` (the kernel forks its streams from it). */
export function worldSeed(campaignSeed: number, runIndex: number): number {
  return combine(campaignSeed, runIndex, 0x0dd5eed5);
}

/** Whether run `runIndex` belongs to the determinism sample (executed twice, traces compared). */
export function inDeterminismSample(runIndex: number, every: number): boolean {
  return every > 0 && runIndex % every === 0;
}
