// writeReport (src/report/write.ts) and result.json (src/report/json.ts).
import { mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resultJson } from '../../src/report/json.js';
import { ReportError } from '../../src/report/types.js';
import { writeReport } from '../../src/report/write.js';
import { masterCrashHistory, sampleResult, sampleVerdicts } from './fixtures.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const input = (runId: string, trace?: string) => ({
  result: sampleResult(runId),
  history: masterCrashHistory({ durationMs: 30_000 }),
  verdicts: sampleVerdicts(),
  ...(trace === undefined ? {} : { trace }),
});

describe('writeReport', () => {
  it('writes result.json, junit.xml, trace.jsonl and index.html into <dir>/<run-id>, leaving no temp files', async () => {
    const written = await writeReport(dir, input('run-1', '{"a":1}\n'));
    expect(written.runDir).toBe(join(dir, 'run-1'));
    expect((await readdir(written.runDir)).sort()).toEqual([
      'index.html',
      'junit.xml',
      'result.json',
      'trace.jsonl',
    ]);
    expect(await readFile(join(written.runDir, 'trace.jsonl'), 'utf8')).toBe('{"a":1}\n');
    expect((await readdir(dir)).sort()).toEqual(['latest', 'run-1']);
  });

  it('omits trace.jsonl when no trace is given', async () => {
    const written = await writeReport(dir, input('run-1'));
    expect(written.files).toEqual(['result.json', 'junit.xml', 'index.html']);
  });

  it('points latest at the newest run (a relative symlink)', async () => {
    await writeReport(dir, input('run-1'));
    const second = await writeReport(dir, input('run-2'));
    expect(second.latest).toBe('symlink');
    expect(await readlink(join(dir, 'latest'))).toBe('run-2');
    const viaLatest = JSON.parse(await readFile(join(dir, 'latest', 'result.json'), 'utf8')) as {
      runId: string;
    };
    expect(viaLatest.runId).toBe('run-2');
  });

  it('rejects a run id that could escape the reports directory, with a typed error', async () => {
    for (const bad of ['../x', 'a/b', '', 'latest', '.hidden']) {
      const error = await writeReport(dir, input(bad)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReportError);
      expect((error as ReportError).code).toBe('REPORT_BAD_RUN_ID');
      expect((error as ReportError).message).toContain('result.runId');
    }
  });
});

describe('resultJson', () => {
  it('round-trips the reproduction data and verdicts, with ok false when any verdict is not ok', () => {
    const parsed = JSON.parse(resultJson(input('run-1'))) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      schema: 'sentinel-lab/result@1',
      runId: 'run-1',
      scenario: 'master-crash',
      seed: 1,
      tier: 'sim',
      ok: false,
      options: sampleResult().options,
      verdicts: sampleVerdicts(),
    });
    expect((parsed.failover as { stats: { p50Ms: number } }).stats.p50Ms).toBe(6210);
  });

  it('writes NaN statistics (no durations) as null', () => {
    const base = input('run-1');
    const text = resultJson({
      ...base,
      result: { ...base.result, failover: { durationsMs: [], budgetMs: 1000 } },
    });
    const parsed = JSON.parse(text) as { failover: { stats: { p50Ms: unknown } } };
    expect(parsed.failover.stats.p50Ms).toBeNull();
  });
});

describe('writeReport over an earlier copied latest/', () => {
  it('replaces a latest directory (left by the copy fallback) with the symlink', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(dir, 'latest'));
    await writeFile(join(dir, 'latest', 'stale.txt'), 'old');
    await writeReport(dir, input('run-3'));
    expect(await readlink(join(dir, 'latest'))).toBe('run-3');
  });
});
