// Glob matching for PSUBSCRIBE patterns, with Redis's pattern language (stringmatchlen semantics):
//   *        any sequence, including empty
//   ?        any one character
//   [abc]    one of the listed characters; [^abc] none of them; [a-z] a range (reversed ranges work)
//   \c       the character c literally (also inside brackets)
// An unterminated bracket extends to the end of the pattern, as in Redis.
type Token =
  | { readonly kind: 'star' }
  | { readonly kind: 'any' }
  | { readonly kind: 'lit'; readonly ch: string }
  | { readonly kind: 'class'; readonly negate: boolean; readonly test: (ch: string) => boolean };

function parseClass(pattern: string, start: number): { token: Token; next: number } {
  let i = start;
  const negate = pattern[i] === '^';
  if (negate) i += 1;
  const singles = new Set<string>();
  const ranges: [string, string][] = [];
  while (i < pattern.length && pattern[i] !== ']') {
    let ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) {
      ch = pattern[i + 1] as string;
      singles.add(ch);
      i += 2;
      continue;
    }
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      const a = ch;
      const b = pattern[i + 2] as string;
      ranges.push(a <= b ? [a, b] : [b, a]);
      i += 3;
      continue;
    }
    singles.add(ch);
    i += 1;
  }
  const test = (c: string): boolean => singles.has(c) || ranges.some(([lo, hi]) => c >= lo && c <= hi);
  return { token: { kind: 'class', negate, test }, next: i + 1 };
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
      i += 1;
    } else if (ch === '?') {
      tokens.push({ kind: 'any' });
      i += 1;
    } else if (ch === '[') {
      const { token, next } = parseClass(pattern, i + 1);
      tokens.push(token);
      i = next;
    } else if (ch === '\\' && i + 1 < pattern.length) {
      tokens.push({ kind: 'lit', ch: pattern[i + 1] as string });
      i += 2;
    } else {
      tokens.push({ kind: 'lit', ch });
      i += 1;
    }
  }
  return tokens;
}

function matchesOne(token: Token, ch: string): boolean {
  switch (token.kind) {
    case 'any':
      return true;
    case 'lit':
      return token.ch === ch;
    case 'class':
      return token.test(ch) !== token.negate;
    case 'star':
      return false;
  }
}

/** True when `text` matches the Redis glob `pattern`. Linear backtracking over the last star. */
export function globMatch(pattern: string, text: string): boolean {
  const tokens = tokenize(pattern);
  let t = 0;
  let s = 0;
  let starT = -1;
  let starS = 0;
  while (s < text.length) {
    const token = tokens[t];
    if (token?.kind === 'star') {
      starT = t;
      starS = s;
      t += 1;
    } else if (token !== undefined && matchesOne(token, text[s] as string)) {
      t += 1;
      s += 1;
    } else if (starT >= 0) {
      t = starT + 1;
      starS += 1;
      s = starS;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === 'star') t += 1;
  return t === tokens.length;
}
