// JUnit XML (src/report/junit.ts): well-formed, counts right, text escaped. Parsed back with a tiny
// tag-balancing parser (no XML package in the project).
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/check/verdict.js';
import { junitXml } from '../../src/report/junit.js';
import { sampleVerdicts } from './fixtures.js';
import { all, parseXml } from './xml.js';

describe('junitXml', () => {
  const hostile: Verdict = {
    invariant: 'weird <name> & "quotes"',
    valid: false,
    expected: 'hold',
    ok: false,
    detail: "a < b && c > d ]]> \u0001 'single'",
    evidence: { text: '</failure><oops>' },
  };
  const xml = junitXml([
    { scenario: 'master-crash', seed: 1, verdicts: sampleVerdicts(), timeSeconds: 1.5 },
    { scenario: 'partition <&>', seed: 'abc', verdicts: [hostile] },
  ]);

  it('is well-formed XML with one testcase per scenario × invariant', () => {
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    const suites = all(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['master-crash (seed 1)', 'partition <&> (seed abc)']);
    expect(all(root, 'testcase').map((t) => t.attrs.name)).toEqual([
      'election-safety',
      'acked-write-loss',
      'failover-time',
      'weird <name> & "quotes"',
    ]);
  });

  it('counts tests and failures per suite and in total', () => {
    const root = parseXml(xml);
    expect(root.attrs).toMatchObject({ tests: '4', failures: '2', errors: '0', time: '1.500' });
    const [a, b] = all(root, 'testsuite');
    expect(a!.attrs).toMatchObject({ tests: '3', failures: '1', errors: '0', skipped: '0' });
    expect(b!.attrs).toMatchObject({ tests: '1', failures: '1' });
    expect(all(a!, 'failure')).toHaveLength(1);
  });

  it('puts a failure element only in testcases whose verdict is not ok, with the detail as message', () => {
    const root = parseXml(xml);
    const cases = all(root, 'testcase');
    expect(cases.map((c) => all(c, 'failure').length)).toEqual([0, 1, 0, 1]);
    const failure = all(cases[3]!, 'failure')[0]!;
    expect(failure.attrs.message).toBe("a < b && c > d ]]> \uFFFD 'single'");
    expect(JSON.parse(failure.text)).toEqual({ text: '</failure><oops>' });
  });

  it('records the seed as a property so the run can be reproduced', () => {
    const props = all(parseXml(xml), 'property').map((p) => [p.attrs.name, p.attrs.value]);
    expect(props).toContainEqual(['seed', '1']);
    expect(props).toContainEqual(['seed', 'abc']);
  });

  it('the tiny parser rejects unbalanced XML (so the tests above can fail)', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow(/closes/);
    expect(() => parseXml('<a>x & y</a>')).toThrow(/bare &/);
    expect(() => parseXml('<a><b></a>')).toThrow();
  });
});
