// Small HTML building blocks for the report page: escaping, legends, tables, the stylesheet.
import type { Verdict } from '../check/verdict.js';
import { messageColors } from './lamport.js';
import {
  eventColors,
  eventLabels,
  faultColor,
  outcomeColors,
  stateColors,
  type EventCategory,
} from './palette.js';
import type { DurationStats } from './distribution.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const swatch = (color: string, label: string, shape: 'box' | 'dot' | 'line' = 'box'): string =>
  `<span class="sw"><i class="${shape}" style="background:${color}"></i>${escapeHtml(label)}</span>`;

export function timelineLegend(): string {
  const groups: [string, string[]][] = [
    ['Redis role', ['master', 'replica', 'down', 'paused', 'unknown'].map((s) => swatch(stateColors[s]!, s))],
    ['Client operations', (['ok', 'fail', 'unknown'] as const).map((o) => swatch(outcomeColors[o], o))],
    [
      'Sentinel events',
      (Object.keys(eventColors) as EventCategory[]).map((c) => swatch(eventColors[c], eventLabels[c], 'dot')),
    ],
    [
      'Other',
      [
        swatch(faultColor, 'fault period (shaded)'),
        '<span class="sw">▸redis-2 = master the Sentinel reports</span>',
        '<span class="sw"><i class="dot ring"></i>several events at once (hover lists them)</span>',
      ],
    ],
  ];
  return legend(groups);
}

export function lamportLegend(): string {
  const labels: [keyof typeof messageColors, string][] = [
    ['periodic', 'PING / INFO and replies'],
    ['hello', 'hello'],
    ['vote', 'is-master-down-by-addr / vote reply'],
    ['reconfigure', 'SLAVEOF / REPLICAOF'],
    ['other', 'other'],
    ['lost', 'lost (sent, never received)'],
  ];
  return legend([['Messages', labels.map(([k, l]) => swatch(messageColors[k], l, 'line'))]]);
}

function legend(groups: readonly [string, readonly string[]][]): string {
  return `<div class="legend">${groups
    .map(([title, items]) => `<div><b>${escapeHtml(title)}</b> ${items.join(' ')}</div>`)
    .join('')}</div>`;
}

export function verdictTable(verdicts: readonly Verdict[]): string {
  if (verdicts.length === 0) return '<p class="note">No verdicts were recorded for this run.</p>';
  const rows = verdicts.map((v) => {
    const cls = v.ok ? 'ok' : 'bad';
    const evidence = JSON.stringify(v.evidence, null, 1);
    return (
      `<tr class="${cls}"><td>${escapeHtml(v.invariant)}</td><td>${escapeHtml(v.expected)}</td>` +
      `<td>${escapeHtml(String(v.valid))}</td><td class="res">${v.ok ? '✔ ok' : '✘ NOT OK'}</td>` +
      `<td>${escapeHtml(v.detail)}<details><summary>evidence</summary><pre>${escapeHtml(evidence)}</pre></details></td></tr>`
    );
  });
  return (
    '<table class="verdicts"><thead><tr><th>invariant</th><th>expected</th><th>valid</th><th>ok</th><th>detail</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

export function statsTable(s: DurationStats, budgetMs: number): string {
  const f = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(3)} s` : '—');
  const cells: [string, string][] = [
    ['failovers', String(s.count)],
    ['p50', f(s.p50Ms)],
    ['p90', f(s.p90Ms)],
    ['p99', f(s.p99Ms)],
    ['max', f(s.maxMs)],
    ['budget', f(budgetMs)],
    ['within budget', Number.isFinite(s.withinBudget) ? `${(s.withinBudget * 100).toFixed(1)}%` : '—'],
  ];
  return `<table class="kv">${cells.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>`;
}

export const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d1d1f; background: #f6f7f9; }
header { background: #20242c; color: #fff; padding: 14px 24px; display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
header h1 { font-size: 20px; margin: 0; font-weight: 600; }
header .meta { color: #c9d1d9; font-size: 13px; }
.badge { padding: 2px 10px; border-radius: 10px; font-weight: 700; font-size: 13px; }
.badge.ok { background: #2f9e44; } .badge.bad { background: #e03131; } .badge.none { background: #868e96; }
main { padding: 12px 24px 40px; max-width: 1280px; }
section { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 12px 16px; margin: 14px 0; }
h2 { font-size: 16px; margin: 4px 0 10px; } h3 { font-size: 14px; margin: 12px 0 6px; }
.chart { overflow-x: auto; margin: 6px 0; }
.chart figure { margin: 0; }
.row { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.note { color: #555; font-size: 13px; margin: 4px 0; }
.legend { font-size: 12px; display: flex; flex-direction: column; gap: 3px; margin: 4px 0 8px; }
.sw { display: inline-flex; align-items: center; gap: 4px; margin-right: 10px; white-space: nowrap; }
.sw i { display: inline-block; width: 14px; height: 10px; border: 1px solid #0002; }
.sw i.dot { width: 10px; height: 10px; border-radius: 50%; }
.sw i.line { width: 18px; height: 3px; border: 0; }
.sw i.ring { width: 11px; height: 11px; background: #ccc; border: 1px solid #222; }
table { border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #e6e8eb; vertical-align: top; }
table.verdicts { width: 100%; }
tr.ok td.res { color: #2b8a3e; font-weight: 600; } tr.bad td.res { color: #c92a2a; font-weight: 700; }
tr.bad { background: #fff5f5; }
table.kv th { color: #555; font-weight: 500; }
pre { background: #f3f4f6; padding: 8px; border-radius: 4px; overflow-x: auto; font-size: 12px; margin: 4px 0; }
code { background: #f3f4f6; padding: 1px 4px; border-radius: 3px; }
details summary { cursor: pointer; color: #555; font-size: 12px; }
table.events td { font-size: 12px; padding: 2px 8px; }
footer { color: #777; font-size: 12px; padding: 0 24px 24px; }
`;

export interface ListedEvent {
  readonly atMs: number;
  readonly node: string;
  readonly type: string;
  readonly message: string;
}

/** The Sentinel events of one window as a collapsed, searchable table (exact text, §13.2 formats). */
export function eventList(events: readonly ListedEvent[]): string {
  if (events.length === 0) return '';
  const rows = events.map(
    (e) =>
      `<tr><td>${(e.atMs / 1000).toFixed(3)} s</td><td>${escapeHtml(e.node)}</td>` +
      `<td><code>${escapeHtml(e.type)}</code></td><td>${escapeHtml(e.message)}</td></tr>`,
  );
  return (
    `<details><summary>Sentinel events in this window (${events.length})</summary>` +
    `<table class="events"><thead><tr><th>time</th><th>sentinel</th><th>event</th><th>message</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></details>`
  );
}
