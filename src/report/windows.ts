// Finds the failovers in a history, as time windows to zoom into. A failover starts with a Sentinel's
// `+try-failover` (spec §7.4); attempts less than GROUP_GAP_MS apart are one episode. The window opens
// at the first `+sdown`/`+odown` of a master shortly before, and closes at `+failover-end`, an abort, or
// failing those the last `+switch-master` (§13.2, §15).
import type { History } from '../check/history.js';

export interface FailoverWindow {
  readonly index: number;
  readonly fromMs: number;
  readonly toMs: number;
  /** Time of the first `+try-failover` of the episode. */
  readonly tryMs: number;
  readonly ended: 'end' | 'abort' | 'switch' | 'open';
}

const GROUP_GAP_MS = 5_000;
const LEAD_IN_MS = 300;
const TAIL_MS = 400;
const OPEN_WINDOW_MS = 5_000;

interface Ev {
  readonly atMs: number;
  readonly type: string;
  readonly message: string;
}

export function failoverWindows(history: History): FailoverWindow[] {
  let downAfterMs = 30_000;
  const events: Ev[] = [];
  for (const r of history) {
    if (r.payload.kind === 'topology') downAfterMs = r.payload.downAfterMs;
    if (r.payload.kind === 'sentinel-event') events.push({ atMs: r.trueMs, ...r.payload });
  }
  const tries = events.filter((e) => e.type === '+try-failover').map((e) => e.atMs);
  const groups: number[][] = [];
  for (const t of tries) {
    const last = groups[groups.length - 1];
    if (last !== undefined && t - last[last.length - 1]! < GROUP_GAP_MS) last.push(t);
    else groups.push([t]);
  }
  return groups.map((g, index) => windowOf(events, g, downAfterMs, index));
}

function windowOf(
  events: readonly Ev[],
  tries: readonly number[],
  downAfterMs: number,
  index: number,
): FailoverWindow {
  const first = tries[0]!;
  const last = tries[tries.length - 1]!;
  const isMasterDown = (e: Ev): boolean =>
    (e.type === '+sdown' || e.type === '+odown') && e.message.startsWith('master ');
  const detect = events.find(
    (e) => isMasterDown(e) && e.atMs >= first - downAfterMs - 2_000 && e.atMs <= first,
  );
  const fromMs = Math.max(0, (detect?.atMs ?? first - 1_000) - LEAD_IN_MS);
  const after = events.filter((e) => e.atMs >= last);
  const end = after.find((e) => e.type === '+failover-end' || e.type === '+failover-end-for-timeout');
  const abort = after.find((e) => e.type.startsWith('-failover-abort'));
  const closing = [end, abort].filter((e) => e !== undefined).sort((a, b) => a.atMs - b.atMs)[0];
  if (closing !== undefined) {
    // Observers may switch a little after the leader ends; include their `+switch-master`.
    const switches = after.filter((e) => e.type === '+switch-master' && e.atMs <= closing.atMs + 2_000);
    const toMs = Math.max(closing.atMs, ...switches.map((e) => e.atMs)) + TAIL_MS;
    return { index, fromMs, toMs, tryMs: first, ended: closing === end ? 'end' : 'abort' };
  }
  const switches = after.filter((e) => e.type === '+switch-master' && e.atMs <= last + 30_000);
  if (switches.length > 0) {
    return {
      index,
      fromMs,
      toMs: switches[switches.length - 1]!.atMs + TAIL_MS,
      tryMs: first,
      ended: 'switch',
    };
  }
  return { index, fromMs, toMs: last + OPEN_WINDOW_MS, tryMs: first, ended: 'open' };
}
