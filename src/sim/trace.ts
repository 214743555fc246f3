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
  try {
    return encode(value);
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
    // Encoding failed: walk again, slowly, to name the offending path.
    return encodeWithPath(value, path);
  }
}

// The fast encoder: no path bookkeeping (building a path string for every member costs more than the
// encoding itself). It throws a bare TraceError; `canonicalJson` then re-encodes with paths to say where.
function encode(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TraceError('non-finite number');
      return value === 0 ? '0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + encode(value[i] ?? null);
        return out + ']';
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort(byCodeUnit);
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        out += (first ? '' : ',') + JSON.stringify(k) + ':' + encode(v);
        first = false;
      }
      return out + '}';
    }
    default:
      throw new TraceError(`cannot encode a ${typeof value}`);
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encodeWithPath(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TraceError(`${path}: non-finite number ${String(value)}`);
      return encode(value);
    case 'string':
    case 'boolean':
      return encode(value);
    case 'object':
      if (Array.isArray(value)) {
        return '[' + value.map((v, i) => encodeWithPath(v ?? null, `${path}[${i}]`)).join(',') + ']';
      }
      return (
        '{' +
        Object.keys(value)
          .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
          .sort(byCodeUnit)
          .map(
            (k) =>
              JSON.stringify(k) + ':' + encodeWithPath((value as Record<string, unknown>)[k], `${path}.${k}`),
          )
          .join(',') +
        '}'
      );
    default:
      throw new TraceError(`${path}: cannot encode a ${typeof value}`);
  }
}

/** The history as canonical JSONL (each line ends with '\n'). */
export function traceJsonl(history: History): string {
  const lines: string[] = new Array<string>(history.length);
  for (let i = 0; i < history.length; i++) lines[i] = canonicalJson(history[i], `$[${i}]`) + '\n';
  return lines.join('');
}

export function traceHash(jsonl: string): string {
  return createHash('sha256').update(jsonl, 'utf8').digest('hex');
}
