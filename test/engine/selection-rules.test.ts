// §8.3: which replicas may be promoted (the candidate filter) and in which order they are preferred.
// The filter is checked on hand-built records so each limit can be probed at its exact boundary.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/engine/core.js';
import type { Master, Replica } from '../../src/engine/instance.js';
import { F, newMaster, newReplica } from '../../src/engine/instance.js';
import { REDIS_7 } from '../../src/engine/profile.js';
import { compareReplicas, isCandidate } from '../../src/engine/select.js';

const NOW_MS = 1_000_000;
const PING_MS = REDIS_7.timing.pingPeriodMs;
const INFO_MS = REDIS_7.timing.infoPeriodMs;
const DOWN_AFTER_MS = 5000;
// isCandidate reads only the timing constants of the core.
const core = { timing: { ...REDIS_7.timing } } as unknown as Core;

/** A master with one healthy replica: connected, heard from and INFO-refreshed just now. */
function world(): { m: Master; r: Replica } {
  const m = newMaster(0, {
    name: 'mymaster',
    addr: { host: '10.0.0.1', port: 6379 },
    quorum: 2,
    downAfterMs: DOWN_AFTER_MS,
    failoverTimeoutMs: 10_000,
  });
  const r = newReplica(NOW_MS, m, { host: '10.0.0.2', port: 6379 });
  r.link.disconnected = false;
  r.link.lastAvailTimeMs = NOW_MS;
  r.infoRefreshMs = NOW_MS;
  m.slaves.set(r.name, r);
  return { m, r };
}

function masterSDownFor(m: Master, ms: number): void {
  m.flags |= F.S_DOWN;
  m.sDownSinceMs = NOW_MS - ms;
}

describe('§8.3 candidate filter', () => {
  it('a connected, recently heard, recently refreshed replica with priority > 0 is a candidate', () => {
    const { m, r } = world();
    expect(isCandidate(core, m, r, NOW_MS)).toBe(true);
  });

  it('a replica that is itself SDOWN is not a candidate', () => {
    const { m, r } = world();
    r.flags |= F.S_DOWN;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(false);
  });

  it('a replica whose link is disconnected is not a candidate', () => {
    const { m, r } = world();
    r.link.disconnected = true;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(false);
  });

  it('a replica not heard from for more than 5 × ping-period is excluded; exactly 5 × is still fine', () => {
    const { m, r } = world();
    r.link.lastAvailTimeMs = NOW_MS - 5 * PING_MS;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(true);
    r.link.lastAvailTimeMs = NOW_MS - 5 * PING_MS - 1;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(false);
  });

  it('a replica with replica-priority 0 is never a candidate', () => {
    const { m, r } = world();
    r.slavePriority = 0;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(false);
  });

  it('master not SDOWN: INFO older than 3 × info-period excludes the replica; exactly 3 × does not', () => {
    const { m, r } = world();
    r.infoRefreshMs = NOW_MS - 3 * INFO_MS;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(true);
    r.infoRefreshMs = NOW_MS - 3 * INFO_MS - 1;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(false);
  });

  it('master SDOWN: INFO must be fresher, within 5 × ping-period', () => {
    const { m, r } = world();
    masterSDownFor(m, 1000);
    r.infoRefreshMs = NOW_MS - 5 * PING_MS;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(true);
    r.infoRefreshMs = NOW_MS - 5 * PING_MS - 1;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(false);
  });

  it('master not SDOWN: a replica whose master link is down more than 10 × down-after is excluded', () => {
    const { m, r } = world();
    r.masterLinkDownTimeMs = 10 * DOWN_AFTER_MS;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(true);
    r.masterLinkDownTimeMs = 10 * DOWN_AFTER_MS + 1;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(false);
  });

  it('master SDOWN: the allowed master-link-down time grows by the time the master has been SDOWN', () => {
    const { m, r } = world();
    masterSDownFor(m, 7000);
    r.masterLinkDownTimeMs = 7000 + 10 * DOWN_AFTER_MS;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(true);
    r.masterLinkDownTimeMs = 7000 + 10 * DOWN_AFTER_MS + 1;
    expect(isCandidate(core, m, r, NOW_MS)).toBe(false);
  });
});

interface Key {
  name: string;
  slavePriority: number;
  slaveReplOffset: number;
  runId: string | null;
}
const rec = (k: Key) => k as unknown as Replica;
const hex40 = fc.stringMatching(/^[0-9a-fA-F]{40}$/);
const key = (name: string) =>
  fc.record({
    name: fc.constant(name),
    slavePriority: fc.integer({ min: 1, max: 3 }),
    slaveReplOffset: fc.integer({ min: 0, max: 3 }),
    runId: fc.option(fc.constantFrom('a'.repeat(40), 'A'.repeat(40), 'b'.repeat(40)), { nil: null }),
  });

describe('§8.3 preference order', () => {
  // fc.assert inside a plain it(): @fast-check/vitest puts the random seed in the test name, which
  // StrykerJS's per-test coverage cannot match on the next run, so such tests never kill a mutant.
  it('the order is total and antisymmetric: two distinct replicas never compare equal', () => {
    fc.assert(
      fc.property(key('10.0.0.2:6379'), key('10.0.0.3:6379'), (a, b) => {
        const ab = compareReplicas(rec(a), rec(b));
        const ba = compareReplicas(rec(b), rec(a));
        expect(ab).not.toBe(0);
        expect(Math.sign(ab)).toBe(-Math.sign(ba));
        expect(compareReplicas(rec(a), rec(a))).toBe(0);
      }),
    );
  });

  it('a replica that reported a run id is preferred over one that did not (other keys equal)', () => {
    const withId = rec({ name: 'z:1', slavePriority: 100, slaveReplOffset: 5, runId: 'f'.repeat(40) });
    const noId = rec({ name: 'a:1', slavePriority: 100, slaveReplOffset: 5, runId: null });
    expect(compareReplicas(withId, noId)).toBeLessThan(0);
    expect(compareReplicas(noId, withId)).toBeGreaterThan(0);
  });

  it('two replicas without a run id are ordered by name, not by crashing or comparing equal', () => {
    const a = rec({ name: '10.0.0.2:6379', slavePriority: 100, slaveReplOffset: 5, runId: null });
    const b = rec({ name: '10.0.0.3:6379', slavePriority: 100, slaveReplOffset: 5, runId: null });
    expect(compareReplicas(a, b)).toBeLessThan(0);
    expect(compareReplicas(b, a)).toBeGreaterThan(0);
  });

  it('run ids are compared case-insensitively (lexically smallest wins)', () => {
    fc.assert(
      fc.property(hex40, hex40, (x, y) => {
        const a = rec({ name: 'z:1', slavePriority: 100, slaveReplOffset: 5, runId: x.toUpperCase() });
        const b = rec({ name: 'a:1', slavePriority: 100, slaveReplOffset: 5, runId: y.toLowerCase() });
        const lx = x.toLowerCase();
        const ly = y.toLowerCase();
        if (lx === ly)
          expect(compareReplicas(a, b)).toBeGreaterThan(0); // tie: by name, 'a:1' first
        else expect(Math.sign(compareReplicas(a, b))).toBe(lx < ly ? -1 : 1);
      }),
    );
  });

  it('run ids equal except for case fall through to the name tie-break', () => {
    const a = rec({ name: '10.0.0.3:6379', slavePriority: 100, slaveReplOffset: 5, runId: 'AB'.repeat(20) });
    const b = rec({ name: '10.0.0.2:6379', slavePriority: 100, slaveReplOffset: 5, runId: 'ab'.repeat(20) });
    expect(compareReplicas(a, b)).toBeGreaterThan(0);
    expect(compareReplicas(b, a)).toBeLessThan(0);
  });
});
