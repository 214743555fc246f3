// Scheduler throughput with trivial handlers.
// - steady: N events pending; each handler schedules its successor a pseudo-random delay later (the
//   shape of a simulation: a working set of timers and deliveries). Headline: N = 1000.
// - bulk: 1,000,000 events scheduled up front at pseudo-random times, then run (scheduling included).
// Rates are per CPU-second of this process (see bench/types.ts `measure`); wall-clock rates beside.
import { Scheduler } from '../src/sim/scheduler.js';
import { measure, type BenchModule } from './types.js';

const STEADY_EVENTS = 4_000_000;
const PENDING_SIZES = [10, 100, 1000, 10_000] as const;
const HEADLINE_PENDING = 1000;
const BULK_EVENTS = 1_000_000;

/** A cheap deterministic pseudo-random sequence (xorshift32) so the bench measures the scheduler only. */
function xorshift(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

interface Rate {
  readonly cpuPerSec: number;
  readonly wallPerSec: number;
}

function steady(events: number, pending: number): Rate {
  const s = new Scheduler();
  const rnd = xorshift(42);
  const state = { left: events };
  const handler = (st: { left: number }): void => {
    if (--st.left > pending) s.schedule(s.nowMs + rnd() * 10, handler, st);
  };
  for (let i = 0; i < pending; i++) s.schedule(rnd() * 10, handler, state);
  const m = measure(() => s.runUntilIdle(Number.MAX_SAFE_INTEGER));
  return { cpuPerSec: s.executedCount / m.cpuSec, wallPerSec: s.executedCount / m.wallSec };
}

function bulk(events: number): Rate {
  const s = new Scheduler();
  const rnd = xorshift(7);
  let count = 0;
  const handler = (): void => void count++;
  const m = measure(() => {
    for (let i = 0; i < events; i++) s.schedule(rnd() * 1e6, handler, undefined);
    s.runUntilIdle(Number.MAX_SAFE_INTEGER);
  });
  return { cpuPerSec: count / m.cpuSec, wallPerSec: count / m.wallSec };
}

const round = (r: Rate): { cpuPerSec: number; wallPerSec: number } => ({
  cpuPerSec: Math.round(r.cpuPerSec),
  wallPerSec: Math.round(r.wallPerSec),
});

export const schedulerBench: BenchModule = {
  name: 'scheduler',
  description: `trivial handlers, ${STEADY_EVENTS.toLocaleString('en-US')} events at each of ${PENDING_SIZES.join('/')} pending; bulk ${BULK_EVENTS.toLocaleString('en-US')}`,
  run() {
    steady(500_000, HEADLINE_PENDING); // warm-up
    const bySize: Record<string, { cpuPerSec: number; wallPerSec: number }> = {};
    for (const n of PENDING_SIZES) bySize[`pending${n}`] = round(steady(STEADY_EVENTS, n));
    const headline = bySize[`pending${HEADLINE_PENDING}`];
    if (headline === undefined) throw new Error('headline size not measured');
    const bulkRate = round(bulk(BULK_EVENTS));
    return {
      metrics: { schedulerEventsPerSec: headline.cpuPerSec },
      details: {
        headline: `steady state, ${HEADLINE_PENDING} pending, events per CPU-second`,
        steady: bySize,
        bulk: { events: BULK_EVENTS, ...bulkRate, note: 'scheduling 1M events up front, then running them' },
      },
      notes: [
        ...Object.entries(bySize).map(
          ([k, r]) =>
            `${k.padEnd(13)} ${(r.cpuPerSec / 1e6).toFixed(1).padStart(5)} M events/CPU-s (${(r.wallPerSec / 1e6).toFixed(1)} M/s wall)`,
        ),
        `bulk 1M        ${(bulkRate.cpuPerSec / 1e6).toFixed(1).padStart(5)} M events/CPU-s`,
      ],
    };
  },
};
