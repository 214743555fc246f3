// The trace: a history as canonical JSONL, and its SHA-256, the trace hash (ARCHITECTURE.md,
// "Determinism"). Canonical means: one record per line, object keys sorted by code unit, no
// whitespace, `undefined` members dropped, numbers in JavaScript's shortest round-trip form with -0
// written as 0. Non-finite numbers are a bug in the producer and throw. Same history ⇒ same bytes.
import { createHash } from 'node:crypto';
import type { History } from '../check/history.js';

export class TraceError extends Error {
  readonly code = 'TRACE_NOT_CANONICAL';
}

export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TraceError(`${path}: non-finite number ${String(value)}`);
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) {
        return '[' + value.map((v, i) => canonicalJson(v ?? null, `${path}[${i}]`)).join(',') + ']';
      }
      return canonicalObject(value as Record<string, unknown>, path);
    default:
      throw new TraceError(`${path}: cannot encode a ${typeof value}`);
  }
}

function canonicalObject(obj: Record<string, unknown>, path: string): string {
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const members = keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(obj[k], `${path}.${k}`));
  return '{' + members.join(',') + '}';
}

/** The history as canonical JSONL (each line ends with '\n'). */
export function traceJsonl(history: History): string {
  let out = '';
  for (let i = 0; i < history.length; i++) out += canonicalJson(history[i], `$[${i}]`) + '\n';
  return out;
}

export function traceHash(jsonl: string): string {
  return createHash('sha256').update(jsonl, 'utf8').digest('hex');
}
