// `advise`: a deployment's sentinel.conf files (one per Sentinel) and optional host labels, checked
// against the checklist of common mistakes, then measured in simulation — the configuration itself and,
// per finding, the neighbouring configuration that fixes it.
//
// The measured world is the classic split (Jepsen 2013): at 10 s the master and one client are cut off
// from every other node (a minority partition) until 40 s, so acknowledged writes the old master takes
// during the cut are lost after the failover; background latency spikes at the given latency measure
// needless failovers.
import type { MasterConf, SentinelConf } from '../engine/conf-types.js';
import type { Scenario, TimedFault } from '../scenarios/types.js';
import { SWEEP_MASTER_CRASH } from './base.js';
import { SweepError } from './errors.js';
import type { AxisName, Grid, SweepParams } from './grid.js';

export type FindingKind =
  | 'too-few-sentinels'
  | 'even-sentinels'
  | 'quorum-above-sentinels'
  | 'quorum-below-majority'
  | 'sentinels-disagree'
  | 'sentinel-on-master-box'
  | 'parallel-syncs-zero'
  | 'long-down-after'
  | 'long-failover-timeout'
  | 'no-min-replicas';

export interface Finding {
  readonly kind: FindingKind;
  readonly message: string;
  /** The neighbouring configuration that fixes it, as one axis change; null when no axis expresses it. */
  readonly fix: { readonly axis: AxisName; readonly value: number } | null;
}

export interface Deployment {
  readonly masterName: string;
  readonly sentinels: number;
  readonly master: MasterConf;
  /** node (sentinel-1…, redis-1 = the master) → host label. */
  readonly hosts: ReadonlyMap<string, string>;
  readonly minReplicasToWrite: number;
}

/** Host labels: `<node> <host>` per line (`sentinel-1 box-a`, `redis-1 box-a`); `#` comments. */
export function parseHosts(text: string, fileName: string): Map<string, string> {
  const hosts = new Map<string, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const parts = line.split(/\s+/);
    if (parts.length !== 2 || !/^(sentinel|redis)-\d+$/.test(parts[0]!)) {
      throw new SweepError(
        'SWEEP_BAD_FILE',
        `${fileName}:${i + 1}: expected '<sentinel-N|redis-N> <host>', got '${line}'`,
      );
    }
    hosts.set(parts[0]!, parts[1]!);
  });
  return hosts;
}

export function deploymentOf(
  confs: readonly { name: string; conf: SentinelConf }[],
  hosts: ReadonlyMap<string, string>,
  minReplicasToWrite: number,
): Deployment {
  const first = confs[0];
  const master = first?.conf.masters[0];
  if (first === undefined || master === undefined) {
    throw new SweepError('SWEEP_BAD_FILE', `${first?.name ?? 'advise'}: no 'sentinel monitor' line`);
  }
  for (const { name, conf } of confs) {
    if (!conf.masters.some((m) => m.name === master.name)) {
      throw new SweepError(
        'SWEEP_BAD_FILE',
        `${name}: does not monitor '${master.name}' (as ${first.name} does)`,
      );
    }
  }
  return { masterName: master.name, sentinels: confs.length, master, hosts, minReplicasToWrite };
}

function disagreements(confs: readonly { name: string; conf: SentinelConf }[], master: MasterConf): string[] {
  const fields = ['quorum', 'downAfterMs', 'failoverTimeoutMs', 'parallelSyncs'] as const;
  const out: string[] = [];
  for (const { name, conf } of confs) {
    const m = conf.masters.find((x) => x.name === master.name);
    for (const f of fields)
      if (m !== undefined && m[f] !== master[f]) out.push(`${name}: ${f} ${m[f]} (first file: ${master[f]})`);
  }
  return out;
}

/** The checklist (spec §1.3 defaults; the Sentinel documentation's deployment advice). */
export function findings(d: Deployment, confs: readonly { name: string; conf: SentinelConf }[]): Finding[] {
  const out: Finding[] = [];
  const n = d.sentinels;
  const majority = Math.floor(n / 2) + 1;
  const q = d.master.quorum;
  const add = (kind: FindingKind, message: string, fix: Finding['fix']): void =>
    void out.push({ kind, message, fix });
  if (n < 3)
    add(
      'too-few-sentinels',
      `${n} Sentinel(s): one failure leaves no majority to authorise a failover; use at least 3`,
      { axis: 'sentinels', value: 3 },
    );
  if (n >= 3 && n % 2 === 0)
    add('even-sentinels', `${n} Sentinels (even): tolerates no more failures than ${n - 1}; use ${n + 1}`, {
      axis: 'sentinels',
      value: n + 1,
    });
  if (q > n)
    add(
      'quorum-above-sentinels',
      `quorum ${q} > ${n} Sentinels: the master can never be agreed down, so no failover ever happens`,
      { axis: 'quorum', value: majority },
    );
  else if (q < majority)
    add(
      'quorum-below-majority',
      `quorum ${q} below a majority (${majority}) of ${n}: fewer Sentinels agree the master is down, more needless failovers`,
      { axis: 'quorum', value: majority },
    );
  const differ = disagreements(confs, d.master);
  if (differ.length > 0) add('sentinels-disagree', `the files disagree: ${differ.join('; ')}`, null);
  const masterBox = d.hosts.get('redis-1');
  const shared = [...d.hosts]
    .filter(([node, host]) => node.startsWith('sentinel-') && host === masterBox)
    .map(([node]) => node);
  if (masterBox !== undefined && shared.length > 0)
    add(
      'sentinel-on-master-box',
      `${shared.join(', ')} run(s) on the master's box ${masterBox}: losing that box loses them too`,
      null,
    );
  if (d.master.parallelSyncs === 0)
    add('parallel-syncs-zero', 'parallel-syncs 0: replicas are never reconfigured to the new master', {
      axis: 'parallelSyncs',
      value: 1,
    });
  if (d.master.downAfterMs > 60_000)
    add(
      'long-down-after',
      `down-after-milliseconds ${d.master.downAfterMs}: clients wait at least that long for a failover`,
      { axis: 'downAfterMs', value: 10_000 },
    );
  if (d.master.failoverTimeoutMs > 600_000)
    add(
      'long-failover-timeout',
      `failover-timeout ${d.master.failoverTimeoutMs}: a stuck failover is retried only after twice that`,
      { axis: 'failoverTimeoutMs', value: 180_000 },
    );
  if (d.minReplicasToWrite === 0)
    add(
      'no-min-replicas',
      'min-replicas-to-write 0: a master cut off with a minority keeps acknowledging writes that the failover then loses',
      { axis: 'minReplicasToWrite', value: 1 },
    );
  return out;
}

const MAX_SENTINELS_IN_CUT = 15;

/** The advise world: a minority partition of the master and client-1 from 10 s to 40 s. */
export function adviseScenario(d: Deployment): Scenario {
  // Sentinels on the master's box share its fate: they are on the minority side of the cut.
  const masterBox = d.hosts.get('redis-1');
  const onMasterBox = [...d.hosts]
    .filter(([node, host]) => host === masterBox && node.startsWith('sentinel-'))
    .map(([node]) => node);
  const minority = ['redis-1', 'client-1', ...onMasterBox];
  const allSentinels = Array.from(
    { length: Math.max(MAX_SENTINELS_IN_CUT, d.sentinels + 2) },
    (_, i) => `sentinel-${i + 1}`,
  );
  const majority = [
    ...Array.from({ length: SWEEP_MASTER_CRASH.topology.replicas }, (_, i) => `redis-${i + 2}`),
    ...allSentinels.filter((s) => !onMasterBox.includes(s)),
  ];
  const blocks = minority.flatMap((a) => majority.flatMap((b) => [[a, b] as const, [b, a] as const]));
  const cut: TimedFault = {
    atMs: 10_000,
    durationMs: 30_000,
    op: { kind: 'partition', blocks, mode: 'blackhole' },
  };
  // Host names must not be node names; the label is kept recognisable.
  const box = `box-${(masterBox ?? 'master').replace(/[^A-Za-z0-9-]/g, '-')}`;
  const placement = Object.fromEntries(['redis-1', ...onMasterBox].map((node) => [node, box]));
  return {
    ...SWEEP_MASTER_CRASH,
    name: 'advise-minority-partition',
    description: 'the master and one client are cut off from everyone else from 10 s to 40 s',
    topology: {
      ...SWEEP_MASTER_CRASH.topology,
      sentinels: d.sentinels,
      ...(onMasterBox.length > 0 ? { placement } : {}),
    },
    faults: [cut],
  };
}

/** The grid: the deployment's own values, plus each finding's fix on its axis. */
export function adviseGrid(
  d: Deployment,
  found: readonly Finding[],
  latencyMs: number,
  faultRatePerMin: number,
): Grid {
  const own: SweepParams = {
    sentinels: d.sentinels,
    quorum: d.master.quorum,
    downAfterMs: d.master.downAfterMs,
    failoverTimeoutMs: d.master.failoverTimeoutMs,
    parallelSyncs: d.master.parallelSyncs,
    minReplicasToWrite: d.minReplicasToWrite,
    latencyMs,
    faultRatePerMin,
  };
  const grid = Object.fromEntries(Object.entries(own).map(([k, v]) => [k, [v]])) as Record<
    AxisName,
    number[]
  >;
  for (const f of found) {
    if (f.fix !== null && !grid[f.fix.axis].includes(f.fix.value)) grid[f.fix.axis].push(f.fix.value);
  }
  return grid;
}
