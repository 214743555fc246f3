// RESP request decoding and reply encoding (src/real/resp.ts, resp-inline.ts).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { encodeReply, RequestDecoder, type Decoded } from '../../src/real/resp.js';
import { splitInlineArgs } from '../../src/real/resp-inline.js';

const decodeAll = (input: string | Buffer): Decoded[] =>
  new RequestDecoder().decode(typeof input === 'string' ? Buffer.from(input, 'latin1') : input);

const argvOf = (d: Decoded[]): string[][] =>
  d.flatMap((x) => (x.kind === 'command' ? [x.argv.map((a) => a.toString('latin1'))] : []));

const errorsOf = (d: Decoded[]): string[] => d.flatMap((x) => (x.kind === 'error' ? [x.message] : []));

function multibulk(argv: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${argv.length}\r\n`)];
  for (const a of argv) parts.push(Buffer.from(`$${a.length}\r\n`), Buffer.from(a), Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

/** Splits `buf` at the given cut points (any numbers; taken modulo the length). */
function chunksAt(buf: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => (buf.length === 0 ? 0 : c % buf.length)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(buf.subarray(prev, p));
    prev = p;
  }
  out.push(buf.subarray(prev));
  return out;
}

function decodeChunks(chunks: readonly Buffer[]): Decoded[] {
  const dec = new RequestDecoder();
  return chunks.flatMap((c) => dec.decode(c));
}

describe('request decoder: framing', () => {
  it('decodes pipelined multibulk and inline commands in order', () => {
    const d = decodeAll('*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\nPING\r\n*1\r\n$4\r\nPING\r\n');
    expect(argvOf(d)).toEqual([['ECHO', 'abc'], ['PING'], ['PING']]);
  });

  it('skips empty requests: *0, *-1 and blank inline lines, as redis-server does', () => {
    expect(argvOf(decodeAll('*0\r\n*-1\r\n\r\n\nPING\n'))).toEqual([['PING']]);
  });

  it('takes bulk payloads by byte length, binary-safe (CR LF inside a bulk is data)', () => {
    const d = decodeAll(
      Buffer.concat([
        Buffer.from('*1\r\n$4\r\n'),
        Buffer.from([0x0d, 0x0a, 0xff, 0x00]),
        Buffer.from('\r\n'),
      ]),
    );
    expect(d).toHaveLength(1);
    expect(d[0]?.kind === 'command' && [...(d[0].argv[0] ?? [])]).toEqual([0x0d, 0x0a, 0xff, 0x00]);
  });

  it('waits for a bulk split across many chunks without returning partial commands', () => {
    const dec = new RequestDecoder();
    expect(dec.decode(Buffer.from('*1\r\n$10\r\n01234'))).toEqual([]);
    expect(dec.decode(Buffer.from('567'))).toEqual([]);
    expect(argvOf(dec.decode(Buffer.from('89\r\n')))).toEqual([['0123456789']]);
  });

  // Texts observed from redis-server 7.0.15 on the wire for the same inputs.
  it.each([
    ['*x\r\n', 'Protocol error: invalid multibulk length'],
    ['*01\r\n', 'Protocol error: invalid multibulk length'],
    ['*+1\r\n', 'Protocol error: invalid multibulk length'],
    ['*1048577\r\n', 'Protocol error: invalid multibulk length'],
    ['*1\r\nx3\r\n', "Protocol error: expected '$', got 'x'"],
    ['*1\r\n$-1\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$ 4\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$536870913\r\n', 'Protocol error: invalid bulk length'],
    ['ping "a\r\n', 'Protocol error: unbalanced quotes in request'],
    ['echo "a"b\r\n', 'Protocol error: unbalanced quotes in request'],
    ['x'.repeat(64 * 1024 + 1), 'Protocol error: too big inline request'],
    ['*' + '1'.repeat(64 * 1024 + 1), 'Protocol error: too big mbulk count string'],
  ])('%j is a protocol error: %s', (input, message) => {
    expect(errorsOf(decodeAll(input))).toEqual([message]);
  });

  it('accepts a 512 MB bulk length (proto-max-bulk-len) and waits for the data', () => {
    expect(decodeAll('*1\r\n$536870912\r\nabc')).toEqual([]);
  });

  it('applies the unauthenticated limits (10 items, 16 KB bulks) only while unauthenticated', () => {
    const dec = new RequestDecoder();
    dec.authenticated = false;
    expect(errorsOf(dec.decode(Buffer.from('*11\r\n')))).toEqual([
      'Protocol error: unauthenticated multibulk length',
    ]);
    const dec2 = new RequestDecoder();
    dec2.authenticated = false;
    expect(errorsOf(dec2.decode(Buffer.from('*1\r\n$16385\r\n')))).toEqual([
      'Protocol error: unauthenticated bulk length',
    ]);
    expect(decodeAll('*11\r\n$16385\r\n')).toEqual([]);
  });

  it('returns nothing after a protocol error, even if valid commands follow', () => {
    const dec = new RequestDecoder();
    const d = dec.decode(Buffer.from('PING\r\n*x\r\nPING\r\n'));
    expect(d.map((x) => x.kind)).toEqual(['command', 'error']);
    expect(dec.failed).toBe(true);
    expect(dec.decode(Buffer.from('PING\r\n'))).toEqual([]);
  });
});

describe('inline argument splitting (sdssplitargs rules)', () => {
  it.each([
    ['set a b', ['set', 'a', 'b']],
    ['  set\t a   b  ', ['set', 'a', 'b']],
    ['echo "a b"', ['echo', 'a b']],
    ['echo "\\x41\\n\\t\\"" \'x\\\'y\'', ['echo', 'A\n\t"', "x'y"]],
    ["echo 'a\\nb'", ['echo', 'a\\nb']],
    ['echo ""', ['echo', '']],
    ['ab"c d"', ['abc d']],
    ['echo a\0 b', ['echo', 'a']],
  ])('%j splits into %j', (line, args) => {
    expect(splitInlineArgs(Buffer.from(line, 'latin1'))?.map((a) => a.toString('latin1'))).toEqual(args);
  });

  it.each(['"a', "'a", '"a"b', "'a'b", '"a\\"'])('%j has unbalanced quotes', (line) => {
    expect(splitInlineArgs(Buffer.from(line, 'latin1'))).toBeNull();
  });
});

describe('request decoder: properties', () => {
  test.prop([fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(), { maxLength: 12 })], { numRuns: 300 })(
    'arbitrary bytes never throw, yield at most one error (last), and chunking does not change the result',
    (bytes, cuts) => {
      const buf = Buffer.from(bytes);
      const whole = decodeAll(buf);
      const split = decodeChunks(chunksAt(buf, cuts));
      const errIdx = whole.findIndex((d) => d.kind === 'error');
      expect(errIdx === -1 || errIdx === whole.length - 1).toBe(true);
      expect(split).toEqual(whole);
    },
  );

  const argvArb = fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 6 });
  test.prop([fc.array(argvArb, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 })], { numRuns: 300 })(
    'valid multibulk frames split at random points decode to exactly the commands sent',
    (commands, cuts) => {
      const buf = Buffer.concat(commands.map(multibulk));
      const decoded = decodeChunks(chunksAt(buf, cuts));
      expect(decoded.every((d) => d.kind === 'command')).toBe(true);
      expect(decoded.map((d) => (d.kind === 'command' ? d.argv.map((a) => [...a]) : []))).toEqual(
        commands.map((argv) => argv.map((a) => [...a])),
      );
    },
  );

  const hex = (b: number): string => '\\x' + b.toString(16).padStart(2, '0');
  test.prop([fc.array(argvArb, { maxLength: 6 })], { numRuns: 200 })(
    'inline commands with every byte \\x-escaped in double quotes decode to the original bytes',
    (commands) => {
      const text = commands
        .map((argv) => argv.map((a) => `"${[...a].map(hex).join('')}"`).join(' ') + '\r\n')
        .join('');
      const decoded = decodeAll(Buffer.from(text, 'latin1'));
      expect(decoded.map((d) => (d.kind === 'command' ? d.argv.map((a) => [...a]) : []))).toEqual(
        commands.map((argv) => argv.map((a) => [...a])),
      );
    },
  );
});

describe('reply encoder', () => {
  const enc = (r: Parameters<typeof encodeReply>[0], p: 2 | 3): string => encodeReply(r, p).toString('utf8');

  it('bulk lengths are byte lengths, not string lengths', () => {
    expect(enc({ kind: 'bulk', value: 'é€' }, 2)).toBe('$5\r\né€\r\n');
  });

  it('null is $-1 (or *-1 for arrays) under RESP2 and _ under RESP3', () => {
    expect(enc({ kind: 'null' }, 2)).toBe('$-1\r\n');
    expect(enc({ kind: 'null', array: true }, 2)).toBe('*-1\r\n');
    expect(enc({ kind: 'null', array: true }, 3)).toBe('_\r\n');
  });

  it('a map is a flat array under RESP2 and a % map under RESP3', () => {
    const m = {
      kind: 'map',
      entries: [
        ['ip', { kind: 'bulk', value: '127.0.0.1' }],
        ['port', { kind: 'int', value: 6379 }],
      ],
    } as const;
    expect(enc(m, 2)).toBe('*4\r\n$2\r\nip\r\n$9\r\n127.0.0.1\r\n$4\r\nport\r\n:6379\r\n');
    expect(enc(m, 3)).toBe('%2\r\n$2\r\nip\r\n$9\r\n127.0.0.1\r\n$4\r\nport\r\n:6379\r\n');
  });

  it('a push is > under RESP3 and an array under RESP2; nested maps follow the protocol', () => {
    const p = {
      kind: 'push',
      items: [
        { kind: 'bulk', value: 'message' },
        { kind: 'map', entries: [] },
      ],
    } as const;
    expect(enc(p, 3)).toBe('>2\r\n$7\r\nmessage\r\n%0\r\n');
    expect(enc(p, 2)).toBe('*2\r\n$7\r\nmessage\r\n*0\r\n');
  });

  it('status and error lines cannot carry CR/LF; errors keep their code prefix', () => {
    expect(enc({ kind: 'status', text: 'a\r\nb' }, 2)).toBe('+a  b\r\n');
    expect(enc({ kind: 'error', text: 'LOADING Redis is loading' }, 3)).toBe('-LOADING Redis is loading\r\n');
  });

  it('rejects a non-integer int reply', () => {
    expect(() => enc({ kind: 'int', value: 1.5 }, 2)).toThrow(RangeError);
  });
});
