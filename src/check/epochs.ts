// epoch-monotonicity (spec §7.1, §9.5, §14): per Sentinel, the current epoch never goes down, and per
// (Sentinel, master) neither the config epoch nor the leader epoch (last vote) does, across restarts
// that kept sentinel.conf. A `config-loss` fault legitimately resets them: the node's baselines are
// cleared when the fault is applied and again when the node next comes up (records emitted in the
// instant between the fault and the crash must not pin the old values).
//
// Each source is judged on its own: `config` records (what was persisted) and `+new-epoch` events
// (what was announced). They are not compared with each other, because the real tier collects them
// through different channels (file polling, pub/sub) whose delays can reorder them by a few ms.
import { garbledEvidence, parseEvent, sentinelEvents } from './events.js';
import type { History } from './history.js';
import { expandTargets, type CheckResult, topologyOf } from './model.js';

interface Seen {
  readonly epoch: number;
  readonly trueMs: number;
}

export interface EpochDecrease {
  readonly node: string;
  /** e.g. "currentEpoch (config)", "currentEpoch (+new-epoch)", "configEpoch mymaster". */
  readonly what: string;
  readonly fromEpoch: number;
  readonly fromMs: number;
  readonly toEpoch: number;
  readonly atMs: number;
}

export function checkEpochMonotonicity(history: History): CheckResult {
  const topo = topologyOf(history);
  const seen = new Map<string, Map<string, Seen>>();
  const pendingReset = new Set<string>();
  const decreases: EpochDecrease[] = [];
  let observations = 0;
  let resets = 0;
  const clear = (node: string): void => {
    if (seen.delete(node)) resets += 1;
  };
  const observe = (node: string, what: string, epoch: number, trueMs: number): void => {
    observations += 1;
    const streams = seen.get(node) ?? new Map<string, Seen>();
    seen.set(node, streams);
    const prior = streams.get(what);
    if (prior !== undefined && epoch < prior.epoch) {
      decreases.push({
        node,
        what,
        fromEpoch: prior.epoch,
        fromMs: prior.trueMs,
        toEpoch: epoch,
        atMs: trueMs,
      });
    }
    if (prior === undefined || epoch >= prior.epoch) streams.set(what, { epoch, trueMs });
  };
  for (const record of history) {
    const p = record.payload;
    switch (p.kind) {
      case 'fault':
        if (p.phase === 'apply' && p.op.includes('config-loss')) {
          for (const node of expandTargets(topo, p.targets)) {
            clear(node);
            pendingReset.add(node);
          }
        }
        break;
      case 'process':
        if ((p.state === 'up' || p.state === 'restarted') && pendingReset.delete(record.node))
          clear(record.node);
        break;
      case 'config':
        observe(record.node, 'currentEpoch (config)', p.currentEpoch, record.trueMs);
        for (const m of p.masters) {
          observe(record.node, `configEpoch ${m.name}`, m.configEpoch, record.trueMs);
          observe(record.node, `leaderEpoch ${m.name}`, m.leaderEpoch, record.trueMs);
        }
        break;
      case 'sentinel-event': {
        const ev = parseEvent(p.type, p.message);
        if (ev.kind === 'new-epoch')
          observe(record.node, 'currentEpoch (+new-epoch)', ev.epoch, record.trueMs);
        break;
      }
      default:
        break;
    }
  }
  const garbled = garbledEvidence(sentinelEvents(history).filter((e) => e.type === '+new-epoch'));
  const evidence = { decreases, observations, configLossResets: resets, garbled };
  if (decreases.length > 0) {
    const first = decreases[0];
    const line =
      first === undefined
        ? ''
        : `${first.node} ${first.what} ${String(first.fromEpoch)} → ${String(first.toEpoch)} at ${String(first.atMs)} ms`;
    return {
      valid: false,
      detail: `${String(decreases.length)} epoch decrease(s), first: ${line}`,
      evidence,
    };
  }
  if (garbled.length > 0)
    return {
      valid: 'unknown',
      detail: 'no decrease seen, but some +new-epoch events were garbled',
      evidence,
    };
  if (observations === 0)
    return { valid: 'unknown', detail: 'no epoch was observed (no config records, no +new-epoch)', evidence };
  return { valid: true, detail: `${String(observations)} epoch observations, none went down`, evidence };
}
