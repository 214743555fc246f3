// Free loopback ports for the real tier.
//
// Two ways to get a port:
//  - `ephemeralPort()`: bind 127.0.0.1:0, read the port, release it. Simple, but the port lies in the
//    kernel's ephemeral range, where an outgoing connection may take it before we bind it again.
//  - `PortAllocator`: ports from a range *outside* the ephemeral range (the Toxiproxy README FAQ advises
//    this for listen ports), with a cross-process reservation so parallel test workers — and other users
//    of the same machine — never hand out the same port. A reservation is a file created with O_EXCL in
//    a shared directory holding the owner's pid; a file whose pid is dead is stale and reclaimed. Each
//    candidate is also probed by binding it, so ports held by unrelated programs are skipped.
//    Each process starts scanning at an offset derived from its pid, so workers rarely even contend.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortExhaustedError } from './errors.js';

export interface PortRange {
  readonly low: number;
  readonly high: number;
}

/** The kernel's ephemeral range (Linux), or the common default when it cannot be read. */
export function ephemeralRange(): PortRange {
  try {
    const text = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim();
    const [low, high] = text.split(/\s+/).map(Number);
    if (low !== undefined && high !== undefined && low > 0 && high >= low) return { low, high };
  } catch {
    // Not Linux, or /proc is not mounted: fall through to the default.
  }
  return { low: 32768, high: 60999 };
}

/**
 * The largest span of [10000, 65535] that does not overlap the ephemeral range. With Linux's default
 * 32768–60999 this is 10000–32767.
 */
export function nonEphemeralRange(eph: PortRange = ephemeralRange()): PortRange {
  const floor = 10000;
  const ceiling = 65535;
  const below: PortRange = { low: floor, high: Math.min(ceiling, eph.low - 1) };
  const above: PortRange = { low: Math.max(floor, eph.high + 1), high: ceiling };
  const size = (r: PortRange): number => Math.max(0, r.high - r.low + 1);
  return size(below) >= size(above) ? below : above;
}

/** Binds host:port and releases it; resolves true when the bind succeeded. */
export function canBind(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** A port the kernel considers free right now, from the ephemeral range. */
export function ephemeralPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ port: 0, host, exclusive: true }, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface PortAllocatorOptions {
  readonly range?: PortRange;
  /** Where reservation files live; shared by every process on the machine by default. */
  readonly lockDir?: string;
  readonly host?: string;
}

/** Live allocators, so that a process exiting without close() still removes its reservation files. */
const liveAllocators = new Set<PortAllocator>();
let exitHookInstalled = false;

function releaseAllOnExit(): void {
  for (const a of liveAllocators) a.releaseAll();
}

export class PortAllocator {
  private readonly range: PortRange;
  private readonly lockDir: string;
  private readonly host: string;
  private readonly held = new Set<number>();
  private cursor: number;

  constructor(options: PortAllocatorOptions = {}) {
    this.range = options.range ?? nonEphemeralRange();
    this.lockDir = options.lockDir ?? join(tmpdir(), 'sentinel-lab-ports');
    this.host = options.host ?? '127.0.0.1';
    mkdirSync(this.lockDir, { recursive: true });
    const span = this.range.high - this.range.low + 1;
    // Spread processes over the range so that parallel workers start far apart (blocks of 64).
    this.cursor = (process.pid * 64) % span;
    liveAllocators.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', releaseAllOnExit);
    }
  }

  /** Reserves and returns a free port; release it with `release` (or `releaseAll`). */
  async allocate(): Promise<number> {
    const span = this.range.high - this.range.low + 1;
    for (let tried = 0; tried < span; tried++) {
      const port = this.range.low + (this.cursor % span);
      this.cursor = (this.cursor + 1) % span;
      if (this.held.has(port) || !this.reserve(port)) continue;
      if (await canBind(port, this.host)) {
        this.held.add(port);
        return port;
      }
      this.unreserve(port);
    }
    throw new PortExhaustedError(`no free port in ${this.range.low}-${this.range.high} on ${this.host}`);
  }

  release(port: number): void {
    if (!this.held.delete(port)) return;
    this.unreserve(port);
  }

  releaseAll(): void {
    for (const port of [...this.held]) this.release(port);
  }

  /** The ports this allocator currently holds, in allocation order. */
  heldPorts(): readonly number[] {
    return [...this.held];
  }

  private lockPath(port: number): string {
    return join(this.lockDir, String(port));
  }

  private reserve(port: number): boolean {
    const path = this.lockPath(port);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
        if (!this.reclaimIfStale(path)) return false;
      }
    }
    return false;
  }

  private reclaimIfStale(path: string): boolean {
    let owner: number;
    try {
      owner = Number(readFileSync(path, 'utf8'));
    } catch {
      return true; // vanished between open and read: try again
    }
    if (Number.isInteger(owner) && owner > 0 && (owner === process.pid || pidAlive(owner))) return false;
    try {
      unlinkSync(path);
    } catch {
      // Another process reclaimed it first; the next O_EXCL open decides.
    }
    return true;
  }

  private unreserve(port: number): void {
    try {
      unlinkSync(this.lockPath(port));
    } catch {
      // Already gone (reclaimed as stale); nothing to do.
    }
  }
}

let shared: PortAllocator | null = null;

/** One allocator per process, so every harness in a worker shares the reservations. */
export function sharedPortAllocator(): PortAllocator {
  shared ??= new PortAllocator();
  return shared;
}
