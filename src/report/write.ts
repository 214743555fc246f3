// Writes one run's report into `<dir>/<run-id>/` (result.json, junit.xml, trace.jsonl when given,
// index.html) and points `<dir>/latest` at it.
//
// Each file is written to a temporary name in the same directory and renamed into place, so a reader
// (a CI artifact upload, a browser refresh) never sees half a file. `latest` is a relative symlink,
// replaced atomically by renaming a fresh symlink over it; where symlinks cannot be made (Windows
// without developer mode, some network or FAT file systems) it falls back to a copied directory, which
// is replaced by remove-then-rename (not atomic). The result says which was used.
import { cp, mkdir, rename, rm, symlink, writeFile, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from './html.js';
import { resultJson } from './json.js';
import { junitXml } from './junit.js';
import { ReportError, type ReportInput } from './types.js';

export interface WrittenReport {
  /** The run's directory, `<dir>/<run-id>`. */
  readonly runDir: string;
  /** File names written into runDir. */
  readonly files: readonly string[];
  readonly latest: 'symlink' | 'copy';
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
let tempCounter = 0;

function tempName(path: string): string {
  tempCounter += 1;
  return `${path}.tmp-${process.pid}-${tempCounter}`;
}

/** Writes `content` to `path` through a temporary file and a rename (atomic on POSIX file systems). */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = tempName(path);
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new ReportError('REPORT_WRITE_FAILED', `writing ${path}: ${(error as Error).message}`);
  }
}

export async function writeReport(dir: string, input: ReportInput): Promise<WrittenReport> {
  const runId = input.result.runId;
  if (!RUN_ID.test(runId) || runId === 'latest') {
    throw new ReportError(
      'REPORT_BAD_RUN_ID',
      `result.runId "${runId}" must match ${RUN_ID.source} and not be "latest"`,
    );
  }
  const runDir = join(dir, runId);
  await mkdir(runDir, { recursive: true });
  const files: [string, string][] = [
    ['result.json', resultJson(input)],
    [
      'junit.xml',
      junitXml([
        {
          scenario: input.result.scenario,
          seed: input.result.seed,
          runId,
          verdicts: input.verdicts,
          ...(input.result.elapsedSeconds === undefined ? {} : { timeSeconds: input.result.elapsedSeconds }),
        },
      ]),
    ],
  ];
  if (input.trace !== undefined) files.push(['trace.jsonl', input.trace]);
  files.push(['index.html', renderHtml(input)]);
  for (const [name, content] of files) await writeFileAtomic(join(runDir, name), content);
  const latest = await pointLatest(dir, runId);
  return { runDir, files: files.map(([name]) => name), latest };
}

async function pointLatest(dir: string, runId: string): Promise<'symlink' | 'copy'> {
  const latest = join(dir, 'latest');
  const temp = tempName(latest);
  try {
    await symlink(runId, temp, 'dir');
  } catch {
    await cp(join(dir, runId), temp, { recursive: true });
    await rm(latest, { recursive: true, force: true });
    await rename(temp, latest);
    return 'copy';
  }
  // rename() replaces a symlink or file atomically, but not a directory left by an earlier copy.
  const existing = await lstat(latest).catch(() => null);
  if (existing?.isDirectory() === true) await rm(latest, { recursive: true, force: true });
  await rename(temp, latest);
  return 'symlink';
}
