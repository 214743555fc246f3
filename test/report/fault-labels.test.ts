// Fault labels on the timeline: labels that start close together go to separate rows instead of
// printing over each other (a sweep report showed "⚡ pause sentinel-3" over "⚡ crash redis-1").
import { describe, expect, it } from 'vitest';
import { faultLabelRows } from '../../src/report/timeline.js';

describe('faultLabelRows', () => {
  const pxPerS = 1100 / 60; // a 60 s run on a 1200 px chart

  it('puts a label that starts inside the previous one on the next row', () => {
    const rows = faultLabelRows(
      [
        { atS: 6.5, text: '⚡ pause sentinel-3' },
        { atS: 10, text: '⚡ crash redis-1' },
      ],
      pxPerS,
    );
    expect(rows).toEqual([0, 1]);
  });

  it('keeps labels far apart on row 0, and reuses row 0 once it is free again', () => {
    const rows = faultLabelRows(
      [
        { atS: 40, text: '⚡ crash redis-2' },
        { atS: 5, text: '⚡ crash redis-1' },
        { atS: 6, text: '⚡ pause redis-3' },
      ],
      pxPerS,
    );
    expect(rows).toEqual([0, 0, 1]);
  });
});
