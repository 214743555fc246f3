// The chaos job's report as its user meets it: the command it prints to reproduce the job, failover
// charts consistent with the printed summary, a timeline that shows a failover, and `report` on it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';
import { runCli } from '../support/cli.js';

const cli = runCli;

beforeAll(ensureBuilt, 180_000);

describe('sentinel-lab chaos report', () => {
  it('reproduces with chaos --seed --runs --base --catalog, charts only the random runs, and report refuses it in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-chaos-'));
    const args = ['chaos', '--runs', '3', '--seed', '5', '--catalog', '--workers', '1', '--json'];
    const r = cli([...args, '--report-dir', dir, '--save-dir', join(dir, 'cases')]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { report: string; headline: { failovers: number } };
    const result = JSON.parse(readFileSync(join(out.report, 'result.json'), 'utf8')) as {
      reproduce: string;
      scenario: string;
      failover: { durationsMs: number[] };
    };
    const [campaign, shown] = result.reproduce.split('\n');
    expect(campaign).toBe('npx sentinel-lab chaos --seed 5 --runs 3 --base sentinels-3 --catalog');
    // The timeline is a catalogue run with a failover (not replication-smoke, which has no Sentinel).
    expect(result.scenario).not.toMatch(/replication-smoke/);
    expect(shown).toMatch(/^npx sentinel-lab run [a-z0-9-]+ --seed 1 /);
    // The catalogue has failovers of its own (master-crash…): they are not mixed into the base's charts.
    expect(result.failover.durationsMs).toHaveLength(out.headline.failovers);
    expect(readFileSync(join(out.report, 'index.html'), 'utf8')).toContain(campaign);

    const again = cli(['report', out.report, '--out', dir]);
    expect(again.status).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain(campaign);
  }, 180_000);

  it('with a finding, the timeline is the shrunk run and the report names its replay command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-chaos-'));
    const args = ['chaos', '--base', 'jepsen-5', '--runs', '4', '--seed', '1', '--workers', '1', '--json'];
    const r = cli([...args, '--report-dir', dir, '--save-dir', join(dir, 'cases')]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { report: string; findings: { runIndex: number; replay: string }[] };
    const first = out.findings[0]!;
    const result = JSON.parse(readFileSync(join(out.report, 'result.json'), 'utf8')) as {
      reproduce: string;
      scenario: string;
    };
    expect(result.scenario).toContain(`random run ${first.runIndex}, shrunk`);
    expect(result.reproduce.split('\n')[1]).toBe(`${first.replay}   # the run shown in the timeline`);
  }, 180_000);
});
