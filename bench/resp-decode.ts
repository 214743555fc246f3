// Throughput of the RESP request decoder and reply encoder (src/real/resp.ts): pipelined SENTINEL-like
// commands fed in 16 KB chunks, and a Sentinel-sized map reply encoded under RESP2 and RESP3.
// Run: node bin/build.js && node dist/bench/resp-decode.js
import type { Reply } from '../src/engine/io.js';
import { encodeReply, RequestDecoder } from '../src/real/resp.js';

function frame(argv: readonly string[]): string {
  return `*${argv.length}\r\n` + argv.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('');
}

function benchDecode(commands: number): { commandsPerSec: number; mbPerSec: number } {
  const one = frame(['SENTINEL', 'is-master-down-by-addr', '127.0.0.1', '6379', '42', '*']);
  const input = Buffer.from(one.repeat(commands));
  const chunkBytes = 16 * 1024;
  const t0 = performance.now();
  const dec = new RequestDecoder();
  let seen = 0;
  for (let off = 0; off < input.length; off += chunkBytes) {
    dec.push(input.subarray(off, off + chunkBytes));
    while (dec.next() !== null) seen += 1;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (seen !== commands) throw new Error(`decoded ${seen} of ${commands}`);
  return {
    commandsPerSec: Math.round(commands / seconds),
    mbPerSec: +(input.length / 1e6 / seconds).toFixed(1),
  };
}

function benchEncode(replies: number): Record<string, number> {
  const fields = [
    'name',
    'ip',
    'port',
    'runid',
    'flags',
    'link-pending-commands',
    'last-ping-sent',
    'quorum',
  ];
  const instance: Reply = {
    kind: 'map',
    entries: fields.map((f) => [f, { kind: 'bulk', value: `value-of-${f}` }]),
  };
  const reply: Reply = { kind: 'array', items: [instance, instance, instance] };
  const out: Record<string, number> = {};
  for (const proto of [2, 3] as const) {
    const t0 = performance.now();
    for (let i = 0; i < replies; i++) encodeReply(reply, proto);
    out[`resp${proto}RepliesPerSec`] = Math.round(replies / ((performance.now() - t0) / 1000));
  }
  return out;
}

console.log(
  JSON.stringify({ bench: 'resp', decode: benchDecode(200_000), encode: benchEncode(50_000) }, null, 2),
);
