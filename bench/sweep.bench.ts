// Benchmark: sweep runs per minute on both cores (`--workers 2`), and on one worker for the per-core rate,
// through the compiled CLI as users run it (the default sweep-master-crash scenario, 60 simulated
// seconds per run, engine Sentinels). Timing comes from the sweep's own wallMs (pool start included).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchModule } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = here.endsWith(join('dist', 'bench')) ? join(here, '..', '..') : join(here, '..');

interface Measured {
  readonly runs: number;
  readonly wallMs: number;
  readonly runsPerMinute: number;
}

function measureSweep(workers: number, runsPerCell: number): Measured {
  const main = join(root, 'dist', 'src', 'cli', 'main.js');
  const args = ['sweep', '--quorum', '2,3', '--runs', String(runsPerCell), '--workers', String(workers)];
  const r = spawnSync(process.execPath, [main, ...args, '--seed', '1', '--json', '--no-report'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`sweep failed (exit ${r.status}): ${r.stderr}`);
  const result = JSON.parse(r.stdout) as { outcomes: unknown[]; wallMs: number };
  const runs = result.outcomes.length;
  return { runs, wallMs: result.wallMs, runsPerMinute: Number(((runs / result.wallMs) * 60_000).toFixed(1)) };
}

export const sweepBench: BenchModule = {
  name: 'sweep',
  description: 'sweep runs per minute (sweep-master-crash, 60 simulated s each) on 2 workers and on 1',
  run() {
    const both = measureSweep(2, 20);
    const one = measureSweep(1, 10);
    return {
      metrics: { sweepRunsPerMinute: both.runsPerMinute, sweepRunsPerMinutePerWorker: one.runsPerMinute },
      details: { twoWorkers: both, oneWorker: one },
      notes: [
        `sweep: ${both.runs} runs in ${both.wallMs} ms on 2 workers; ${one.runs} in ${one.wallMs} ms on 1`,
      ],
    };
  },
};
