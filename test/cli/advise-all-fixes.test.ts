// advise on a deployment with several mistakes: each one-axis fix alone cannot fail over (quorum 3 with
// 2 Sentinels stays impossible when only the count changes), so advise also measures every fix at once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';

const root = join(import.meta.dirname, '..', '..');
const main = join(root, 'dist', 'src', 'cli', 'main.js');

beforeAll(ensureBuilt, 180_000);

describe('sentinel-lab advise: every fix at once', () => {
  it('measures the cell with all fixes applied, which fails over where the deployment never does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-advise-'));
    const conf =
      'port 26379\nsentinel monitor mymaster 10.0.0.1 6379 3\n' +
      'sentinel down-after-milliseconds mymaster 5000\nsentinel parallel-syncs mymaster 0\n';
    const files = ['s1.conf', 's2.conf'].map((n) => join(dir, n));
    for (const f of files) writeFileSync(f, conf);
    const args = ['advise', ...files, '--runs', '2', '--workers', '1', '--no-report'];
    const r = spawnSync(process.execPath, [main, ...args, '--json'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      sweep: { cells: { metrics: Record<string, number | null> }[] };
      allFixes: {
        fixes: { axis: string; value: number }[];
        cell: { params: Record<string, number>; metrics: Record<string, number | null> };
      } | null;
    };
    expect(out.allFixes).not.toBeNull();
    const all = out.allFixes!;
    expect(all.fixes.map((f) => f.axis)).toEqual([
      'sentinels',
      'quorum',
      'parallelSyncs',
      'minReplicasToWrite',
    ]);
    expect(all.cell.params).toMatchObject({
      sentinels: 3,
      quorum: 2,
      parallelSyncs: 1,
      minReplicasToWrite: 1,
    });
    expect(out.sweep.cells[0]!.metrics['failoverCompletedProbability']).toBe(0);
    expect(all.cell.metrics['failoverCompletedProbability']).toBeGreaterThan(0);
    const text = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8' }).stdout;
    expect(text).toContain(
      '- every fix at once (sentinels 3, quorum 2, parallel-syncs 1, min-replicas-to-write 1):',
    );
  }, 120_000);
});
