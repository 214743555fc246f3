// Stream properties under random faults: whatever partitions (hold or blackhole), heals, loss and
// latency a schedule throws at a connection, each direction delivers messages in the order sent,
// never twice; under 'hold' (and loss) nothing is lost once every fault has healed.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { SocketLog, addr, world } from './helpers.js';
import { bisect, oneWay } from '../../src/scenarios/partitions.js';

const faultArb = fc.array(
  fc.record({
    atMs: fc.integer({ min: 0, max: 2000 }),
    durationMs: fc.integer({ min: 1, max: 1500 }),
    shape: fc.constantFrom('both', 'a->b', 'b->a'),
  }),
  { maxLength: 6 },
);

function isOrderedSubsequence(got: readonly number[], sent: readonly number[]): boolean {
  let j = 0;
  for (const x of got) {
    while (j < sent.length && sent[j] !== x) j++;
    if (j === sent.length) return false;
    j++;
  }
  return true;
}

describe('network under random faults', () => {
  test.prop(
    [fc.integer(), faultArb, fc.constantFrom('hold', 'blackhole' as const), fc.constantFrom(0, 0.2)],
    {
      numRuns: 80,
    },
  )(
    'each direction stays FIFO without duplicates; with hold nothing is lost after the heals',
    (seed, faults, mode, lossRate) => {
      const w = world({
        seed,
        defaultLatency: { kind: 'uniform', minMs: 0.5, maxMs: 20 },
        connectTimeoutMs: 60_000,
      });
      const client = new SocketLog(w.now);
      const sock = w.ctx('a').connect(addr('b'), client);
      w.kernel.scheduler.runUntil(100);
      const server = w.accepted('b')[0] as SocketLog;
      if (lossRate > 0) {
        w.kernel.network.links.setBase(0, 1, { lossRate });
        w.kernel.network.links.setBase(1, 0, { lossRate });
      }
      for (const f of faults) {
        const blocks =
          f.shape === 'both'
            ? bisect(['a'], ['b'])
            : f.shape === 'a->b'
              ? oneWay(['a'], ['b'])
              : oneWay(['b'], ['a']);
        w.kernel.scheduler.at(100 + f.atMs, () => {
          const id = w.kernel.network.partition(blocks, mode);
          w.kernel.scheduler.at(w.now() + f.durationMs, () => w.kernel.network.heal(id));
        });
      }
      const sent = { a: [] as number[], b: [] as number[] };
      for (let i = 0; i < 150; i++) {
        w.kernel.scheduler.at(100 + i * 20, () => {
          sent.a.push(i);
          sock.send(i);
          sent.b.push(-i);
          server.sock?.send(-i);
        });
      }
      w.kernel.scheduler.runUntil(200_000);
      expect(isOrderedSubsequence(server.messages as number[], sent.a)).toBe(true);
      expect(isOrderedSubsequence(client.messages as number[], sent.b)).toBe(true);
      if (mode === 'hold') {
        expect(server.messages).toEqual(sent.a);
        expect(client.messages).toEqual(sent.b);
      }
      expect(client.closed).toBeNull();
      expect(server.closed).toBeNull();
    },
  );
});
