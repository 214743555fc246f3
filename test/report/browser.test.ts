// Opens a written report in headless Chromium (Debian's `chromium`) served from 127.0.0.1, and checks
// that every chart rendered with a non-zero size and that the browser asked for nothing but the page.
// Skipped, with the reason printed, when no Chromium is installed.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/write.js';
import { CHROMIUM, chromium, measuredCharts, servePage } from './chromium.js';
import {
  masterCrashHistory,
  sampleDurations,
  sampleResult,
  sampleSweepCells,
  sampleVerdicts,
} from './fixtures.js';

describe.skipIf(CHROMIUM === undefined)('report in headless Chromium', () => {
  let dir = '';
  let server: Server;
  let url = '';
  const requests: string[] = [];
  let charts: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-browser-'));
    const written = await writeReport(dir, {
      result: sampleResult(),
      history: masterCrashHistory({ messages: true, extraEventMessage: '<img src=x onerror=alert(1)>' }),
      verdicts: sampleVerdicts(),
      sweep: { cells: sampleSweepCells(), durationsMs: sampleDurations(2000), budgetMs: 10_000 },
    });
    const html = await readFile(join(written.runDir, 'index.html'), 'utf8');
    charts = [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]!);
    ({ server, url } = await servePage(html, requests));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('renders every chart as an SVG of non-zero size, and requests nothing but the page', async () => {
    requests.length = 0;
    const run = await chromium(['--dump-dom', url], join(dir, 'profile-dom'));
    const sizes = measuredCharts(run.stdout)!;
    expect(sizes, `no measurement in the dumped DOM; stderr: ${run.stderr.slice(-500)}`).toBeDefined();
    expect(sizes.map((s) => s.name)).toEqual(charts);
    expect(charts.length).toBeGreaterThanOrEqual(10);
    for (const s of sizes) {
      expect(s.width, s.name).toBeGreaterThan(100);
      expect(s.height, s.name).toBeGreaterThan(50);
      expect(s.marks, s.name).toBeGreaterThan(5);
    }
    expect(requests).toEqual(['/index.html']);
    expect(run.stderr).not.toMatch(/net::ERR_|Failed to load resource/);
    // The hostile event text stayed text: no <img> element was created from it.
    expect(run.stdout).not.toMatch(/<img\b/);
  });

  it('takes a screenshot that is not blank', async () => {
    requests.length = 0;
    const png = join(process.env.REPORT_SCREENSHOT_DIR ?? dir, 'report.png');
    await chromium([`--screenshot=${png}`, url], join(dir, 'profile-shot'));
    const bytes = await readFile(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // A blank 1320×3000 page compresses to a few kB; charts, text and colour take far more.
    expect((await stat(png)).size).toBeGreaterThan(60_000);
    expect(requests).toEqual(['/index.html']);
  });
});
