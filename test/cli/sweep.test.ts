// sweep, merge, scenarios, report and advise as a user meets them: compiled, in child processes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';

const root = join(import.meta.dirname, '..', '..');
const main = join(root, 'dist', 'src', 'cli', 'main.js');
const GRID = [
  '--sentinels',
  '3,5',
  '--quorum',
  '2,3',
  '--down-after',
  '1000,5000',
  '--runs',
  '2',
  '--seed',
  '1',
];

function cli(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[], env: Record<string, string> = {}): Record<string, unknown> {
  const r = cli(args, env);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function identity(result: Record<string, unknown>): Record<string, unknown> {
  const { wallMs: _w, workers: _k, ...rest } = result;
  return rest;
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'sentinel-lab-sweep-'));

beforeAll(ensureBuilt, 180_000);

describe('sentinel-lab sweep', () => {
  it('gives the same numbers with 1 and 2 workers; cells carry params, runs and metrics; wallMs apart', () => {
    const one = json(['sweep', ...GRID, '--workers', '1', '--json', '--no-report']);
    const two = json(['sweep', ...GRID, '--workers', '2', '--json', '--no-report']);
    expect(identity(two)).toEqual(identity(one));
    const cells = one['cells'] as {
      params: Record<string, number>;
      runs: number;
      metrics: Record<string, unknown>;
    }[];
    expect(cells).toHaveLength(8);
    expect(cells[0]!.params).toMatchObject({ sentinels: 3, quorum: 2, downAfterMs: 1000 });
    expect(cells[0]!.runs).toBe(2);
    for (const key of [
      'failoverP50Ms',
      'failoverP90Ms',
      'failoverP99Ms',
      'failoverMaxMs',
      'needlessFailoverProbability',
      'ackedWriteLossProbability',
      'lostWriteFractionMean',
      'failoverCountMean',
    ]) {
      expect(cells[0]!.metrics).toHaveProperty(key);
    }
    // The counts behind the probabilities, for the significance tests (2 runs, every one judged here).
    expect(cells[0]).toMatchObject({ counts: { failoverCompleted: { of: 2 }, needlessFailover: { of: 2 } } });
    expect(typeof one['wallMs']).toBe('number');
  });

  it('shards (--shard and the Kubernetes Indexed Job variables) merge into the single-machine result', () => {
    const dir = tmp();
    const whole = json(['sweep', ...GRID, '--workers', '0', '--json', '--no-report']);
    const a = cli(['sweep', ...GRID, '--workers', '0', '--json', '--shard', '0/2']);
    const b = cli(['sweep', ...GRID, '--workers', '0', '--json'], {
      JOB_COMPLETION_INDEX: '1',
      JOB_COMPLETIONS: '2',
    });
    expect([a.status, b.status]).toEqual([0, 0]);
    writeFileSync(join(dir, 'a.json'), a.stdout);
    writeFileSync(join(dir, 'b.json'), b.stdout);
    const merged = json(['merge', join(dir, 'b.json'), join(dir, 'a.json'), '--json', '--no-report']);
    expect(identity(merged)).toEqual(identity(whole));
    const missing = cli(['merge', join(dir, 'a.json'), '--no-report']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^sentinel-lab: merge: \d+ of \d+ runs present; a shard is missing\n$/);
  });

  it('bad input is one line naming the flag, exit 2; an unknown scenario suggests the closest name', () => {
    const q = cli(['sweep', '--quorum', '0', '--runs', '1']);
    expect(q.status).toBe(2);
    expect(q.stderr).toMatch(/^sentinel-lab: --quorum: 0 is below the minimum 1 \(got '0'\)\n$/);
    const r = cli(['sweep', '--down-after', '5000..1000']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sentinel-lab: --down-after: range/);
    const s = cli(['sweep', '--scenario', 'sweep-master-crsh']);
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/did you mean sweep-master-crash\?/);
    expect(s.stderr.trim().split('\n')).toHaveLength(1);
    const shard = cli(['sweep', '--shard', '3/2']);
    expect(shard.stderr).toMatch(/^sentinel-lab: --shard: index 3 must be below 2/);
  });

  it('"better" needs a significant improvement: 1 run per cell never is, 5 runs of a 4 s faster down-after are', () => {
    const sweep = (runs: string): string =>
      cli(['sweep', '--down-after', '5000,1000', '--runs', runs, '--workers', '0', '--no-report']).stdout;
    // One run each: both relabellings of a 1-vs-1 sample give the same difference, so p = 1.
    expect(sweep('1')).toMatch(
      /\n {2}no neighbouring configuration is significantly better \(best candidate: --down-after 1000: failover p99 \d+ ms → \d+ ms, p=1; more --runs would tell\)\n/,
    );
    expect(sweep('5')).toMatch(
      /\n {2}better: --down-after 1000 \(instead of 5000\): failover p99 \d+ ms → \d+ ms \(p=0\.0\d+\)\n/,
    );
  });

  it('writes a report with heatmaps that `report` re-renders from the directory', () => {
    const out = tmp();
    const r = cli(['sweep', '--quorum', '2,3', '--runs', '1', '--workers', '0', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/your configuration: 3 sentinels, quorum 2/);
    expect(existsSync(join(out, 'latest', 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'latest', 'sweep.json'))).toBe(true);
    const again = tmp();
    const re = json(['report', join(out, 'latest'), '--out', again, '--json']);
    expect(existsSync(join(String(re['reportDir']), 'index.html'))).toBe(true);
  });

  it('report re-renders a run from its result.json (simulated again from scenario and seed)', () => {
    const runDir = tmp();
    expect(cli(['run', 'replication-smoke', '--seed', '4', '--out', runDir, '--json']).status).toBe(0);
    const re = json(['report', join(runDir, 'result.json'), '--out', tmp(), '--json']);
    expect(existsSync(join(String(re['reportDir']), 'index.html'))).toBe(true);
    expect(existsSync(join(String(re['reportDir']), 'trace.jsonl'))).toBe(true);
  });

  it('scenarios lists every scenario with a line each; --help shows examples', () => {
    const list = JSON.parse(cli(['scenarios', '--json']).stdout) as { name: string }[];
    expect(list.map((s) => s.name)).toContain('replication-smoke');
    expect(cli(['scenarios']).stdout.trim().split('\n')).toHaveLength(list.length);
    for (const command of [
      'run',
      'chaos',
      'replay',
      'sentinel',
      'sweep',
      'merge',
      'advise',
      'report',
      'scenarios',
    ]) {
      const help = cli([command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/Examples:/);
    }
  });

  it('--version prints the package version and exits 0', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = cli([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe(pkg.version);
    }
  });
});

describe('sentinel-lab advise', () => {
  const conf = (quorum: number, extra = ''): string =>
    `port 26379\nsentinel monitor mymaster 10.0.0.1 6379 ${quorum}\nsentinel down-after-milliseconds mymaster 5000\n${extra}`;

  it('a malformed sentinel.conf is its line number, exit 2', () => {
    const dir = tmp();
    writeFileSync(join(dir, 's1.conf'), conf(2, 'sentinel failover-timeout mymaster\n'));
    const r = cli(['advise', join(dir, 's1.conf'), '--no-report']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sentinel-lab: .*s1\.conf:4: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('two Sentinels, one on the master box, no min-replicas: each finding measured with its fix', () => {
    const dir = tmp();
    writeFileSync(join(dir, 's1.conf'), conf(2));
    writeFileSync(join(dir, 's2.conf'), conf(2, 'sentinel parallel-syncs mymaster 0\n'));
    writeFileSync(join(dir, 'hosts'), 'sentinel-1 box-a\nsentinel-2 box-b\nredis-1 box-a\n');
    const args = ['advise', join(dir, 's1.conf'), join(dir, 's2.conf'), '--hosts', join(dir, 'hosts')];
    const r = json([...args, '--runs', '1', '--workers', '0', '--json', '--no-report']);
    const kinds = (r['findings'] as { finding: { kind: string } }[]).map((f) => f.finding.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'too-few-sentinels',
        'sentinel-on-master-box',
        'sentinels-disagree',
        'no-min-replicas',
      ]),
    );
    const box = (r['findings'] as { finding: { kind: string }; masterBox?: Record<string, unknown> }[]).find(
      (f) => f.finding.kind === 'sentinel-on-master-box',
    )!.masterBox;
    expect(box).toMatchObject({ moved: ['sentinel-1'], asDeployed: { runs: 1 }, ownBoxes: { runs: 1 } });
    const text = cli([...args, '--runs', '1', '--workers', '0', '--no-report']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/with sentinels 3: failover p50/);
    expect(text.stdout).toMatch(/when the master's box crashes at 10 s[^\n]*\n +as deployed: failover p50/);
    expect(text.stdout).toMatch(/with sentinel-1 on its own box: failover p50/);
  });
});
