// Runs the registered benchmarks (bench/registry.ts), prints a table and merges the numbers into
// bench/results.json: `{ <metric>: number, ..., details: { <bench name>: ... } }`. Keys other
// benchmarks wrote are kept. Usage: `npm run bench [-- name ...]`; opt-in benchmarks run only when named.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchmarks } from './registry.js';
import { wallMs, type BenchResult } from './types.js';

// dist/bench/main.js → the repository root is two levels up (also right for bench/main.ts under tsx).
const here = dirname(fileURLToPath(import.meta.url));
const root = here.endsWith(join('dist', 'bench')) ? join(here, '..', '..') : join(here, '..');
const resultsPath = join(root, 'bench', 'results.json');

type Results = Record<string, unknown> & { details?: Record<string, unknown> };

function readResults(): Results {
  if (!existsSync(resultsPath)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(resultsPath, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Results) : {};
  } catch {
    return {};
  }
}

function formatNumber(n: number): string {
  return Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(4);
}

function main(): void {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !benchmarks.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`,
    );
    process.exit(2);
  }
  const selected =
    wanted.length === 0
      ? benchmarks.filter((b) => b.optIn !== true)
      : benchmarks.filter((b) => wanted.includes(b.name));
  const results = readResults();
  const details: Record<string, unknown> = { ...(results.details ?? {}) };
  const rows: [string, string, string][] = [];
  const notes: string[] = [];
  const started = wallMs();
  for (const bench of selected) {
    process.stderr.write(`running ${bench.name}: ${bench.description}\n`);
    const t0 = wallMs();
    const r: BenchResult = bench.run();
    const seconds = ((wallMs() - t0) / 1000).toFixed(1);
    for (const [key, value] of Object.entries(r.metrics)) {
      results[key] = value;
      rows.push([bench.name, key, formatNumber(value)]);
    }
    rows.push([bench.name, '(wall time s)', seconds]);
    if (r.details !== undefined) details[bench.name] = r.details;
    for (const n of r.notes ?? []) notes.push(`${bench.name}: ${n}`);
  }
  details.environment = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
  };
  results.details = details;
  writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0), 6));
  const line = (r: readonly string[]): string =>
    r.map((c, i) => (i === 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  console.log(line(['bench', 'metric', 'value']));
  for (const r of rows) console.log(line(r));
  for (const n of notes) console.log(n);
  console.log(`total ${((wallMs() - started) / 1000).toFixed(1)} s; results merged into ${resultsPath}`);
}

main();
