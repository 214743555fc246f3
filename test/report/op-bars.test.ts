// Client operations stay visible on a long timeline: each bar is at least ~1.5 px wide. Before, a
// client writing a few times a second drew 1 ms bars (0.01 px) on a 100 s axis: an empty lane.
import { describe, expect, it } from 'vitest';
import { outcomeColors } from '../../src/report/palette.js';
import { renderTimeline } from '../../src/report/timeline.js';
import { masterCrashHistory } from './fixtures.js';

function okBarWidthsPx(svg: string): number[] {
  const rects = svg.match(/<rect[^>]*>/g) ?? [];
  return rects
    .filter((r) => r.includes(`fill="${outcomeColors.ok}"`))
    .map((r) => Number(/width="([\d.]+)"/.exec(r)?.[1] ?? 'NaN'));
}

describe('timeline operation bars', () => {
  it('are at least 1.4 px wide at 2 ops/s over 100 s', () => {
    const history = masterCrashHistory({ durationMs: 100_000, opsPerSec: 2 });
    const widths = okBarWidthsPx(renderTimeline(history, { width: 1200 }).svg);
    expect(widths.length).toBeGreaterThan(50);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(1.4);
  });
});
