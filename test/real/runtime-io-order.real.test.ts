// The engine runtime handles replies that arrived during a stall BEFORE its next tick, as redis-sentinel
// does (its event loop processes file events before time events). Node runs due timers before it polls
// sockets, so without care a runtime that stalled past down-after would run its SDOWN check (spec §6.1)
// with the PONG still unread in the socket buffer and declare a healthy master down.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../src/engine/io.js';
import { ephemeralPort } from '../../src/real/ports.js';
import { Provisioner } from '../../src/real/procs.js';
import { startRedis, type RedisServer } from '../../src/real/redis.js';
import { SentinelRuntime } from '../../src/real/runtime.js';
import { requireBinaries, skipReal } from './support.js';

/** Blocks the event loop (a stand-in for a descheduled process). */
function busyWait(ms: number): number {
  const start = Date.now();
  while (Date.now() - start < ms) {
    // spin
  }
  return Date.now() - start;
}

describe.skipIf(skipReal)('engine runtime: replies before ticks after a stall', () => {
  let prov: Provisioner;
  let redis: RedisServer;

  beforeAll(async () => {
    requireBinaries(['redis-server']);
    prov = new Provisioner({ label: 'sentinel-lab-io-order-' });
    redis = await startRedis(prov, { name: 'redis-1' });
  });
  afterAll(async () => {
    await prov?.close();
  });

  it('a 1.4 s stall right after a PING to a healthy master (down-after 1000) does not make it SDOWN', async () => {
    const lines: string[] = [];
    let armed = false;
    let stalledMs = 0;
    const onEffect = (e: Effect): void => {
      if (!armed || e.kind !== 'send' || e.argv[0]?.toUpperCase() !== 'PING') return;
      armed = false;
      // The PING is on the wire; the PONG arrives while the loop is blocked.
      setImmediate(() => (stalledMs = busyWait(1400)));
    };
    const port = await ephemeralPort();
    const rt = await SentinelRuntime.start({
      confText: [
        `port ${port}`,
        `sentinel monitor m 127.0.0.1 ${redis.address.port} 1`,
        'sentinel down-after-milliseconds m 1000',
        '',
      ].join('\n'),
      confPath: null,
      log: (l) => lines.push(l),
      onEffect,
    });
    try {
      await sleep(1500);
      expect(lines.filter((l) => l.includes('+sdown'))).toEqual([]);
      armed = true;
      await sleep(3500);
      expect(stalledMs).toBeGreaterThanOrEqual(1400);
      expect(lines.filter((l) => l.includes('+sdown master'))).toEqual([]);
    } finally {
      await rt.stop();
    }
  }, 20_000);
});
