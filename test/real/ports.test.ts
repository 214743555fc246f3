// Port allocation (src/real/ports.ts): outside the ephemeral range, reserved across processes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canBind, ephemeralRange, nonEphemeralRange, PortAllocator } from '../../src/real/ports.js';

const dirs: string[] = [];
function lockDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sentinel-lab-portlocks-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('port ranges', () => {
  it('the non-ephemeral range does not overlap the kernel ephemeral range', () => {
    const eph = ephemeralRange();
    const r = nonEphemeralRange(eph);
    expect(r.high < eph.low || r.low > eph.high).toBe(true);
    expect(r.high - r.low).toBeGreaterThan(1000);
  });

  it('picks the span above the ephemeral range when it is larger', () => {
    expect(nonEphemeralRange({ low: 10000, high: 20000 })).toEqual({ low: 20001, high: 65535 });
    expect(nonEphemeralRange({ low: 32768, high: 60999 })).toEqual({ low: 10000, high: 32767 });
  });
});

describe('PortAllocator', () => {
  it('hands out distinct, bindable ports in its range and releases them', async () => {
    const range = nonEphemeralRange();
    const alloc = new PortAllocator({ lockDir: lockDir() });
    const ports = [];
    for (let i = 0; i < 20; i++) ports.push(await alloc.allocate());
    expect(new Set(ports).size).toBe(20);
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(range.low);
      expect(p).toBeLessThanOrEqual(range.high);
      expect(await canBind(p)).toBe(true);
    }
    alloc.releaseAll();
    expect(alloc.heldPorts()).toEqual([]);
  });

  it('two allocators sharing a lock directory never hand out the same port', async () => {
    const dir = lockDir();
    const range = { low: 23000, high: 23009 };
    const a = new PortAllocator({ lockDir: dir, range });
    const b = new PortAllocator({ lockDir: dir, range });
    const got = [];
    for (let i = 0; i < 5; i++) got.push(await a.allocate(), await b.allocate());
    expect(new Set(got).size).toBe(10);
    await expect(a.allocate()).rejects.toMatchObject({ code: 'E_PORT_EXHAUSTED' });
  });

  it('skips a port some other program is listening on', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(23100, '127.0.0.1', () => r()));
    try {
      const alloc = new PortAllocator({ lockDir: lockDir(), range: { low: 23100, high: 23101 } });
      expect(await alloc.allocate()).toBe(23101);
    } finally {
      busy.close();
    }
  });

  it('reclaims a reservation left by a dead process, but not one held by a live process', async () => {
    const dir = lockDir();
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    writeFileSync(join(dir, '23200'), dead);
    writeFileSync(join(dir, '23201'), String(process.ppid)); // alive: our parent
    const alloc = new PortAllocator({ lockDir: dir, range: { low: 23200, high: 23201 } });
    expect(await alloc.allocate()).toBe(23200);
    await expect(alloc.allocate()).rejects.toMatchObject({ code: 'E_PORT_EXHAUSTED' });
  });
});
