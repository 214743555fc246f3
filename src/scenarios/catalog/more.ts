// The catalogue scenarios of this folder other than replication-smoke and master-crash, for the registry
// (catalog/index.ts) to import. Order: partitions, master faults, Sentinel faults, clocks, network,
// elections, data, then misconfigurations.

import type { Scenario } from '../types.js';
import { clockDrift } from './clock-drift.js';
import { clockJumpTilt } from './clock-jump-tilt.js';
import { evenSentinelsSplitVote } from './even-sentinels-split-vote.js';
import { flappingMaster } from './flapping-master.js';
import { jepsen2013 } from './jepsen-2013-partition.js';
import { laggingReplicaPromoted } from './lagging-replica-promoted.js';
import { latencyNearDownAfter } from './latency-near-down-after.js';
import { leaderPartitionedAfterElection } from './leader-partitioned-after-election.js';
import { misconfigHugeDownAfter } from './misconfig-huge-down-after.js';
import { misconfigParallelSyncs0 } from './misconfig-parallel-syncs-0.js';
import { misconfigQuorumAboveSentinels } from './misconfig-quorum-above-sentinels.js';
import { misconfigSentinelsOnMasterBox } from './misconfig-sentinels-on-master-box.js';
import { misconfigSingleSentinel } from './misconfig-single-sentinel.js';
import { misconfigTwoSentinels } from './misconfig-two-sentinels.js';
import { oneWayMasterPartition } from './one-way-master-partition.js';
import { sentinelConfigLoss } from './sentinel-config-loss.js';
import { sentinelCrashDuringFailover } from './sentinel-crash-during-failover.js';

export const moreScenarios: readonly Scenario[] = [
  ...jepsen2013,
  ...oneWayMasterPartition,
  ...flappingMaster,
  ...sentinelCrashDuringFailover,
  ...leaderPartitionedAfterElection,
  ...sentinelConfigLoss,
  ...clockJumpTilt,
  ...clockDrift,
  ...latencyNearDownAfter,
  ...evenSentinelsSplitVote,
  ...laggingReplicaPromoted,
  ...misconfigSingleSentinel,
  ...misconfigQuorumAboveSentinels,
  ...misconfigTwoSentinels,
  ...misconfigSentinelsOnMasterBox,
  ...misconfigParallelSyncs0,
  ...misconfigHugeDownAfter,
];
