// Redis-style glob matching (`stringmatch`): `*`, `?`, `[...]` with ranges and `^` negation, `\` escapes.
// Used by SENTINEL RESET and SENTINEL CONFIG GET.

export function globMatch(pattern: string, text: string, noCase: boolean): boolean {
  const p = noCase ? pattern.toLowerCase() : pattern;
  const s = noCase ? text.toLowerCase() : text;
  return matchFrom(p, 0, s, 0, 0);
}

const MAX_NESTING = 1000;

function matchFrom(p: string, pi: number, s: string, si: number, depth: number): boolean {
  if (depth > MAX_NESTING) return false;
  while (pi < p.length) {
    const c = p[pi]!;
    if (c === '*') {
      while (p[pi + 1] === '*') pi++;
      if (pi + 1 === p.length) return true;
      for (let k = si; k <= s.length; k++) if (matchFrom(p, pi + 1, s, k, depth + 1)) return true;
      return false;
    }
    if (si >= s.length) return false;
    if (c === '?') {
      pi++;
      si++;
      continue;
    }
    if (c === '[') {
      const r = matchClass(p, pi + 1, s[si]!);
      if (!r.matched) return false;
      pi = r.next;
      si++;
      continue;
    }
    let lit = c;
    if (c === '\\' && pi + 1 < p.length) {
      pi++;
      lit = p[pi]!;
    }
    if (lit !== s[si]) return false;
    pi++;
    si++;
  }
  return si === s.length;
}

function matchClass(p: string, start: number, ch: string): { matched: boolean; next: number } {
  let i = start;
  const negate = p[i] === '^';
  if (negate) i++;
  let found = false;
  while (i < p.length && p[i] !== ']') {
    if (p[i] === '\\' && i + 1 < p.length) {
      i++;
      if (p[i] === ch) found = true;
    } else if (p[i + 1] === '-' && i + 2 < p.length && p[i + 2] !== ']') {
      let lo = p[i]!;
      let hi = p[i + 2]!;
      if (lo > hi) [lo, hi] = [hi, lo];
      if (ch >= lo && ch <= hi) found = true;
      i += 2;
    } else if (p[i] === ch) found = true;
    i++;
  }
  return { matched: negate ? !found : found, next: Math.min(i + 1, p.length) };
}
