// Headless Chromium (Debian's `chromium`) for the report tests: runs it on a URL with the flags the
// issue names, and a harness-only script that writes each chart's rendered size into the DOM.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (p) => existsSync(p),
);
if (CHROMIUM === undefined)
  console.log('browser test skipped: no chromium at /usr/bin/chromium (apt-get install chromium)');

// Test harness only (not part of the report): after load, write each chart's rendered size into the DOM
// so that --dump-dom carries it out.
export const MEASURE = `<script>addEventListener('load', () => {
  const sizes = [...document.querySelectorAll('svg[data-chart]')].map((s) => {
    const r = s.getBoundingClientRect();
    return { name: s.getAttribute('data-chart'), width: r.width, height: r.height, marks: s.querySelectorAll('rect,circle,path,line').length };
  });
  const pre = document.createElement('pre'); pre.id = 'measured'; pre.textContent = JSON.stringify(sizes);
  document.body.append(pre);
});</script>`;

export interface Run {
  readonly stdout: string;
  readonly stderr: string;
}

export function chromium(args: readonly string[], profileDir: string): Promise<Run> {
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

export interface ChartSize {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly marks: number;
}

/** The chart sizes MEASURE wrote into a `--dump-dom` output, or undefined when it is missing. */
export function measuredCharts(dumpedDom: string): ChartSize[] | undefined {
  const measured = /<pre id="measured">([^<]*)<\/pre>/.exec(dumpedDom)?.[1];
  return measured === undefined ? undefined : (JSON.parse(measured.replace(/&quot;/g, '"')) as ChartSize[]);
}

/** Serves `html` (with MEASURE added) as /index.html on 127.0.0.1; every request path is logged. */
export async function servePage(html: string, requests: string[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url !== '/index.html') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html.replace('</body>', `${MEASURE}</body>`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html` };
}
