// Regression case files are read strictly: another version or format, or a corrupted field, is a
// RegressionError naming the field (and the CLI exits 2 with that message), never a wrong replay.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_FORMAT, parseCase, readCase, RegressionError } from '../../src/chaos/regression.js';
import { labVersion } from '../../src/chaos/version.js';
import { buildDist, cli, root } from './build.js';

type Json = Record<string, unknown>;

const sample = (): Json =>
  JSON.parse(
    readFileSync(join(root, 'test', 'regressions', 'replication-smoke-seed-1.json'), 'utf8'),
  ) as Json;

function rejection(data: unknown): RegressionError {
  try {
    parseCase(data);
  } catch (error) {
    if (error instanceof RegressionError) return error;
    throw error;
  }
  throw new Error('parseCase accepted the case');
}

const tempFile = (name: string, text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'sentinel-lab-case-')), name);
  writeFileSync(file, text);
  return file;
};

describe('regression case files', () => {
  it('accepts a case of this version and format', () => {
    const c = parseCase(sample());
    expect(c.format).toBe(CASE_FORMAT);
    expect(c.version).toBe(labVersion());
  });

  it('rejects a case recorded by another version, naming the field and both versions', () => {
    const e = rejection({ ...sample(), version: '0.0.9' });
    expect(e.code).toBe('REGRESSION_VERSION');
    expect(e.field).toBe('version');
    expect(e.message).toContain('0.0.9');
    expect(e.message).toContain(labVersion());
  });

  it('rejects another format', () => {
    const e = rejection({ ...sample(), format: 'sentinel-lab-regression/2' });
    expect(e.code).toBe('REGRESSION_FORMAT');
    expect(e.message).toMatch(/^format: .*sentinel-lab-regression\/2/);
  });

  it.each([
    ['seed', (c: Json): Json => ({ ...c, seed: '1' })],
    ['expected.traceHash', (c: Json): Json => ({ ...c, expected: { verdicts: {}, traceHash: 'abc' } })],
    [
      'expected.verdicts.acked-write-loss',
      (c: Json): Json => ({
        ...c,
        expected: { ...(c['expected'] as Json), verdicts: { 'acked-write-loss': 'yes' } },
      }),
    ],
    ['scenario.faults', (c: Json): Json => ({ ...c, scenario: { ...(c['scenario'] as Json), faults: {} } })],
    ['options.sentinels', (c: Json): Json => ({ ...c, options: { sentinels: 'redis' } })],
  ])('rejects a corrupted %s, naming it', (field, corrupt) => {
    const e = rejection(corrupt(sample()));
    expect(e.code).toBe('REGRESSION_INVALID');
    expect(e.field).toBe(field);
    expect(e.message.startsWith(field)).toBe(true);
  });

  it('rejects a fault naming a node the topology does not have, naming the fault field', () => {
    const c = sample();
    const scenario = c['scenario'] as { faults: { op: { target: string } }[] };
    scenario.faults[0]!.op.target = 'redis-9';
    const e = rejection(c);
    expect(e.code).toBe('REGRESSION_INVALID');
    expect(e.field).toBe('scenario.faults[0].op.target');
  });

  it('rejects a file that is not JSON', () => {
    const file = tempFile('broken.json', '{"format": "sentinel-lab-regression/1", ');
    expect(() => readCase(file)).toThrow(/broken\.json: not JSON/);
  });
});

describe('sentinel-lab replay', () => {
  beforeAll(buildDist, 180_000);

  it('exits 2 with one line naming the version field for a case of another version', () => {
    const file = tempFile('old.json', JSON.stringify({ ...sample(), version: '0.0.9' }));
    const r = cli('replay', file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^sentinel-lab: .*old\.json: version: recorded by sentinel-lab 0\.0\.9/);
  });

  it('exits 1 when the replay does not reproduce the recorded trace hash', () => {
    const file = tempFile('other-seed.json', JSON.stringify({ ...sample(), seed: 2 }));
    const r = cli('replay', file, '--json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ hashMatches: false, passed: false });
  });
});
