// JUnit XML for CI dashboards: one <testsuite> per scenario run, one <testcase> per invariant, and a
// <failure> for every verdict that did not meet its expectation (Verdict.ok === false).
import type { Verdict } from '../check/verdict.js';

export interface JunitSuite {
  readonly scenario: string;
  readonly seed?: number | string;
  readonly runId?: string;
  readonly verdicts: readonly Verdict[];
  readonly timeSeconds?: number;
}

/** Characters XML 1.0 forbids even when escaped (C0 controls other than tab, LF, CR; U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

const attrs = (pairs: readonly [string, string | number][]): string =>
  pairs.map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('');

function testcase(suite: JunitSuite, v: Verdict): string {
  const head = `    <testcase${attrs([
    ['classname', `sentinel-lab.${suite.scenario}`],
    ['name', v.invariant],
    ['time', 0],
  ])}`;
  const out = `      <system-out>${escapeXml(`expected=${v.expected} valid=${String(v.valid)}: ${v.detail}`)}</system-out>\n`;
  if (v.ok) return `${head}>\n${out}    </testcase>`;
  const failure =
    `      <failure${attrs([
      ['message', v.detail],
      ['type', `expected ${v.expected}, valid ${String(v.valid)}`],
    ])}>` + `${escapeXml(JSON.stringify(v.evidence, null, 2))}</failure>\n`;
  return `${head}>\n${failure}${out}    </testcase>`;
}

function testsuite(s: JunitSuite): string {
  const failures = s.verdicts.filter((v) => !v.ok).length;
  const name = s.seed === undefined ? s.scenario : `${s.scenario} (seed ${String(s.seed)})`;
  const props: [string, string][] = [['scenario', s.scenario]];
  if (s.seed !== undefined) props.push(['seed', String(s.seed)]);
  if (s.runId !== undefined) props.push(['runId', s.runId]);
  return [
    `  <testsuite${attrs([
      ['name', name],
      ['tests', s.verdicts.length],
      ['failures', failures],
      ['errors', 0],
      ['skipped', 0],
      ['time', (s.timeSeconds ?? 0).toFixed(3)],
    ])}>`,
    '    <properties>',
    ...props.map(
      ([k, v]) =>
        `      <property${attrs([
          ['name', k],
          ['value', v],
        ])}/>`,
    ),
    '    </properties>',
    ...s.verdicts.map((v) => testcase(s, v)),
    '  </testsuite>',
  ].join('\n');
}

export function junitXml(suites: readonly JunitSuite[], name = 'sentinel-lab'): string {
  const tests = suites.reduce((n, s) => n + s.verdicts.length, 0);
  const failures = suites.reduce((n, s) => n + s.verdicts.filter((v) => !v.ok).length, 0);
  const time = suites.reduce((t, s) => t + (s.timeSeconds ?? 0), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs([
      ['name', name],
      ['tests', tests],
      ['failures', failures],
      ['errors', 0],
      ['time', time.toFixed(3)],
    ])}>`,
    ...suites.map(testsuite),
    '</testsuites>',
    '',
  ].join('\n');
}
