// The report of a simulated run (`run --report`, `report <result.json>`) draws the space-time diagram
// of the Sentinels' messages around the failover: the run is simulated with message capture on
// (src/sim/message-capture.ts). Checked in the HTML, and in headless Chromium when it is installed.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRunReport } from '../../src/cli/run-report.js';
import { resolveScenario } from '../../src/cli/scenarios.js';
import { createKernelPort } from '../../src/sim/kernel-port.js';
import { simulate } from '../../src/sim/run.js';
import { engineSentinelFactory } from '../../src/sim/sentinel-process.js';
import { CHROMIUM, chromium, measuredCharts, servePage } from './chromium.js';

const world = { sentinelFactory: engineSentinelFactory };

/** The `<svg>` element of the chart named `name`. */
function chartSvg(html: string, name: string): string {
  const at = html.indexOf(`data-chart="${name}"`);
  if (at < 0) return '';
  return html.slice(html.lastIndexOf('<svg', at), html.indexOf('</svg>', at) + '</svg>'.length);
}

/** The titles (tooltips) of every mark of an SVG, unescaped enough to match on. */
function titles(svg: string): string[] {
  return [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!.replace(/&gt;/g, '>'));
}

describe('report of a simulated master-crash run', () => {
  let dir = '';
  let html = '';
  let traceHash = '';
  let trace = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-sim-'));
    const report = await writeRunReport(dir, resolveScenario('master-crash'), 1, world);
    html = await readFile(join(report.written.runDir, 'index.html'), 'utf8');
    trace = await readFile(join(report.written.runDir, 'trace.jsonl'), 'utf8');
    traceHash = report.traceHash;
  }, 60_000);

  afterAll(async () => {
    if (dir.startsWith(tmpdir())) await rm(dir, { recursive: true, force: true });
  });

  it('draws the space-time diagram of the messages around the failover, not the "no trace" note', () => {
    expect(html).not.toContain('No message trace was recorded');
    const svg = chartSvg(html, 'lamport-0');
    expect(svg).not.toBe('');
    const arrows = titles(svg).filter((t) => t.includes(' → '));
    expect(arrows.length).toBeGreaterThan(50);
    // The vote (§6.3), its answer, and the promotion of the chosen replica (§8.3).
    expect(arrows.some((t) => / → sentinel-\d: .*down=1 leader=/.test(t))).toBe(true);
    expect(arrows.some((t) => /^sentinel-\d → sentinel-\d: SENTINEL is-master-down-by-addr/.test(t))).toBe(
      true,
    );
    expect(arrows.some((t) => /^sentinel-\d → redis-\d: SLAVEOF NO ONE/.test(t))).toBe(true);
  });

  it('keeps the trace and trace hash of the run without capture (trace.jsonl has no message records)', () => {
    const plain = simulate(resolveScenario('master-crash'), 1, createKernelPort, world);
    expect(traceHash).toBe(plain.traceHash);
    expect(trace).toBe(plain.traceJsonl);
    expect(trace).not.toContain('"kind":"message"');
  });

  describe.skipIf(CHROMIUM === undefined)('in headless Chromium', () => {
    let server: Server;
    let url = '';
    const requests: string[] = [];

    beforeAll(async () => {
      ({ server, url } = await servePage(html, requests));
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('renders the space-time diagram with its arrows, and requests nothing but the page', async () => {
      const run = await chromium(['--dump-dom', url], join(dir, 'profile-dom'));
      const sizes = measuredCharts(run.stdout);
      expect(sizes, `no measurement in the dumped DOM; stderr: ${run.stderr.slice(-500)}`).toBeDefined();
      const lamport = sizes!.find((s) => s.name === 'lamport-0');
      expect(lamport).toBeDefined();
      expect(lamport!.width).toBeGreaterThan(100);
      expect(lamport!.height).toBeGreaterThan(100);
      expect(lamport!.marks).toBeGreaterThan(50);
      expect(requests).toEqual(['/index.html']);
      expect(run.stderr).not.toMatch(/net::ERR_|Failed to load resource/);
    }, 60_000);
  });
});
