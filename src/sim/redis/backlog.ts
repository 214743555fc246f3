// The replication backlog: the tail of the replication stream a node keeps so that a replica that
// reconnects can continue (partial resync) instead of reloading the whole dataset. It holds whole
// stream entries and is trimmed from the front once it holds more than `capacityBytes`.
//
// Offsets: the backlog covers the stream bytes (startOffset, endOffset]. A replica that has applied
// everything up to offset `o` can continue from it iff startOffset ≤ o ≤ endOffset.

import { assert } from './assert.js';
import { respSizeBytes } from './protocol.js';

export class ReplBacklog {
  // Entries as parallel arrays (argv and end offset), live from `head` on: a backlog holds tens of
  // thousands of entries, and one object per entry is what the garbage collector would copy.
  private argvs: (readonly string[] | undefined)[] = [];
  private ends: number[] = [];
  private head = 0;
  private heldBytes = 0;
  private start: number;
  private end: number;

  /** An empty backlog whose stream position is `offset`. */
  constructor(
    offset: number,
    private capacityBytes: number,
  ) {
    assert(capacityBytes > 0, 'backlog capacity must be positive');
    this.start = offset;
    this.end = offset;
  }

  get startOffset(): number {
    return this.start;
  }

  get endOffset(): number {
    return this.end;
  }

  /** Appends one stream entry (of RESP size `sizeBytes`); returns the new end offset. */
  append(argv: readonly string[], sizeBytes: number = respSizeBytes(argv)): number {
    this.end += sizeBytes;
    this.argvs.push(argv);
    this.ends.push(this.end);
    this.heldBytes += sizeBytes;
    this.trim();
    return this.end;
  }

  resize(capacityBytes: number): void {
    assert(capacityBytes > 0, 'backlog capacity must be positive');
    this.capacityBytes = capacityBytes;
    this.trim();
  }

  /** Whether a replica at `offset` can continue from this backlog. */
  covers(offset: number): boolean {
    return offset >= this.start && offset <= this.end;
  }

  /** The entries after `offset` (which must be covered), in stream order, with their end offsets. */
  since(offset: number): { argv: readonly string[]; endOffset: number }[] {
    assert(this.covers(offset), 'backlog does not cover the requested offset');
    const out: { argv: readonly string[]; endOffset: number }[] = [];
    for (let i = this.head; i < this.ends.length; i++) {
      const endOffset = this.ends[i] as number;
      if (endOffset > offset) out.push({ argv: this.argvs[i] as readonly string[], endOffset });
    }
    assert(
      out.length === 0 || out[0]!.endOffset - respSizeBytes(out[0]!.argv) === offset,
      'offset on an entry boundary',
    );
    return out;
  }

  private trim(): void {
    // Drop whole entries from the front while the rest still exceeds the capacity.
    while (this.heldBytes > this.capacityBytes && this.head < this.ends.length) {
      const endOffset = this.ends[this.head] as number;
      this.heldBytes -= endOffset - this.start;
      this.start = endOffset;
      this.argvs[this.head] = undefined;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.ends.length) {
      this.argvs = this.argvs.slice(this.head);
      this.ends = this.ends.slice(this.head);
      this.head = 0;
    }
  }
}
