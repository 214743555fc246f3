// `scenarios` lists every name `run` accepts, real-tier ones included, and a real-tier name without
// --tier real says how to run it (README's `run real-master-crash --tier real`).
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';
import { runCli } from '../support/cli.js';

const cli = runCli;

beforeAll(ensureBuilt, 180_000);

describe('sentinel-lab scenarios and real-tier names', () => {
  it('lists real-tier scenarios with tier real, one line each', () => {
    const rows = JSON.parse(cli(['scenarios', '--json']).stdout) as { name: string; tier: string }[];
    expect(rows.find((r) => r.name === 'real-master-crash')?.tier).toBe('real');
    expect(rows.find((r) => r.name === 'master-crash')?.tier).toBe('sim');
    const text = cli(['scenarios']).stdout.trim().split('\n');
    expect(text).toHaveLength(rows.length);
    expect(text.find((l) => l.startsWith('real-master-crash '))).toContain('[--tier real]');
  });

  it('run <real-tier scenario> without --tier real is one line naming the command, exit 2', () => {
    const r = cli(['run', 'real-master-crash', '--seed', '1']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('sentinel-lab run real-master-crash --tier real');
  });
});
