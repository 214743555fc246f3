// The members of one simulated Redis set, in insertion order (what SMEMBERS, a snapshot and a full
// sync list). Membership of members that are canonical decimal integers (the workload's values,
// dense per client) is a bitmap in 4096-bit blocks; other members go to a Set. A large string Set
// is the simulator's single biggest cost per write otherwise (three datasets, every write).
// Only adding is supported: the simulated server has no command that removes a member.

const BLOCK_BITS = 4096;
/** Integers up to 15 digits: exact as doubles, and the block index stays a safe integer. */
const MAX_DIGITS = 15;

export class MemberSet implements Iterable<string> {
  private readonly order: string[] = [];
  private readonly blocks = new Map<number, Uint32Array>();
  private readonly others = new Set<string>();

  constructor(members: Iterable<string> = []) {
    for (const m of members) this.add(m);
  }

  get size(): number {
    return this.order.length;
  }

  /** Adds `member`; returns whether it was new. */
  add(member: string): boolean {
    const n = canonicalInteger(member);
    if (n < 0) {
      if (this.others.has(member)) return false;
      this.others.add(member);
    } else {
      const index = Math.floor(n / BLOCK_BITS);
      let block = this.blocks.get(index);
      if (block === undefined) {
        block = new Uint32Array(BLOCK_BITS / 32);
        this.blocks.set(index, block);
      }
      const offset = n - index * BLOCK_BITS;
      const word = offset >>> 5;
      const bit = 1 << (offset & 31);
      const w = block[word] as number;
      if ((w & bit) !== 0) return false;
      block[word] = w | bit;
    }
    this.order.push(member);
    return true;
  }

  has(member: string): boolean {
    const n = canonicalInteger(member);
    if (n < 0) return this.others.has(member);
    const index = Math.floor(n / BLOCK_BITS);
    const block = this.blocks.get(index);
    if (block === undefined) return false;
    const offset = n - index * BLOCK_BITS;
    return ((block[offset >>> 5] as number) & (1 << (offset & 31))) !== 0;
  }

  /** The members in insertion order (a view: do not keep it across adds). */
  list(): readonly string[] {
    return this.order;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.order[Symbol.iterator]();
  }
}

/**
 * The value of a canonical non-negative decimal integer ("0", or digits without a leading zero, at
 * most 15 of them), else -1. Two different strings never give the same value.
 */
export function canonicalInteger(s: string): number {
  const len = s.length;
  if (len === 0 || len > MAX_DIGITS) return -1;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return len > 1 && s.charCodeAt(0) === 48 ? -1 : n;
}
