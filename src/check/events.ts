// Parsing of the Sentinel event messages the checkers rely on (spec §13.2). Only the event types
// listed in `ParsedEvent` are interpreted; every other type is `ignored`. A message of an interpreted
// type that does not have the documented shape is `garbled`: checkers that depend on it then answer
// 'unknown' (never a pass), with the record in the evidence.
import { memoView } from './memo.js';
import type { HistoryRecord } from './history.js';

/** `<type> <name> <ip> <port>` (+ ` @ <master-name> <master-ip> <master-port>` for non-masters). */
export interface InstanceDetails {
  readonly type: string;
  readonly name: string;
  readonly ip: string;
  readonly port: number;
  readonly master: { readonly name: string; readonly ip: string; readonly port: number } | null;
}

export type ParsedEvent =
  | { readonly kind: 'new-epoch'; readonly epoch: number }
  | { readonly kind: 'vote'; readonly candidate: string; readonly epoch: number }
  | { readonly kind: 'try-failover'; readonly det: InstanceDetails }
  | { readonly kind: 'elected-leader'; readonly det: InstanceDetails }
  | { readonly kind: 'promoted-slave'; readonly det: InstanceDetails }
  | { readonly kind: 'failover-abort'; readonly det: InstanceDetails }
  | { readonly kind: 'sentinel'; readonly det: InstanceDetails }
  | {
      readonly kind: 'switch-master';
      readonly master: string;
      readonly oldIp: string;
      readonly oldPort: number;
      readonly newIp: string;
      readonly newPort: number;
    }
  | { readonly kind: 'ignored' }
  | { readonly kind: 'garbled'; readonly reason: string };

const INT = /^-?\d+$/;

function int(text: string | undefined): number | null {
  if (text === undefined || !INT.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

function port(text: string | undefined): number | null {
  const n = int(text);
  return n !== null && n >= 0 && n <= 65535 ? n : null;
}

/** Parses instance details; trailing words after the address (e.g. `#quorum 2/2`) are allowed. */
export function parseDetails(message: string): InstanceDetails | null {
  const words = message.trim().split(/\s+/);
  const [type, name, ip, portText] = words;
  const p = port(portText);
  if (type === undefined || name === undefined || ip === undefined || p === null) return null;
  if (words[4] !== '@') return { type, name, ip, port: p, master: null };
  const mp = port(words[7]);
  const mname = words[5];
  const mip = words[6];
  if (mname === undefined || mip === undefined || mp === null) return null;
  return { type, name, ip, port: p, master: { name: mname, ip: mip, port: mp } };
}

function details(kind: 'try-failover' | 'elected-leader' | 'failover-abort', message: string): ParsedEvent {
  const det = parseDetails(message);
  if (det === null || det.type !== 'master') return { kind: 'garbled', reason: 'expected master details' };
  return { kind, det };
}

function parseSwitch(message: string): ParsedEvent {
  const words = message.trim().split(/\s+/);
  const [master, oldIp, oldPortText, newIp, newPortText] = words;
  const oldPort = port(oldPortText);
  const newPort = port(newPortText);
  if (words.length !== 5 || master === undefined || oldIp === undefined || newIp === undefined) {
    return { kind: 'garbled', reason: 'expected <name> <old-ip> <old-port> <new-ip> <new-port>' };
  }
  if (oldPort === null || newPort === null) return { kind: 'garbled', reason: 'bad port' };
  return { kind: 'switch-master', master, oldIp, oldPort, newIp, newPort };
}

export function parseEvent(type: string, message: string): ParsedEvent {
  switch (type) {
    case '+new-epoch': {
      const epoch = int(message.trim());
      return epoch === null || epoch < 0
        ? { kind: 'garbled', reason: 'expected <epoch>' }
        : { kind: 'new-epoch', epoch };
    }
    case '+vote-for-leader': {
      const words = message.trim().split(/\s+/);
      const epoch = int(words[1]);
      const candidate = words[0];
      if (words.length !== 2 || candidate === undefined || candidate === '' || epoch === null) {
        return { kind: 'garbled', reason: 'expected <runid> <epoch>' };
      }
      return { kind: 'vote', candidate: candidate.toLowerCase(), epoch };
    }
    case '+try-failover':
    case '+elected-leader':
      return details(type === '+try-failover' ? 'try-failover' : 'elected-leader', message);
    case '-failover-abort-not-elected':
    case '-failover-abort-no-good-slave':
    case '-failover-abort-slave-timeout':
      return details('failover-abort', message);
    case '+promoted-slave': {
      const det = parseDetails(message);
      return det === null
        ? { kind: 'garbled', reason: 'expected replica details' }
        : { kind: 'promoted-slave', det };
    }
    case '+sentinel': {
      const det = parseDetails(message);
      return det === null || det.type !== 'sentinel'
        ? { kind: 'garbled', reason: 'expected sentinel details' }
        : { kind: 'sentinel', det };
    }
    case '+switch-master':
      return parseSwitch(message);
    default:
      return { kind: 'ignored' };
  }
}

/** A sentinel-event record with its parse, in history order. */
export interface EventAt {
  readonly index: number;
  readonly trueMs: number;
  readonly node: string;
  readonly event: ParsedEvent;
  readonly type: string;
  readonly message: string;
}

/** Every Sentinel event of the history, parsed (computed once per history, src/check/memo.ts). */
export function sentinelEvents(history: readonly HistoryRecord[]): readonly EventAt[] {
  return memoView(history, 'sentinel-events', () => parseSentinelEvents(history));
}

function parseSentinelEvents(history: readonly HistoryRecord[]): EventAt[] {
  const out: EventAt[] = [];
  history.forEach((record, index) => {
    const p = record.payload;
    if (p.kind !== 'sentinel-event') return;
    out.push({
      index,
      trueMs: record.trueMs,
      node: record.node,
      event: parseEvent(p.type, p.message),
      type: p.type,
      message: p.message,
    });
  });
  return out;
}

export function garbledEvidence(
  events: readonly EventAt[],
): { index: number; node: string; type: string; message: string }[] {
  return events
    .filter((e) => e.event.kind === 'garbled')
    .map((e) => ({ index: e.index, node: e.node, type: e.type, message: e.message }));
}
