// The invariant and measurement names a scenario can state expectations for. The checkers in
// src/check/ own their exact definitions; the one-liners below say what the catalogue assumes.

export const INVARIANT_NAMES = [
  /** At most one Sentinel wins the election of any epoch (spec §7.6). */
  'election-safety',
  /** No Sentinel's current epoch, and no master's config epoch, ever decreases. */
  'epoch-monotonicity',
  /** After the faults heal, at most one redis-server accepts writes as master for good. */
  'no-lasting-split-brain',
  /** Measurement: how long two masters accepted writes at once. */
  'split-brain-window',
  /**
   * A master that is really gone (crashed, or cut off from a majority of the Sentinels) is replaced
   * within a bound derived from the configuration (down-after, failover-timeout).
   */
  'bounded-failover',
  /**
   * The deployment's view of bounded-failover: a lasting master failure with a replica left ends with a
   * majority of all Sentinels naming a new master in time, even when Sentinels died with the master or
   * quorum cannot be reached — the misconfigurations break it.
   */
  'failover-availability',
  /** No failover starts while the master is up and every client and replica can reach it. */
  'no-needless-failover',
  /** Every write a client saw acknowledged is still in the final dataset. */
  'acked-write-loss',
  /** After the heal, every Sentinel and every replica agrees on one master within a budget. */
  'convergence-after-heal',
  /** Measurement: the number of failovers. */
  'failover-count',
] as const;

export type InvariantName = (typeof INVARIANT_NAMES)[number];

export function isInvariantName(name: string): name is InvariantName {
  return (INVARIANT_NAMES as readonly string[]).includes(name);
}

/**
 * What can be judged in a world without Sentinels (topology.sentinels 0, e.g. replication-smoke): the
 * clients' writes, and the failover count (always 0 there). Every other invariant reads Sentinel votes,
 * epochs or views, so an expectation for it in such a world is rejected as not applicable.
 */
export const INVARIANTS_WITHOUT_SENTINELS: readonly InvariantName[] = [
  'acked-write-loss',
  'split-brain-window',
  'failover-count',
];

export function needsSentinels(name: InvariantName): boolean {
  return !INVARIANTS_WITHOUT_SENTINELS.includes(name);
}
