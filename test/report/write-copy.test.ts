// Where symlinks cannot be made, `latest` is a copy of the run directory (src/report/write.ts).
import { mkdtemp, readFile, rm, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as FsPromises from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { writeReport } from '../../src/report/write.js';
import { masterCrashHistory, sampleResult, sampleVerdicts } from './fixtures.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof FsPromises>();
  const denied = Object.assign(new Error('EPERM: operation not permitted, symlink'), { code: 'EPERM' });
  return { ...original, symlink: vi.fn(() => Promise.reject(denied)) };
});

describe('writeReport without symlinks', () => {
  it('copies the run directory to latest, and replaces the copy on the next run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-copy-'));
    try {
      const history = masterCrashHistory({ durationMs: 20_000 });
      const first = await writeReport(dir, {
        result: sampleResult('run-1'),
        history,
        verdicts: sampleVerdicts(),
      });
      expect(first.latest).toBe('copy');
      await writeReport(dir, { result: sampleResult('run-2'), history, verdicts: [] });
      expect((await lstat(join(dir, 'latest'))).isDirectory()).toBe(true);
      const result = JSON.parse(await readFile(join(dir, 'latest', 'result.json'), 'utf8')) as {
        runId: string;
      };
      expect(result.runId).toBe('run-2');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
