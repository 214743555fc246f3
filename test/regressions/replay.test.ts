// The regression corpus: every case in this folder must reproduce its recorded trace hash and
// verdicts. Each is also replayed a second time in a separate process (the compiled CLI) and the two
// traces compared line by line — the determinism self-check; a mismatch names the first differing line.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeMismatch, firstDifference } from '../../src/chaos/determinism.js';
import { readCase } from '../../src/chaos/regression.js';
import { replayCase } from '../../src/chaos/replay.js';
import { buildDist, cli } from '../chaos/build.js';

const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('regression corpus', () => {
  beforeAll(buildDist, 180_000);

  it('is not empty', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)(
    '%s reproduces its trace hash and verdicts, identically in another process',
    (file) => {
      const c = readCase(join(dir, file));
      const r = replayCase(c);
      expect(r.verdictDiffs).toEqual([]);
      expect(r.traceHash).toBe(c.expected.traceHash);
      const traceFile = join(mkdtempSync(join(tmpdir(), 'sentinel-lab-corpus-')), 'trace.jsonl');
      const child = cli('replay', join(dir, file), '--json', '--trace', traceFile);
      expect(child.stderr).toBe('');
      const mismatch = firstDifference(file, r.traceJsonl, readFileSync(traceFile, 'utf8'));
      expect(mismatch === null ? null : describeMismatch(mismatch)).toBeNull();
      expect(child.status).toBe(0);
    },
    60_000,
  );
});
