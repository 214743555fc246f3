// The history as the real tier records it: wall time in ms since the run started (performance.now()
// relative to the start), in arrival order. The real tier has no per-host clock skew, so `localMs`
// equals `trueMs` for processes and is null for the nemesis.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { History, HistoryPayload, HistoryRecord } from '../../check/history.js';

export class Recorder {
  private readonly records: HistoryRecord[] = [];
  private readonly startMs = performance.now();

  /** Milliseconds since the run started, rounded to 0.1 ms. */
  nowMs(): number {
    return Math.round((performance.now() - this.startMs) * 10) / 10;
  }

  record(node: string, payload: HistoryPayload, atMs: number = this.nowMs()): void {
    const localMs = node === 'nemesis' ? null : atMs;
    this.records.push({ trueMs: atMs, localMs, node, payload });
  }

  /**
   * The history, sorted by time (records from concurrent pollers may arrive a little out of order);
   * the sort is stable, so equal times keep arrival order.
   */
  history(): History {
    return [...this.records].sort((a, b) => a.trueMs - b.trueMs);
  }

  /**
   * SHA-256 of the history as recorded (canonical JSONL). Unlike the simulator's trace hash it is not
   * reproducible: wall times and interleavings differ from run to run. It identifies this run's record.
   */
  static hash(history: History): string {
    const h = createHash('sha256');
    for (const r of history) h.update(JSON.stringify(r) + '\n');
    return h.digest('hex');
  }
}
