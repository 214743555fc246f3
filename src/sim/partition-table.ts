// Active partitions as data: each is a set of blocked directed host pairs with a mode. The effective
// mode of a pair is that of the most recently applied partition still blocking it, kept in a flat
// table indexed by (from, to) host indices so the delivery hot path pays one array read.

import { SimError, assert } from './errors.js';

export const MODE_NONE = 0;
export const MODE_HOLD = 1;
export const MODE_BLACKHOLE = 2;
export const MODE_RESET = 3;

export type PartitionMode = 'hold' | 'blackhole' | 'reset';

export function modeCode(mode: PartitionMode): number {
  switch (mode) {
    case 'hold':
      return MODE_HOLD;
    case 'blackhole':
      return MODE_BLACKHOLE;
    case 'reset':
      return MODE_RESET;
    default:
      throw new SimError(
        'BAD_FAULT',
        `partition mode must be 'hold', 'blackhole' or 'reset', got '${String(mode)}'`,
      );
  }
}

export type PartitionId = number;

interface ActivePartition {
  readonly id: PartitionId;
  readonly pairs: readonly (readonly [number, number])[];
  readonly mode: number;
}

export class PartitionTable {
  private size = 0;
  private table = new Int8Array(0);
  private active: ActivePartition[] = [];
  private nextId = 1;
  /** True when at least one pair is blocked (lets the hot path skip the lookup). */
  any = false;

  resize(hostCount: number): void {
    assert(this.active.length === 0, 'hosts are added before partitions are applied');
    this.size = hostCount;
    this.table = new Int8Array(hostCount * hostCount);
  }

  mode(from: number, to: number): number {
    if (from < 0 || to < 0) return MODE_NONE;
    return this.table[from * this.size + to] as number;
  }

  /** Blocks the directed pairs (host indices) with `mode`; pairs within one host are ignored. */
  add(pairs: readonly (readonly [number, number])[], mode: PartitionMode): PartitionId {
    const code = modeCode(mode);
    const id = this.nextId++;
    this.active.push({ id, pairs: pairs.filter(([a, b]) => a !== b), mode: code });
    this.rebuild();
    return id;
  }

  /** Heals one partition. Returns false when it was not active. */
  remove(id: PartitionId): boolean {
    const before = this.active.length;
    this.active = this.active.filter((p) => p.id !== id);
    this.rebuild();
    return this.active.length !== before;
  }

  get activeCount(): number {
    return this.active.length;
  }

  private rebuild(): void {
    this.table.fill(MODE_NONE);
    let any = false;
    for (const p of this.active) {
      for (const [a, b] of p.pairs) {
        assert(a >= 0 && a < this.size && b >= 0 && b < this.size, 'partition pair indexes known hosts');
        this.table[a * this.size + b] = p.mode;
        any = true;
      }
    }
    this.any = any;
  }
}
