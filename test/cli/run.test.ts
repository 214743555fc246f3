// The `run` command as a user meets it: compiled, in child processes. Determinism is checked across
// two separate Node processes (same seed ⇒ same trace hash, byte for byte).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';

const root = join(import.meta.dirname, '..', '..');
const main = join(root, 'dist', 'src', 'cli', 'main.js');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return cliWith(process.env, ...args);
}

function cliWith(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(ensureBuilt, 180_000);

describe('sentinel-lab run', () => {
  it('same seed gives the same trace hash in two separate processes; another seed gives another', () => {
    const a = cli('run', 'replication-smoke', '--seed', '11', '--json');
    const b = cli('run', 'replication-smoke', '--seed', '11', '--json');
    const c = cli('run', 'replication-smoke', '--seed', '12', '--json');
    expect(a.status).toBe(0);
    const ra = JSON.parse(a.stdout);
    const rb = JSON.parse(b.stdout);
    const rc = JSON.parse(c.stdout);
    expect(ra.traceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rb.traceHash).toBe(ra.traceHash);
    expect(rc.traceHash).not.toBe(ra.traceHash);
  });

  it('--json prints exactly one JSON object with the result fields; --out writes result and trace', () => {
    const out = mkdtempSync(join(tmpdir(), 'sentinel-lab-run-'));
    const r = cli('run', 'replication-smoke', '--seed', '3', '--json', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual([
      'scenario',
      'seed',
      'tier',
      'sut',
      'traceHash',
      'simulatedMs',
      'wallMs',
      'events',
      'verdicts',
      'passed',
      'failover',
      'writes',
    ]);
    expect(result).toMatchObject({
      scenario: 'replication-smoke',
      seed: 3,
      tier: 'sim',
      sut: 'engine',
      passed: true,
    });
    expect(result.verdicts).toEqual([expect.objectContaining({ invariant: 'acked-write-loss', ok: true })]);
    expect(result.writes.acked).toBeGreaterThan(0);
    expect(result.writes.lost).toBe(0);
    expect(result.events).toBeGreaterThan(0);
    const saved = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(saved.traceHash).toBe(result.traceHash);
    const trace = readFileSync(join(out, 'trace.jsonl'), 'utf8');
    expect(JSON.parse(trace.split('\n')[0]!).payload.kind).toBe('topology');
  });

  it('--report writes the HTML report with the space-time diagram; the trace hash is the plain run’s', () => {
    const out = mkdtempSync(join(tmpdir(), 'sentinel-lab-run-report-'));
    const plain = JSON.parse(cli('run', 'master-crash', '--seed', '2', '--json').stdout);
    const r = cli('run', 'master-crash', '--seed', '2', '--json', '--report', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.reportDir).toBe(join(out, 'run-master-crash-s2'));
    expect(result.traceHash).toBe(plain.traceHash);
    const html = readFileSync(join(result.reportDir, 'index.html'), 'utf8');
    expect(html).toContain('data-chart="lamport-0"');
    expect(html).not.toContain('No message trace was recorded');
    const saved = JSON.parse(readFileSync(join(result.reportDir, 'result.json'), 'utf8'));
    expect(saved.traceHash).toBe(plain.traceHash);
  }, 60_000);

  it('an --out path that cannot be a directory exits 2 with one line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sentinel-lab-run-')), 'a-file');
    writeFileSync(file, 'x');
    const r = cli('run', 'replication-smoke', '--seed', '1', '--out', join(file, 'sub'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sentinel-lab: --out: cannot write to .*\n$/);
  });

  it.each([
    [['run', 'no-such-scenario', '--seed', '1'], /unknown scenario 'no-such-scenario'/],
    [['run', 'replication-smoke', '--seed', 'abc'], /--seed: must be an integer/],
    [['run', 'replication-smoke', '--seed', '1.5'], /--seed: must be an integer/],
    [['run', 'replication-smoke'], /--seed/],
    [['run', '--seed', '1'], /missing required argument 'scenario'/],
    [['bogus'], /unknown command 'bogus'/],
    [['run', 'replication-smoke', '--seed', '1', '--tier', 'moon'], /--tier: must be sim or real/],
    [
      ['run', 'no-such-scenario', '--tier', 'real'],
      /unknown scenario 'no-such-scenario' \(real-tier scenarios: real-master-crash/,
    ],
    [['run', 'real-master-crash', '--tier', 'real', '--down-after', '5'], /--down-after: must be an integer/],
    [
      ['run', 'real-master-crash', '--tier', 'real', '--sut', 'nope'],
      /--sut: must be engine or redis-sentinel/,
    ],
  ])('bad input %j exits 2 with one line and no stack trace', (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sentinel-lab: /);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing binary in the real tier is one clear line naming it, exit 2', () => {
    const r = cliWith({ ...process.env, PATH: '/nonexistent' }, 'run', 'real-master-crash', '--tier', 'real');
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^sentinel-lab: real tier: redis-server not found/);
  });
});
