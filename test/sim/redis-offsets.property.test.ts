import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cluster, probe, server } from './redis-helpers.js';

type Action =
  | { kind: 'write'; count: number }
  | { kind: 'partition'; replica: 'redis-2' | 'redis-3'; forMs: number }
  | { kind: 'kill-links' }
  | { kind: 'wait'; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), count: fc.integer({ min: 1, max: 30 }) }),
  fc.record({
    kind: fc.constant('partition' as const),
    replica: fc.constantFrom('redis-2' as const, 'redis-3' as const),
    forMs: fc.integer({ min: 100, max: 70_000 }),
  }),
  fc.record({ kind: fc.constant('kill-links' as const) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 10, max: 3_000 }) }),
);

describe('replication offsets (property)', () => {
  it('a replica that stays connected never sees its offset decrease, nor pass its master’s', () => {
    fc.assert(
      fc.property(
        fc.array(action, { maxLength: 25 }),
        fc.integer({ min: 64, max: 4096 }),
        (actions, backlog) => {
          const k = cluster(2, { replBacklogBytes: backlog, replDisklessSyncDelayS: 1 });
          const c = probe(k, 'client-1');
          let value = 0;
          const last = new Map<string, { sock: number | null; offset: number }>();
          const check = (): void => {
            const master = server(k, 'redis-1');
            for (const name of ['redis-2', 'redis-3']) {
              const r = server(k, name);
              const link = r.link!;
              const connected = link.state === 'connected';
              const prev = last.get(name);
              if (connected && prev !== undefined && prev.sock === link.socketId) {
                expect(r.offset).toBeGreaterThanOrEqual(prev.offset);
              }
              if (r.replid === master.replid) expect(r.offset).toBeLessThanOrEqual(master.offset);
              last.set(name, { sock: connected ? link.socketId : null, offset: r.offset });
            }
          };
          const step = (ms: number): void => {
            for (let t = 0; t < ms; t += 50) {
              k.runUntil(k.nowMs + Math.min(50, ms - t));
              check();
            }
          };
          step(2_000);
          for (const a of actions) {
            if (a.kind === 'write') {
              for (let i = 0; i < a.count; i++) c.send('SADD', 'k', String(value++));
            } else if (a.kind === 'partition') {
              k.partition('redis-1', a.replica);
              step(a.forMs);
              k.heal();
            } else if (a.kind === 'kill-links') {
              c.send('CLIENT', 'KILL', 'TYPE', 'replica');
            } else {
              step(a.ms);
            }
            step(100);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
