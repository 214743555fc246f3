// Splitting an inline command line into arguments, with the quoting rules of redis-server's
// sdssplitargs (observed behaviour, reimplemented):
//  - arguments are separated by whitespace (space, \t, \n, \v, \f, \r); a NUL byte ends the line
//    (Redis reads the line as a C string);
//  - "double quotes" allow escapes \xHH (two hex digits) and \n \r \t \b \a, and `\c` for any other c
//    yields c;
//  - 'single quotes' allow only \' as an escape;
//  - a quote may start mid-argument (ab"c d" is one argument "abc d");
//  - a closing quote must be followed by whitespace or the end of the line, and every quote must close;
//    otherwise the whole line is invalid (null).
const SPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
const DQ = 0x22;
const SQ = 0x27;
const BACKSLASH = 0x5c;
const SIMPLE_ESCAPES: ReadonlyMap<number, number> = new Map([
  [0x6e, 0x0a], // n
  [0x72, 0x0d], // r
  [0x74, 0x09], // t
  [0x62, 0x08], // b
  [0x61, 0x07], // a
]);

function hexValue(byte: number | undefined): number | null {
  if (byte === undefined) return null;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return null;
}

/** Reads a double-quoted section starting after the opening quote; returns the index after the close. */
function readDoubleQuoted(line: Buffer, start: number, out: number[]): number | null {
  let i = start;
  while (i < line.length) {
    const c = line[i] as number;
    if (c === BACKSLASH && line[i + 1] === 0x78) {
      const hi = hexValue(line[i + 2]);
      const lo = hexValue(line[i + 3]);
      if (hi !== null && lo !== null) {
        out.push(hi * 16 + lo);
        i += 4;
        continue;
      }
    }
    if (c === BACKSLASH && i + 1 < line.length) {
      const next = line[i + 1] as number;
      out.push(SIMPLE_ESCAPES.get(next) ?? next);
      i += 2;
      continue;
    }
    if (c === DQ) return i + 1;
    out.push(c);
    i += 1;
  }
  return null; // unterminated
}

/** Reads a single-quoted section starting after the opening quote; returns the index after the close. */
function readSingleQuoted(line: Buffer, start: number, out: number[]): number | null {
  let i = start;
  while (i < line.length) {
    const c = line[i] as number;
    if (c === BACKSLASH && line[i + 1] === SQ) {
      out.push(SQ);
      i += 2;
      continue;
    }
    if (c === SQ) return i + 1;
    out.push(c);
    i += 1;
  }
  return null;
}

/** Splits one inline line; null when its quotes are unbalanced. */
export function splitInlineArgs(whole: Buffer): Buffer[] | null {
  const nul = whole.indexOf(0);
  const line = nul < 0 ? whole : whole.subarray(0, nul);
  const args: Buffer[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && SPACE.has(line[i] as number)) i += 1;
    if (i >= line.length) return args;
    const current: number[] = [];
    while (i < line.length && !SPACE.has(line[i] as number)) {
      const c = line[i] as number;
      if (c !== DQ && c !== SQ) {
        current.push(c);
        i += 1;
        continue;
      }
      const after =
        c === DQ ? readDoubleQuoted(line, i + 1, current) : readSingleQuoted(line, i + 1, current);
      if (after === null) return null;
      // The closing quote must end the argument.
      if (after < line.length && !SPACE.has(line[after] as number)) return null;
      i = after;
    }
    args.push(Buffer.from(current));
  }
}
