// The report page: one SVG per chart, no external references, escaped text, honest notes (src/report/html.ts).
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderTimeline } from '../../src/report/timeline.js';
import { parseXml } from './xml.js';
import {
  alternatingOpsHistory,
  masterCrashHistory,
  sampleDurations,
  sampleResult,
  sampleSweepCells,
  sampleVerdicts,
} from './fixtures.js';

const SVG_NS_ATTRS = /xmlns(:xlink)?="http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)"/g;

/** Substring test that does not print a 300 kB page when it fails. */
const contains = (html: string, text: string): boolean => html.includes(text);

function chartNames(html: string): string[] {
  return [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]!);
}

const full = (): string =>
  renderHtml({
    result: sampleResult(),
    history: masterCrashHistory({ messages: true, extraEventMessage: '<script>alert("x")</script> & more' }),
    verdicts: sampleVerdicts(),
    sweep: { cells: sampleSweepCells(), durationsMs: sampleDurations(500), budgetMs: 10_000 },
  });

describe('renderHtml', () => {
  it('draws exactly one SVG per chart, and every other SVG is a legend', () => {
    const html = full();
    const names = chartNames(html);
    expect(names).toEqual([
      'timeline',
      'timeline-failover-0',
      'lamport-0',
      'failover-time-histogram',
      'failover-time-cdf',
      'heatmap-0',
      'heatmap-1',
      'heatmap-2',
      'heatmap-3',
      'sweep-failover-time-histogram',
      'sweep-failover-time-cdf',
    ]);
    const svgs = (html.match(/<svg\b/g) ?? []).length;
    const legends = (html.match(/<svg\b[^>]*data-legend=/g) ?? []).length;
    expect(legends).toBe(4); // one colour legend per heatmap
    expect(svgs).toBe(names.length + legends);
  });

  it('references nothing outside the page except the SVG namespace URIs', () => {
    const html = full();
    const stripped = html.replace(SVG_NS_ATTRS, '');
    expect(stripped.match(/.{0,40}https?:\/\/.{0,40}/)?.[0]).toBeUndefined();
    expect(/<script\b/i.test(stripped)).toBe(false);
    expect(stripped.match(/\b(src|href)="(?!data:|#).{0,40}/)?.[0]).toBeUndefined();
    expect(html.match(SVG_NS_ATTRS)?.length).toBeGreaterThan(0);
  });

  it('renders event text containing markup as text', () => {
    const html = full();
    expect(contains(html, '<script>alert')).toBe(false);
    // Inside SVG <title> (serialised by the DOM): markup characters become entities.
    expect(contains(html, '+custom &lt;script&gt;alert("x")&lt;/script&gt; &amp; more')).toBe(true);
    // Verdict details are escaped by the page itself: '3 acknowledged writes lost (<a> & "b")'.
    expect(contains(html, '(&#60;a&#62; &#38; &#34;b&#34;)')).toBe(true);
  });

  it('says so, without a placeholder chart, when no message trace was recorded', () => {
    const html = renderHtml({ result: sampleResult(), history: masterCrashHistory(), verdicts: [] });
    expect(contains(html, 'No message trace was recorded for this run')).toBe(true);
    expect(chartNames(html)).not.toContain('lamport-0');
    expect(chartNames(html)).toContain('timeline-failover-0');
  });

  it('prints the seed, scenario and resolved options needed to reproduce the run', () => {
    const html = renderHtml({
      result: sampleResult(),
      history: masterCrashHistory(),
      verdicts: sampleVerdicts(),
    });
    expect(contains(html, 'npx sentinel-lab run master-crash --seed 1')).toBe(true);
    expect(contains(html, '&#34;downAfterMs&#34;: 5000')).toBe(true);
    expect(contains(html, 'ab'.repeat(32))).toBe(true);
    expect(contains(html, '<span class="badge bad">FAIL</span>')).toBe(true);
  });
});

describe('timeline operations', () => {
  it('merges adjacent operations with equal outcomes and says how many were drawn', () => {
    const t = renderTimeline(masterCrashHistory());
    expect(t.note).toMatch(/^[\d,]+ operations drawn as \d+ bars/);
  });

  it('samples when more than 20,000 bars remain, and says so', () => {
    const t = renderTimeline(alternatingOpsHistory(30_000));
    expect(t.note).toContain('more than 20,000 bars');
    const shown = Number(/([\d,]+) of 30,000 bars are shown/.exec(t.note)?.[1]?.replace(/,/g, ''));
    expect(shown).toBeLessThanOrEqual(20_000);
    expect(shown).toBeGreaterThan(10_000);
  });
});

describe('renderHtml edge cases', () => {
  it('renders a page for an empty history with no verdicts, saying what is missing', () => {
    const html = renderHtml({ result: sampleResult(), history: [], verdicts: [] });
    expect(chartNames(html)).toEqual(['failover-time-histogram', 'failover-time-cdf']);
    expect(contains(html, 'No verdicts were recorded for this run.')).toBe(true);
    expect(contains(html, '<span class="badge none">NO VERDICTS</span>')).toBe(true);
  });

  it('lists the exact text of every Sentinel event of a failover window', () => {
    const html = renderHtml({ result: sampleResult(), history: masterCrashHistory(), verdicts: [] });
    expect(
      contains(html, '<code>+switch-master</code></td><td>mymaster 10.0.0.1 6379 10.0.0.2 6379</td>'),
    ).toBe(true);
    expect(contains(html, '<code>+odown</code></td><td>master mymaster 10.0.0.1 6379 #quorum 2/2</td>')).toBe(
      true,
    );
  });
});

describe('chart SVGs', () => {
  it('are well-formed standalone XML documents with the SVG namespace', () => {
    const html = full();
    const svgs = [...html.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs.length).toBeGreaterThan(10);
    for (const svg of svgs) {
      const root = parseXml(svg);
      expect(root.name).toBe('svg');
      expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    }
  });
});

describe('timeline event dots', () => {
  it('lists coincident events of one Sentinel in a single hover text, in order (§15: +odown … +vote-for-leader)', () => {
    const { svg } = renderTimeline(masterCrashHistory());
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!);
    const leader = titles.find((t) => t.startsWith('sentinel-2') && t.includes('+try-failover'));
    expect(leader).toBeDefined();
    const order = ['+odown', '+new-epoch', '+try-failover', '+vote-for-leader'].map((e) =>
      leader!.indexOf(e),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
