// The determinism self-check: a run executed twice (in two threads or processes) must give the same
// trace, byte for byte. A mismatch names the first differing line of the two traces.
export interface TraceMismatch {
  readonly label: string;
  /** 1-based line number of the first difference. */
  readonly line: number;
  readonly first: string | null;
  readonly second: string | null;
}

export function firstDifference(label: string, a: string, b: string): TraceMismatch | null {
  if (a === b) return null;
  const la = a.split('\n');
  const lb = b.split('\n');
  const n = Math.max(la.length, lb.length);
  for (let i = 0; i < n; i++) {
    if (la[i] !== lb[i]) return { label, line: i + 1, first: la[i] ?? null, second: lb[i] ?? null };
  }
  return { label, line: n, first: null, second: null };
}

export function describeMismatch(m: TraceMismatch): string {
  const clip = (s: string | null): string => (s === null ? '(end of trace)' : s.slice(0, 300));
  return `${m.label}: traces differ at line ${m.line}\n  first:  ${clip(m.first)}\n  second: ${clip(m.second)}`;
}
