#!/usr/bin/env node
// Per-file and aggregate mutation scores from one or more StrykerJS JSON reports (the `json` reporter's
// mutation.json, or an incremental file, which has the same schema). For batch runs (`--mutate <file>`
// with one incremental file per batch): `node scripts/mutation-score.mjs reports/mutation-unit/inc-*.json`.
// When a file appears in several reports, the last one given wins. Score = (killed + timeout) /
// (killed + timeout + survived + no coverage), as StrykerJS computes "total"; ignored, compile errors and
// runtime errors are left out. `--markdown` prints a table.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const paths = args.filter((a) => a !== '--markdown');
if (paths.length === 0) {
  process.stderr.write('usage: mutation-score.mjs [--markdown] <stryker-report.json>...\n');
  process.exit(2);
}

const files = new Map();
for (const path of paths) {
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    process.stderr.write(`mutation-score: ${path}: ${e.message}\n`);
    process.exit(2);
  }
  if (typeof report?.files !== 'object' || report.files === null) {
    process.stderr.write(`mutation-score: ${path}: not a StrykerJS report (no "files")\n`);
    process.exit(2);
  }
  for (const [name, file] of Object.entries(report.files)) {
    const c = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 };
    for (const m of file.mutants ?? []) if (m.status in c) c[m.status]++;
    files.set(name, { ...c, source: path });
  }
}

const detected = (c) => c.Killed + c.Timeout;
const valid = (c) => detected(c) + c.Survived + c.NoCoverage;
const pct = (c) => (valid(c) === 0 ? '—' : `${((100 * detected(c)) / valid(c)).toFixed(1)} %`);
const total = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 };
const rows = [...files.entries()].sort(([a], [b]) => a.localeCompare(b));
for (const [, c] of rows) for (const k of Object.keys(total)) total[k] += c[k];

if (markdown) {
  console.log(
    '| file | valid mutants | ignored (static) | killed + timeout | survived + no coverage | score |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [name, c] of rows) {
    console.log(
      `| \`${name.split('/').pop()}\` | ${valid(c)} | ${c.Ignored} | ${detected(c)} | ${c.Survived + c.NoCoverage} | ${pct(c)} |`,
    );
  }
  console.log(
    `| **all (${rows.length} files)** | **${valid(total)}** | ${total.Ignored} | **${detected(total)}** | ${total.Survived + total.NoCoverage} | **${pct(total)}** |`,
  );
} else {
  for (const [name, c] of rows)
    console.log(`${pct(c).padStart(8)}  ${String(valid(c)).padStart(5)}  ${name}`);
  console.log(`${pct(total).padStart(8)}  ${String(valid(total)).padStart(5)}  all (${rows.length} files)`);
}
