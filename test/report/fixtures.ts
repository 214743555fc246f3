// Synthetic but realistic histories for report tests: a master crash with 3 Sentinels (quorum 2),
// redis-1 (initial master), redis-2 and redis-3, one client writing at a steady rate. The Sentinel event
// sequence follows the uncontended failover of spec §15 (down-after 5000 ms, tick ≈ 71 ms) with the
// message formats of §13.2. Deterministic: the same options give the same history.
import seedrandom from 'seedrandom';
import type { History, HistoryPayload, HistoryRecord, TopologyNode } from '../../src/check/history.js';
import type { Verdict } from '../../src/check/verdict.js';
import type { RunResult, SweepCell } from '../../src/report/types.js';

export interface MasterCrashOptions {
  readonly seed?: number;
  readonly durationMs?: number;
  readonly crashAtMs?: number;
  /** How long redis-1 stays down. */
  readonly crashForMs?: number;
  readonly downAfterMs?: number;
  readonly opsPerSec?: number;
  /** Include `message` records (the optional message trace). */
  readonly messages?: boolean;
  /** An extra sentinel event on sentinel-3 whose message is this text (to test escaping). */
  readonly extraEventMessage?: string;
}

const TICK_MS = 71;
const MASTER = 'mymaster';
const ids = ['a1'.repeat(20), 'b2'.repeat(20), 'c3'.repeat(20)];

export const topologyNodes: readonly TopologyNode[] = [
  ...[1, 2, 3].map((i) => node(`sentinel-${i}`, 'sentinel', `10.0.0.1${i}`, 26379)),
  ...[1, 2, 3].map((i) => node(`redis-${i}`, 'redis', `10.0.0.${i}`, 6379)),
  node('client-1', 'client', '10.0.0.21', 0),
  node('nemesis', 'nemesis', '10.0.0.99', 0),
];

function node(name: string, kind: TopologyNode['kind'], ip: string, port: number): TopologyNode {
  return { name, kind, host: name, ip, port };
}

const addr = (redis: number): string => `10.0.0.${redis} 6379`;
const masterDet = (redis: number): string => `master ${MASTER} ${addr(redis)}`;
const slaveDet = (redis: number, master: number): string =>
  `slave 10.0.0.${redis}:6379 ${addr(redis)} @ ${MASTER} ${addr(master)}`;

class Builder {
  readonly records: HistoryRecord[] = [];
  constructor(readonly random: () => number) {}
  add(trueMs: number, node: string, payload: HistoryPayload): void {
    this.records.push({ trueMs: Math.round(trueMs * 1000) / 1000, localMs: trueMs, node, payload });
  }
  event(trueMs: number, sentinel: number, type: string, message: string): void {
    this.add(trueMs, `sentinel-${sentinel}`, { kind: 'sentinel-event', type, level: 'warning', message });
  }
  jitter(maxMs: number): number {
    return this.random() * maxMs;
  }
}

/** Builds the history; records are sorted by true time (stable). */
export function masterCrashHistory(options: MasterCrashOptions = {}): History {
  const o = {
    seed: 1,
    durationMs: 40_000,
    crashAtMs: 10_000,
    crashForMs: 12_000,
    downAfterMs: 5_000,
    opsPerSec: 100,
    messages: false,
    ...options,
  };
  const b = new Builder(seedrandom(String(o.seed)));
  b.add(0, 'nemesis', {
    kind: 'topology',
    nodes: topologyNodes,
    masters: [{ name: MASTER, quorum: 2, initial: 'redis-1' }],
    downAfterMs: o.downAfterMs,
    failoverTimeoutMs: 60_000,
  });
  initialState(b);
  const f = failoverEvents(b, o.crashAtMs, o.downAfterMs);
  recovery(b, o.crashAtMs + o.crashForMs);
  clientOps(b, o, f.clientSwitchMs);
  if (o.messages) messageTrace(b, o, f);
  if (o.extraEventMessage !== undefined) b.event(o.crashAtMs + 2000, 3, '+custom', o.extraEventMessage);
  b.add(o.durationMs - 5000, 'nemesis', { kind: 'healed' });
  b.add(o.durationMs, 'nemesis', finalRecord());
  return b.records
    .map((r, i) => ({ r, i }))
    .sort((x, y) => x.r.trueMs - y.r.trueMs || x.i - y.i)
    .map((x) => x.r);
}

function initialState(b: Builder): void {
  for (const n of topologyNodes) if (n.kind !== 'nemesis') b.add(0, n.name, { kind: 'process', state: 'up' });
  b.add(1, 'redis-1', { kind: 'role', role: 'master', masterNode: null });
  for (const r of [2, 3]) b.add(1, `redis-${r}`, { kind: 'role', role: 'replica', masterNode: 'redis-1' });
  for (const s of [1, 2, 3]) {
    b.event(2 + s, s, '+monitor', `${masterDet(1)} quorum 2`);
    b.add(5, `sentinel-${s}`, {
      kind: 'sentinel-view',
      master: MASTER,
      addr: '10.0.0.1:6379',
      masterNode: 'redis-1',
    });
    b.add(6, `sentinel-${s}`, {
      kind: 'config',
      currentEpoch: 0,
      masters: [{ name: MASTER, configEpoch: 0, leaderEpoch: 0 }],
    });
    for (const r of [2, 3]) b.event(120 + b.jitter(900), s, '+slave', slaveDet(r, 1));
    for (const p of [1, 2, 3]) {
      if (p !== s)
        b.event(
          1500 + b.jitter(2000),
          s,
          '+sentinel',
          `sentinel ${ids[p - 1]} 10.0.0.1${p} 26379 @ ${MASTER} ${addr(1)}`,
        );
    }
  }
}

type Resolved = Required<Omit<MasterCrashOptions, 'extraEventMessage'>>;

export interface FailoverTimes {
  readonly leaderTryMs: number;
  readonly promoteMs: number;
  readonly observersSwitchMs: number;
  readonly endMs: number;
  readonly clientSwitchMs: number;
}

/** §15: sentinel-2 is the second to reach SDOWN, gets ODOWN a tick later and leads the failover. */
function failoverEvents(b: Builder, crashMs: number, downAfterMs: number): FailoverTimes {
  b.add(crashMs, 'nemesis', {
    kind: 'fault',
    phase: 'apply',
    op: 'crash',
    targets: ['redis-1'],
    detail: 'mode=process',
  });
  b.add(crashMs, 'redis-1', { kind: 'process', state: 'crashed' });
  const sdown = [crashMs + downAfterMs - 400, crashMs + downAfterMs - 150, crashMs + downAfterMs + 300];
  sdown.forEach((t, i) => b.event(t, i + 1, '+sdown', masterDet(1)));
  const odown = sdown[1]! + TICK_MS;
  b.event(odown, 2, '+odown', `${masterDet(1)} #quorum 2/2`);
  b.event(odown, 2, '+new-epoch', '1');
  b.event(odown, 2, '+try-failover', masterDet(1));
  b.event(odown, 2, '+vote-for-leader', `${ids[1]} 1`);
  for (const s of [1, 3]) {
    b.event(odown + 3 + b.jitter(3), s, '+new-epoch', '1');
    b.event(odown + 4 + b.jitter(3), s, '+vote-for-leader', `${ids[1]} 1`);
    b.add(odown + 8, `sentinel-${s}`, {
      kind: 'config',
      currentEpoch: 1,
      masters: [{ name: MASTER, configEpoch: 0, leaderEpoch: 1 }],
    });
  }
  b.event(sdown[0]! + 1000, 1, '+odown', `${masterDet(1)} #quorum 3/2`);
  b.event(sdown[2]! + TICK_MS, 3, '+odown', `${masterDet(1)} #quorum 3/2`);
  const elected = odown + TICK_MS;
  b.event(elected, 2, '+elected-leader', masterDet(1));
  b.event(elected, 2, '+failover-state-select-slave', masterDet(1));
  b.event(elected + TICK_MS, 2, '+selected-slave', slaveDet(2, 1));
  b.event(elected + TICK_MS, 2, '+failover-state-send-slaveof-noone', slaveDet(2, 1));
  b.event(elected + 2 * TICK_MS, 2, '+failover-state-wait-promotion', slaveDet(2, 1));
  b.add(elected + 2 * TICK_MS + 4, 'redis-2', { kind: 'role', role: 'master', masterNode: null });
  const promoteMs = elected + 2 * TICK_MS + 650;
  b.event(promoteMs, 2, '+promoted-slave', slaveDet(2, 1));
  b.event(promoteMs, 2, '+failover-state-reconf-slaves', masterDet(1));
  b.add(promoteMs + 1, 'sentinel-2', {
    kind: 'config',
    currentEpoch: 1,
    masters: [{ name: MASTER, configEpoch: 1, leaderEpoch: 1 }],
  });
  b.event(promoteMs + TICK_MS, 2, '+slave-reconf-sent', slaveDet(3, 1));
  b.add(promoteMs + TICK_MS + 3, 'redis-3', { kind: 'role', role: 'replica', masterNode: 'redis-2' });
  const observersSwitchMs = promoteMs + 120;
  for (const s of [1, 3]) {
    const t = observersSwitchMs + b.jitter(40);
    b.event(t, s, '+config-update-from', `sentinel ${ids[1]} 10.0.0.12 26379 @ ${MASTER} ${addr(1)}`);
    b.event(t, s, '+switch-master', `${MASTER} ${addr(1)} ${addr(2)}`);
    b.add(t, `sentinel-${s}`, {
      kind: 'sentinel-view',
      master: MASTER,
      addr: '10.0.0.2:6379',
      masterNode: 'redis-2',
    });
    b.add(t + 1, `sentinel-${s}`, {
      kind: 'config',
      currentEpoch: 1,
      masters: [{ name: MASTER, configEpoch: 1, leaderEpoch: 1 }],
    });
    for (const r of [1, 3]) b.event(t, s, '+slave', slaveDet(r, 2));
  }
  b.event(promoteMs + 1100, 2, '+slave-reconf-inprog', slaveDet(3, 1));
  b.event(promoteMs + 2100, 2, '+slave-reconf-done', slaveDet(3, 1));
  const endMs = promoteMs + 2100 + TICK_MS;
  b.event(endMs, 2, '+failover-end', masterDet(1));
  b.event(endMs, 2, '+switch-master', `${MASTER} ${addr(1)} ${addr(2)}`);
  b.add(endMs, 'sentinel-2', {
    kind: 'sentinel-view',
    master: MASTER,
    addr: '10.0.0.2:6379',
    masterNode: 'redis-2',
  });
  for (const r of [1, 3]) b.event(endMs, 2, '+slave', slaveDet(r, 2));
  for (const s of [1, 2, 3]) b.event(endMs + 5 + s, s, '+sdown', slaveDet(1, 2));
  return { leaderTryMs: odown, promoteMs, observersSwitchMs, endMs, clientSwitchMs: observersSwitchMs + 60 };
}

function recovery(b: Builder, restartMs: number): void {
  b.add(restartMs, 'nemesis', { kind: 'fault', phase: 'heal', op: 'crash', targets: ['redis-1'] });
  b.add(restartMs, 'redis-1', { kind: 'process', state: 'restarted' });
  b.add(restartMs + 2, 'redis-1', { kind: 'role', role: 'master', masterNode: null });
  for (const s of [1, 2, 3]) b.event(restartMs + 300 + b.jitter(900), s, '-sdown', slaveDet(1, 2));
  b.event(restartMs + 10_400, 1, '+convert-to-slave', slaveDet(1, 2));
  b.add(restartMs + 10_410, 'redis-1', { kind: 'role', role: 'replica', masterNode: 'redis-2' });
}

/** Writes at a fixed rate; redis-1's crash fails writes until the client follows the sentinels. */
function clientOps(b: Builder, o: Resolved, switchMs: number): void {
  const periodMs = 1000 / o.opsPerSec;
  let opId = 0;
  for (let t = 200; t < o.durationMs - 1000; t += periodMs) {
    opId += 1;
    const toOld = t < switchMs;
    const target = toOld ? 'redis-1' : 'redis-2';
    const base = { kind: 'op', opId, op: 'write', key: 'k', value: opId, target } as const;
    b.add(t, 'client-1', { ...base, phase: 'invoke' });
    const downOld = toOld && t >= o.crashAtMs;
    if (toOld && t < o.crashAtMs && t + periodMs >= o.crashAtMs) {
      b.add(t + 500, 'client-1', { ...base, phase: 'info', error: 'timeout after 500 ms' });
    } else if (downOld) {
      b.add(t + 1 + b.jitter(1), 'client-1', { ...base, phase: 'fail', error: 'ECONNREFUSED 10.0.0.1:6379' });
    } else {
      b.add(t + 1 + b.jitter(2), 'client-1', { ...base, phase: 'ok' });
    }
  }
}

/** Periodic PINGs, INFO and hellos plus the failover's votes and SLAVEOF commands (§4.3, §6.3, §10.1). */
function messageTrace(b: Builder, o: Resolved, f: FailoverTimes): void {
  let msgId = 0;
  const send = (t: number, from: string, to: string, summary: string, lost: boolean): void => {
    msgId += 1;
    b.add(t, from, { kind: 'message', phase: 'send', msgId, from, to, summary });
    if (!lost)
      b.add(t + 0.3 + b.jitter(0.4), to, { kind: 'message', phase: 'receive', msgId, from, to, summary });
  };
  const redis1Down = (t: number): boolean => t >= o.crashAtMs && t < o.crashAtMs + o.crashForMs;
  for (let t = 0; t < o.durationMs; t += 1000) {
    for (const s of [1, 2, 3]) {
      const st = t + s * 90 + b.jitter(50);
      for (const r of [1, 2, 3]) {
        const down = r === 1 && redis1Down(st);
        send(st, `sentinel-${s}`, `redis-${r}`, 'PING', down);
        if (!down) send(st + 0.8, `redis-${r}`, `sentinel-${s}`, '+PONG', false);
      }
      if (t % 2000 === 0) {
        for (const p of [1, 2, 3])
          if (p !== s)
            send(st + 5, `sentinel-${s}`, `sentinel-${p}`, `hello e${st > f.promoteMs ? 1 : 0}`, false);
      }
    }
  }
  for (const s of ['sentinel-1', 'sentinel-3']) {
    send(
      f.leaderTryMs + 0.5,
      'sentinel-2',
      s,
      'is-master-down-by-addr 10.0.0.1 6379 1 ' + ids[1]!.slice(0, 8),
      false,
    );
    send(f.leaderTryMs + 3, s, 'sentinel-2', 'down=1 leader=' + ids[1]!.slice(0, 8) + ' epoch=1', false);
  }
  const slaveofMs = f.leaderTryMs + 3 * TICK_MS;
  send(slaveofMs, 'sentinel-2', 'redis-2', 'MULTI SLAVEOF NO ONE … EXEC', false);
  send(slaveofMs + 2, 'redis-2', 'sentinel-2', '+OK', false);
  send(f.promoteMs + TICK_MS, 'sentinel-2', 'redis-3', 'MULTI SLAVEOF 10.0.0.2 6379 … EXEC', false);
  for (const p of ['sentinel-1', 'sentinel-3'])
    send(f.promoteMs + 100, 'sentinel-2', p, 'hello e1 master 10.0.0.2', false);
}

function finalRecord(): HistoryPayload {
  return {
    kind: 'final',
    redis: [1, 2, 3].map((r) => ({
      node: `redis-${r}`,
      up: true,
      role: r === 2 ? ('master' as const) : ('replica' as const),
      masterNode: r === 2 ? null : 'redis-2',
      sets: { k: [] },
    })),
    sentinels: [1, 2, 3].map((s) => ({ node: `sentinel-${s}`, up: true, views: { [MASTER]: 'redis-2' } })),
  };
}

export function sampleVerdicts(): Verdict[] {
  return [
    {
      invariant: 'election-safety',
      valid: true,
      expected: 'hold',
      ok: true,
      detail: 'one leader per epoch',
      evidence: { epochs: 1 },
    },
    {
      invariant: 'acked-write-loss',
      valid: false,
      expected: 'hold',
      ok: false,
      detail: '3 acknowledged writes lost (<a> & "b")',
      evidence: { lost: [1, 2, 3] },
    },
    {
      invariant: 'failover-time',
      valid: 'unknown',
      expected: 'measure',
      ok: true,
      detail: 'failover took 6.2 s',
      evidence: { ms: 6200 },
    },
  ];
}

export function sampleResult(runId = 'master-crash-seed1'): RunResult {
  return {
    runId,
    scenario: 'master-crash',
    seed: 1,
    tier: 'sim',
    version: '0.1.0',
    traceHash: 'ab'.repeat(32),
    options: {
      sentinels: 3,
      quorum: 2,
      downAfterMs: 5000,
      failoverTimeoutMs: 60000,
      faults: [{ atMs: 10000, op: { kind: 'crash', target: 'redis-1' } }],
    },
    failover: { durationsMs: [6210], budgetMs: 10_000 },
  };
}

/** A quorum × sentinels grid; `runsPerCell` only scales the `runs` field. */
export function sampleSweepCells(): SweepCell[] {
  const cells: SweepCell[] = [];
  for (const sentinels of [3, 5, 7]) {
    for (let quorum = 1; quorum <= sentinels; quorum += 1) {
      const majority = Math.floor(sentinels / 2) + 1;
      cells.push({
        params: { sentinels, quorum },
        metrics: {
          failoverP50Ms: quorum > majority + 1 ? null : 6000 + quorum * 150,
          failoverP99Ms: quorum > majority + 1 ? null : 8500 + quorum * 400,
          needlessFailoverProbability: quorum === 1 ? 0.12 : 0.01 / quorum,
          lostWriteFraction: 0.002 * (quorum === 1 ? 4 : 1),
        },
        runs: 100,
      });
    }
  }
  return cells;
}

/** Failover durations around down-after 5 s, with a slow tail (deterministic). */
export function sampleDurations(n: number, seed = 7): number[] {
  const random = seedrandom(String(seed));
  return Array.from({ length: n }, () => 4500 + random() * 3500 + (random() < 0.03 ? 20_000 * random() : 0));
}

/** `n` writes by client-1 whose outcomes cycle ok, fail, unknown (no two neighbours merge). */
export function alternatingOpsHistory(n: number): History {
  const records: HistoryRecord[] = [
    {
      trueMs: 0,
      localMs: null,
      node: 'nemesis',
      payload: {
        kind: 'topology',
        nodes: topologyNodes,
        masters: [{ name: MASTER, quorum: 2, initial: 'redis-1' }],
        downAfterMs: 5000,
        failoverTimeoutMs: 60_000,
      },
    },
  ];
  const phases = ['ok', 'fail', 'info'] as const;
  for (let i = 0; i < n; i += 1) {
    const base = { kind: 'op', opId: i, op: 'write', key: 'k', value: i } as const;
    records.push({ trueMs: i * 10, localMs: null, node: 'client-1', payload: { ...base, phase: 'invoke' } });
    records.push({
      trueMs: i * 10 + 5,
      localMs: null,
      node: 'client-1',
      payload: { ...base, phase: phases[i % 3]! },
    });
  }
  return records;
}
