// Lexing of Redis configuration lines (the rules redis-server applies to redis.conf and sentinel.conf).
//
// Facts reproduced here (not code): a line is trimmed of spaces, tabs, CR and LF; an empty line or one
// whose first character is `#` is a comment (a `#` later in the line is an ordinary character). The rest
// is split into arguments on whitespace. A double-quoted argument understands `\xHH` (two hex digits,
// one byte), `\n`, `\r`, `\t`, `\b`, `\a` and `\<any>` (that character). A single-quoted argument is
// literal except for `\'`. A quote may open in the middle of an argument (`ab"c d"` is `abc d`), but a
// closing quote must be followed by whitespace or the end of the line. Arguments are bytes; we decode
// them as UTF-8 so that a value written with `\x` escapes comes back as the same string.

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8');

/** Trim the characters Redis trims from a configuration line. */
export function trimConfigLine(line: string): string {
  return line.replace(/^[ \t\r\n]+/, '').replace(/[ \t\r\n]+$/, '');
}

/** True for a line the loader skips: empty after trimming, or starting with `#`. */
export function isCommentOrBlank(trimmed: string): boolean {
  return trimmed === '' || trimmed.startsWith('#');
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\v' || ch === '\f';
}

function hexValue(ch: string | undefined): number | null {
  if (ch === undefined || !/^[0-9a-fA-F]$/.test(ch)) return null;
  return parseInt(ch, 16);
}

const ESCAPES: Readonly<Record<string, number>> = { n: 10, r: 13, t: 9, b: 8, a: 7 };

function pushChar(bytes: number[], ch: string): void {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code < 0x80)
    bytes.push(code); // ASCII: one byte, no encoder call
  else for (const b of textEncoder.encode(ch)) bytes.push(b);
}

/** ASCII without quote characters: every argument is a bare word, bytes equal characters. */
// eslint-disable-next-line no-control-regex -- control characters are plain bytes in a config line
const PLAIN_ASCII = /^[\x00-\x21\x23-\x26\x28-\x7f]*$/;
const SPACES = /[ \n\r\t\v\f]+/;

/**
 * Split one (trimmed, non-comment) line into arguments. Returns null when quotes are unbalanced or a
 * closing quote is followed by something other than whitespace, as Redis does ("Unbalanced quotes").
 */
export function splitConfigArgs(line: string): string[] | null {
  // The usual line (sentinel.conf as written by a rewrite) needs no quote or escape handling: split
  // on whitespace. It gives what the byte-level loop below gives for such a line.
  if (PLAIN_ASCII.test(line)) return line.split(SPACES).filter((a) => a !== '');
  const args: string[] = [];
  const chars = Array.from(line);
  let i = 0;
  while (true) {
    while (i < chars.length && isSpace(chars[i]!)) i++;
    if (i >= chars.length) return args;
    const bytes: number[] = [];
    let mode: 'plain' | 'double' | 'single' = 'plain';
    let done = false;
    while (!done) {
      const ch = chars[i];
      if (mode === 'double') {
        if (ch === undefined) return null;
        const h1 = hexValue(chars[i + 2]);
        const h2 = hexValue(chars[i + 3]);
        if (ch === '\\' && chars[i + 1] === 'x' && h1 !== null && h2 !== null) {
          bytes.push(h1 * 16 + h2);
          i += 3;
        } else if (ch === '\\' && chars[i + 1] !== undefined) {
          const next = chars[i + 1]!;
          const code = ESCAPES[next];
          if (code !== undefined) bytes.push(code);
          else pushChar(bytes, next);
          i++;
        } else if (ch === '"') {
          if (chars[i + 1] !== undefined && !isSpace(chars[i + 1]!)) return null;
          done = true;
        } else {
          pushChar(bytes, ch);
        }
      } else if (mode === 'single') {
        if (ch === undefined) return null;
        if (ch === '\\' && chars[i + 1] === "'") {
          bytes.push(39);
          i++;
        } else if (ch === "'") {
          if (chars[i + 1] !== undefined && !isSpace(chars[i + 1]!)) return null;
          done = true;
        } else {
          pushChar(bytes, ch);
        }
      } else if (ch === undefined || isSpace(ch)) {
        done = true;
      } else if (ch === '"') {
        mode = 'double';
      } else if (ch === "'") {
        mode = 'single';
      } else {
        pushChar(bytes, ch);
      }
      if (i < chars.length) i++;
    }
    args.push(textDecoder.decode(new Uint8Array(bytes)));
  }
}

/** Does `arg` survive an unquoted round trip through `splitConfigArgs`? */
function isBareSafe(arg: string): boolean {
  return arg !== '' && /^[\x21-\x7e]+$/.test(arg) && !/["']/.test(arg);
}

/**
 * Quote a string the way Redis' "repr" does: double quotes; `\\`, `\"`, `\n`, `\r`, `\t`, `\a`, `\b`
 * escaped; other bytes outside printable ASCII as `\xhh` (lower-case hex).
 */
export function reprConfigArg(arg: string): string {
  let out = '"';
  for (const b of textEncoder.encode(arg)) {
    const ch = String.fromCharCode(b);
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (b === 10) out += '\\n';
    else if (b === 13) out += '\\r';
    else if (b === 9) out += '\\t';
    else if (b === 7) out += '\\a';
    else if (b === 8) out += '\\b';
    else if (b >= 0x20 && b <= 0x7e) out += ch;
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

/** Write an argument bare when that is lossless, quoted otherwise. */
export function formatConfigArg(arg: string): string {
  return isBareSafe(arg) ? arg : reprConfigArg(arg);
}
