// Benchmark: seconds to render the HTML report of a 10,000-run sweep (heatmaps over 10,000 per-run
// cells, histogram and CDF over 10,000 failover durations) together with one run's timeline and
// message diagram. Goal: a few seconds at most on the 2-core reference machine.
//
// Run alone: `node bin/build.js && node dist/bench/report.js` prints one JSON line. A bench registry
// can import `benchReport` and record `reportSeconds`.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { renderHtml } from '../src/report/html.js';
import type { SweepCell } from '../src/report/types.js';
import {
  masterCrashHistory,
  sampleDurations,
  sampleResult,
  sampleVerdicts,
} from '../test/report/fixtures.js';

export interface ReportBenchResult {
  readonly name: 'report';
  /** Median wall seconds of one renderHtml call over `repeats` calls. */
  readonly reportSeconds: number;
  /** The first call, including module initialisation (what one CLI invocation pays). */
  readonly coldSeconds: number;
  readonly runs: number;
  readonly historyRecords: number;
  readonly htmlBytes: number;
}

/** One cell per run, as a sweep that did not pre-aggregate would pass them (the heatmap averages). */
function perRunCells(runs: number): SweepCell[] {
  const durations = sampleDurations(runs, 11);
  return durations.map((d, i) => {
    const sentinels = [3, 5, 7, 9][i % 4]!;
    const quorum = 1 + (Math.floor(i / 4) % sentinels);
    return {
      params: { sentinels, quorum, seed: i },
      metrics: {
        failoverP50Ms: d,
        failoverP99Ms: d * 1.4,
        needlessFailoverProbability: quorum === 1 ? 0.1 : 0.01,
        lostWriteFraction: (i % 97) / 10_000,
      },
      runs: 1,
    };
  });
}

export function benchReport(runs = 10_000, repeats = 3): ReportBenchResult {
  const history = masterCrashHistory({ durationMs: 60_000, messages: true });
  const input = {
    result: sampleResult('bench'),
    history,
    verdicts: sampleVerdicts(),
    sweep: { cells: perRunCells(runs), durationsMs: sampleDurations(runs), budgetMs: 10_000 },
  };
  const coldStart = performance.now();
  renderHtml(input); // also the warm-up for the timed calls below
  const coldSeconds = (performance.now() - coldStart) / 1000;
  const times: number[] = [];
  let htmlBytes = 0;
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    htmlBytes = renderHtml(input).length;
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return {
    name: 'report',
    reportSeconds: Number(times[Math.floor(times.length / 2)]!.toFixed(3)),
    coldSeconds: Number(coldSeconds.toFixed(3)),
    runs,
    historyRecords: history.length,
    htmlBytes,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(benchReport()));
}
