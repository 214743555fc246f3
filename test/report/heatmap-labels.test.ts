// Every metric a sweep cell carries has a readable heatmap title and format: a sweep report showed
// "failoverP90Ms" and "27266" where a user expects "failover time p90" and "27.3 s".
import { describe, expect, it } from 'vitest';
import { knownMetrics, renderHeatmaps } from '../../src/report/heatmap.js';
import { aggregateCell } from '../../src/sweep/aggregate.js';
import type { SweepParams } from '../../src/sweep/grid.js';

const params = (quorum: number): SweepParams => ({
  sentinels: 3,
  quorum,
  downAfterMs: 5000,
  failoverTimeoutMs: 60_000,
  parallelSyncs: 1,
  minReplicasToWrite: 0,
  latencyMs: 1,
  faultRatePerMin: 0,
});

const run = (cell: number, durationMs: number) => ({
  cell,
  run: 0,
  seed: 0,
  failovers: 1,
  durationsMs: [durationMs],
  needless: false,
  acked: 10,
  lost: 1,
  traceHash: 'x',
});

describe('sweep heatmap labels', () => {
  const cells = [aggregateCell(0, params(2), [run(0, 27_266)]), aggregateCell(1, params(3), [run(1, 6312)])];

  it('knows every metric of an aggregated sweep cell', () => {
    expect(Object.keys(cells[0]!.metrics).filter((m) => !(m in knownMetrics))).toEqual([]);
  });

  it('titles and formats the p90 heatmap as seconds, not the raw name and milliseconds', () => {
    const { heatmaps } = renderHeatmaps({ cells, xParam: 'quorum' });
    const p90 = heatmaps.find((h) => h.metric === 'failoverP90Ms')!;
    expect(p90.svg).toContain('failover time p90');
    expect(p90.svg).toContain('27.3 s');
    expect(p90.svg).not.toContain('27266');
  });
});
