// The discrete-event scheduler: virtual time and one ordered queue of events.
//
// Time is a float64 count of milliseconds since the start of the run. Resolution: the scheduler itself
// accepts any finite time not in the past, but the kernel rounds every time it computes (message
// arrivals, timer deadlines, connect timeouts) to the microsecond (`roundToMicros`, `afterMicros`), so
// event times stay short decimals, traces stay readable, and float noise never splits a tie. Events run in
// (time, insertion sequence) order and nothing else decides order: two events at the same time run in
// the order they were scheduled.
//
// Speed matters here (the goal is ≥ 10M trivial events/s), so the queue is a hand-written binary heap
// over two parallel typed arrays (time, slot); pooled slots hold each event's handler, argument,
// generation and insertion sequence (read only to break ties between equal times). A binary heap beat
// a 4-ary one here (bench/scheduler.bench.ts). An event is a plain function plus one argument, so a
// caller can schedule a module-level function with its state object and allocate no closure per
// event. Cancelling marks the slot; the heap drops it when it surfaces (lazy deletion).

import { SimError, assert } from './errors.js';

/** Identifies a scheduled event (slot and generation packed in one safe integer). */
export type EventId = number;

export type EventHandler<A> = (arg: A) => void;

/** Slots are addressed by the low 22 bits of an EventId: at most ~4M events pending at once. */
const SLOT_LIMIT = 1 << 22;
const INITIAL_CAPACITY = 1024;

/** Rounds a time or duration (ms) to the microsecond, the kernel's resolution for sampled delays. */
export function roundToMicros(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** The time `delayMs` after `nowMs`, rounded to the microsecond and never before `nowMs`. */
export function afterMicros(nowMs: number, delayMs: number): number {
  const t = roundToMicros(nowMs + delayMs);
  return t < nowMs ? nowMs : t;
}

function callNoArg(fn: () => void): void {
  fn();
}

export class Scheduler {
  private nowMsValue = 0;
  private nextSeq = 0;
  private executed = 0;
  private liveCount = 0;

  // The heap: parallel arrays of time and slot, ordered by (time, the slot's insertion sequence).
  private heapTime = new Float64Array(INITIAL_CAPACITY);
  private heapSlot = new Int32Array(INITIAL_CAPACITY);
  private heapSize = 0;

  // Pooled slots holding each event's handler and argument.
  private slotFn: (EventHandler<never> | null)[] = [];
  private slotArg: unknown[] = [];
  private slotGen: number[] = [];
  /** Insertion sequence of each slot's event: the tie-breaker, read only when two times are equal. */
  private slotSeq = new Float64Array(INITIAL_CAPACITY);
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;

  /** Current virtual time in ms. */
  get nowMs(): number {
    return this.nowMsValue;
  }

  /** Events scheduled and not yet run nor cancelled. */
  get pendingCount(): number {
    return this.liveCount;
  }

  /** Events run since the start (a measure of work, and a bound for runaway runs). */
  get executedCount(): number {
    return this.executed;
  }

  /** Schedules `fn(arg)` at absolute time `atMs` (≥ now). */
  schedule<A>(atMs: number, fn: EventHandler<A>, arg: A): EventId {
    if (!(atMs >= this.nowMsValue) || atMs === Infinity) {
      throw new SimError('BAD_TIME', `atMs must be finite and ≥ now (${this.nowMsValue}), got ${atMs}`);
    }
    const slot = this.allocSlot();
    this.slotFn[slot] = fn as EventHandler<never>;
    this.slotArg[slot] = arg;
    this.slotSeq[slot] = this.nextSeq++;
    this.push(atMs, slot);
    this.liveCount++;
    return (this.slotGen[slot] as number) * SLOT_LIMIT + slot;
  }

  /** Schedules a closure at absolute time `atMs`. Prefer `schedule` on hot paths. */
  at(atMs: number, fn: () => void): EventId {
    return this.schedule(atMs, callNoArg, fn);
  }

  /** Schedules a closure `delayMs` from now. */
  after(delayMs: number, fn: () => void): EventId {
    return this.schedule(this.nowMsValue + delayMs, callNoArg, fn);
  }

  /** Cancels a pending event. Returns false when it already ran or was cancelled. */
  cancel(id: EventId): boolean {
    const slot = id % SLOT_LIMIT;
    const gen = (id - slot) / SLOT_LIMIT;
    if (slot >= this.slotFn.length || this.slotGen[slot] !== gen || this.slotFn[slot] === null) {
      return false;
    }
    this.slotFn[slot] = null;
    this.slotArg[slot] = undefined;
    this.liveCount--;
    return true;
  }

  /** Time of the next live event, or null when idle. */
  nextEventMs(): number | null {
    this.dropCancelledHead();
    return this.heapSize > 0 ? (this.heapTime[0] as number) : null;
  }

  /** Runs the next event. Returns false when there is none. */
  step(): boolean {
    this.dropCancelledHead();
    if (this.heapSize === 0) return false;
    this.runHead();
    return true;
  }

  /** Runs every event due at or before `untilMs`, then advances the clock to `untilMs`. */
  runUntil(untilMs: number): void {
    if (!(untilMs >= this.nowMsValue)) {
      throw new SimError('BAD_TIME', `untilMs must be ≥ now (${this.nowMsValue}), got ${untilMs}`);
    }
    while (this.heapSize > 0 && (this.heapTime[0] as number) <= untilMs) this.runHead();
    this.nowMsValue = untilMs;
  }

  /** Runs until no event is left, at most `maxEvents` of them. Returns true when it became idle. */
  runUntilIdle(maxEvents: number): boolean {
    const before = this.executed;
    while (this.heapSize > 0) {
      if (this.executed - before >= maxEvents) return this.nextEventMs() === null;
      this.runHead();
    }
    return true;
  }

  /**
   * Runs events while `predicate()` holds (checked before each event), no later than `untilMs` and at
   * most `maxEvents` of them. Returns why it stopped.
   */
  runWhile(
    predicate: () => boolean,
    limits: { readonly untilMs?: number; readonly maxEvents?: number } = {},
  ): 'predicate' | 'idle' | 'time' | 'events' {
    const untilMs = limits.untilMs ?? Infinity;
    const maxEvents = limits.maxEvents ?? Infinity;
    for (let n = 0; ; n++) {
      if (!predicate()) return 'predicate';
      const next = this.nextEventMs();
      if (next === null) return 'idle';
      if (next > untilMs) {
        this.nowMsValue = untilMs;
        return 'time';
      }
      if (n >= maxEvents) return 'events';
      this.runHead();
    }
  }

  private runHead(): void {
    const slot = this.heapSlot[0] as number;
    const t = this.heapTime[0] as number;
    this.popHead();
    const fn = this.slotFn[slot] as EventHandler<unknown> | null;
    const arg = this.slotArg[slot];
    this.freeSlot(slot);
    if (fn === null) return; // cancelled
    this.liveCount--;
    this.executed++;
    this.nowMsValue = t;
    fn(arg);
  }

  private dropCancelledHead(): void {
    while (this.heapSize > 0) {
      const slot = this.heapSlot[0] as number;
      if (this.slotFn[slot] !== null) return;
      this.popHead();
      this.freeSlot(slot);
    }
  }

  private allocSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount] as number;
    const slot = this.slotFn.length;
    assert(slot < SLOT_LIMIT, 'too many pending events');
    this.slotFn.push(null);
    this.slotArg.push(undefined);
    this.slotGen.push(0);
    if (slot === this.slotSeq.length) {
      const grown = new Float64Array(slot * 2);
      grown.set(this.slotSeq);
      this.slotSeq = grown;
    }
    return slot;
  }

  private freeSlot(slot: number): void {
    this.slotFn[slot] = null;
    this.slotArg[slot] = undefined;
    this.slotGen[slot] = ((this.slotGen[slot] as number) + 1) & 0x7fffffff;
    if (this.freeCount === this.freeSlots.length) {
      const grown = new Int32Array(this.freeSlots.length * 2);
      grown.set(this.freeSlots);
      this.freeSlots = grown;
    }
    this.freeSlots[this.freeCount++] = slot;
  }

  /** Inserts `slot` (whose time is `t`) with a hole-based sift-up. Ties are broken by the slot's seq. */
  private push(t: number, slot: number): void {
    if (this.heapSize === this.heapTime.length) this.grow();
    const ht = this.heapTime;
    const hl = this.heapSlot;
    const ss = this.slotSeq;
    const seq = ss[slot] as number;
    let i = this.heapSize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = ht[p] as number;
      if (pt < t || (pt === t && (ss[hl[p] as number] as number) < seq)) break;
      ht[i] = pt;
      hl[i] = hl[p] as number;
      i = p;
    }
    ht[i] = t;
    hl[i] = slot;
  }

  /** Removes the root, sifting the last entry down from the root with a hole. */
  private popHead(): void {
    const n = --this.heapSize;
    if (n === 0) return;
    const ht = this.heapTime;
    const hl = this.heapSlot;
    const ss = this.slotSeq;
    const t = ht[n] as number;
    const slot = hl[n] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = ht[c] as number;
      const r = c + 1;
      if (r < n) {
        const rt = ht[r] as number;
        if (rt < ct || (rt === ct && (ss[hl[r] as number] as number) < (ss[hl[c] as number] as number))) {
          c = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && (ss[slot] as number) < (ss[hl[c] as number] as number))) break;
      ht[i] = ct;
      hl[i] = hl[c] as number;
      i = c;
    }
    ht[i] = t;
    hl[i] = slot;
  }

  private grow(): void {
    const cap = this.heapTime.length * 2;
    const t = new Float64Array(cap);
    t.set(this.heapTime);
    const l = new Int32Array(cap);
    l.set(this.heapSlot);
    this.heapTime = t;
    this.heapSlot = l;
  }
}
