import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, TraceError, traceHash, traceJsonl } from '../../src/sim/trace.js';

describe('canonical trace', () => {
  it('key order does not change the encoding; values do', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });

  it('writes -0 as 0, drops undefined members and rejects non-finite numbers', () => {
    expect(canonicalJson({ b: -0, a: undefined, c: [1.5, 'x'] })).toBe('{"b":0,"c":[1.5,"x"]}');
    expect(() => canonicalJson({ x: [NaN] })).toThrow(TraceError);
    expect(() => canonicalJson({ x: Infinity })).toThrow(/\$\.x/);
  });

  it('the trace hash is the SHA-256 of the JSONL and changes with any record', () => {
    const h1 = [{ trueMs: 0, localMs: null, node: 'nemesis', payload: { kind: 'healed' } }] as const;
    const h2 = [{ trueMs: 1, localMs: null, node: 'nemesis', payload: { kind: 'healed' } }] as const;
    const j1 = traceJsonl(h1);
    expect(j1).toBe('{"localMs":null,"node":"nemesis","payload":{"kind":"healed"},"trueMs":0}\n');
    expect(traceHash(j1)).toMatch(/^[0-9a-f]{64}$/);
    expect(traceHash(j1)).not.toBe(traceHash(traceJsonl(h2)));
  });
});
