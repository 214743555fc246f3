// Opens a written report in headless Chromium (Debian's `chromium`) served from 127.0.0.1, and checks
// that every chart rendered with a non-zero size and that the browser asked for nothing but the page.
// Skipped, with the reason printed, when no Chromium is installed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/write.js';
import {
  masterCrashHistory,
  sampleDurations,
  sampleResult,
  sampleSweepCells,
  sampleVerdicts,
} from './fixtures.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) =>
  existsSync(p),
);
if (CHROMIUM === undefined)
  console.log('browser test skipped: no chromium at /usr/bin/chromium (apt-get install chromium)');

// Test harness only (not part of the report): after load, write each chart's rendered size into the DOM
// so that --dump-dom carries it out.
const MEASURE = `<script>addEventListener('load', () => {
  const sizes = [...document.querySelectorAll('svg[data-chart]')].map((s) => {
    const r = s.getBoundingClientRect();
    return { name: s.getAttribute('data-chart'), width: r.width, height: r.height, marks: s.querySelectorAll('rect,circle,path,line').length };
  });
  const pre = document.createElement('pre'); pre.id = 'measured'; pre.textContent = JSON.stringify(sizes);
  document.body.append(pre);
});</script>`;

interface Run {
  readonly stdout: string;
  readonly stderr: string;
}

function chromium(args: readonly string[], profileDir: string): Promise<Run> {
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profileDir}`,
    '--enable-logging=stderr',
    '--v=0',
    '--hide-scrollbars',
    '--window-size=1320,3000',
    '--virtual-time-budget=5000',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM!, [...flags, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ stdout, stderr });
    });
  });
}

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
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url !== '/index.html') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html.replace('</body>', `${MEASURE}</body>`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('renders every chart as an SVG of non-zero size, and requests nothing but the page', async () => {
    requests.length = 0;
    const run = await chromium(['--dump-dom', url], join(dir, 'profile-dom'));
    const measured = /<pre id="measured">([^<]*)<\/pre>/.exec(run.stdout)?.[1];
    expect(measured, `no measurement in the dumped DOM; stderr: ${run.stderr.slice(-500)}`).toBeDefined();
    const sizes = JSON.parse(measured!.replace(/&quot;/g, '"')) as {
      name: string;
      width: number;
      height: number;
      marks: number;
    }[];
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
