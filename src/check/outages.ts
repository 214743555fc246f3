// Stretches of time during which a node's process could not answer at all: stopped by a crash, pause
// or config-loss fault on it (or its host), or by `process` records (crashed/paused until
// up/restarted/resumed). Overlapping stretches are merged; a merged stretch that contains a crash is a
// crash (the looser threshold applies, see src/check/needless.ts).
import type { FaultSpan } from './faults.js';
import type { HistoryRecord } from './history.js';

export interface Outage {
  readonly fromMs: number;
  /** Infinity when it never ended within the history. */
  readonly toMs: number;
  readonly kind: 'crash' | 'pause';
}

function fromSpans(node: string, spans: readonly FaultSpan[]): Outage[] {
  const out: Outage[] = [];
  for (const s of spans) {
    if (!s.nodes.has(node)) continue;
    if (s.kind === 'pause') out.push({ fromMs: s.startMs, toMs: s.endMs, kind: 'pause' });
    if (s.kind === 'crash' || s.kind === 'config-loss')
      out.push({ fromMs: s.startMs, toMs: s.endMs, kind: 'crash' });
  }
  return out;
}

function fromProcessRecords(node: string, lifecycle: readonly HistoryRecord[]): Outage[] {
  const out: Outage[] = [];
  let open: { fromMs: number; kind: 'crash' | 'pause' } | null = null;
  for (const r of lifecycle) {
    const p = r.payload;
    if (r.node !== node || p.kind !== 'process') continue;
    if (p.state === 'crashed' || p.state === 'paused') {
      open ??= { fromMs: r.trueMs, kind: p.state === 'crashed' ? 'crash' : 'pause' };
    } else if (open !== null) {
      out.push({ ...open, toMs: r.trueMs });
      open = null;
    }
  }
  if (open !== null) out.push({ ...open, toMs: Infinity });
  return out;
}

export function outagesOf(
  node: string,
  spans: readonly FaultSpan[],
  lifecycle: readonly HistoryRecord[],
): Outage[] {
  const all = [...fromSpans(node, spans), ...fromProcessRecords(node, lifecycle)].sort(
    (a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs,
  );
  const merged: Outage[] = [];
  for (const o of all) {
    const last = merged[merged.length - 1];
    if (last !== undefined && o.fromMs <= last.toMs) {
      merged[merged.length - 1] = {
        fromMs: last.fromMs,
        toMs: Math.max(last.toMs, o.toMs),
        kind: last.kind === 'crash' || o.kind === 'crash' ? 'crash' : 'pause',
      };
    } else merged.push(o);
  }
  return merged;
}
