// A sweep report's "Reproduce" command, pasted as a user would, runs the same sweep (same cells).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';

const root = join(import.meta.dirname, '..', '..');
const main = join(root, 'dist', 'src', 'cli', 'main.js');

function cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(ensureBuilt, 180_000);

describe('sweep report reproduce command', () => {
  it('is a sweep command (not `run <scenario>`) that gives the same cells when pasted', () => {
    const out = mkdtempSync(join(tmpdir(), 'qa-sweep-'));
    const grid = ['--quorum', '2,3', '--latency', '1,20', '--runs', '2', '--seed', '3', '--workers', '1'];
    const first = cli(['sweep', ...grid, '--json', '--out', out]);
    expect(first.status).toBe(0);
    const dir = readFileSync(join(out, 'latest', 'result.json'), 'utf8');
    const reproduce = (JSON.parse(dir) as { reproduce: string }).reproduce;
    expect(reproduce).toMatch(/^npx sentinel-lab sweep --scenario sweep-master-crash --seed 3 --runs 2 /);
    expect(readFileSync(join(out, 'latest', 'index.html'), 'utf8')).toContain(reproduce);
    const pasted = reproduce.replace(/^npx sentinel-lab /, '').split(' ');
    const again = cli([...pasted, '--workers', '1', '--json', '--no-report']);
    expect(again.status).toBe(0);
    const cells = (r: string): unknown => (JSON.parse(r) as { cells: unknown }).cells;
    expect(cells(again.stdout)).toEqual(cells(first.stdout));
  }, 120_000);

  it('says "on 1 worker" and "in this thread" (no "1 workers")', () => {
    const base = ['sweep', '--runs', '1', '--no-report', '--workers'];
    expect(cli([...base, '1']).stdout).toMatch(/ s on 1 worker\n/);
    expect(cli([...base, '0']).stdout).toMatch(/ s in this thread\n/);
  }, 60_000);
});
