// §11: TILT mode.
import { describe, expect, it } from 'vitest';
import { Harness, standardWorld } from './harness.js';

describe('TILT (§11)', () => {
  it('a 3 s clock jump enters TILT for 30 s', () => {
    const { h } = standardWorld();
    h.runFor(1000);
    h.nowMs += 3000;
    h.tick();
    const entered = h.first('+tilt')!;
    expect(entered.message).toBe('#tilt mode entered');
    h.runUntil(() => h.has('-tilt'), 40_000);
    const exited = h.first('-tilt')!;
    expect(exited.message).toBe('#tilt mode exited');
    expect(exited.atMs - entered.atMs).toBeGreaterThanOrEqual(30_000);
    expect(exited.atMs - entered.atMs).toBeLessThanOrEqual(30_100);
  });

  it('a gap of exactly tilt-trigger (2000 ms) does not enter TILT; 2001 ms does', () => {
    const h = new Harness();
    h.nowMs += 2000;
    h.s.handleTick(h.nowMs);
    h.pump();
    expect(h.s.tilt).toBe(false);
    h.nowMs += 2001;
    h.s.handleTick(h.nowMs);
    h.pump();
    expect(h.s.tilt).toBe(true);
  });

  it('a backwards clock jump enters TILT', () => {
    const h = new Harness();
    h.tick();
    h.nowMs -= 50;
    h.s.handleTick(h.nowMs);
    expect(h.s.tilt).toBe(true);
  });

  it('in TILT SDOWN does not change, and is-master-down answers 0 while still voting [quirk]', () => {
    const { h, master } = standardWorld();
    h.runFor(1000);
    h.nowMs += 3000;
    h.tick();
    master.pingReply = null;
    h.runFor(20_000);
    expect(h.has('+sdown')).toBe(false);
    const r = h.command(['SENTINEL', 'is-master-down-by-addr', '10.0.0.1', '6379', '1', 'd'.repeat(40)]);
    expect(r).toEqual({
      kind: 'array',
      items: [
        { kind: 'int', value: 0 },
        { kind: 'bulk', value: 'd'.repeat(40) },
        { kind: 'int', value: 1 },
      ],
    });
    expect(h.s.marks.get('vote: cast while in TILT')).toBe(1);
    h.runUntil(() => h.has('+sdown'), 15_000);
  });

  it('INFO sentinel shows sentinel_tilt and sentinel_tilt_since_seconds', () => {
    const h = new Harness();
    h.nowMs += 5000;
    h.tick();
    h.runFor(4000);
    const info = h.command(['INFO', 'sentinel']);
    expect(info.kind === 'bulk' && info.value).toContain(
      'sentinel_tilt:1\r\nsentinel_tilt_since_seconds:4\r\n',
    );
  });

  it('re-triggering while in TILT restarts the period', () => {
    const h = new Harness();
    h.redis('10.0.0.1', 6379, 'master', '1'.repeat(40));
    h.nowMs += 5000;
    h.tick();
    h.runFor(20_000);
    h.nowMs += 5000;
    h.tick();
    const second = h.nowMs;
    h.runUntil(() => h.has('-tilt'), 40_000);
    expect(h.first('-tilt')!.atMs - second).toBeGreaterThanOrEqual(30_000);
  });
});
