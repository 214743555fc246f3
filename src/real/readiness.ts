// Readiness probes: a process counts as started only when it answers its protocol, not when it was
// spawned. Each probe makes one attempt with a short deadline; procs.ts polls it until a budget runs out.
import { connect } from 'node:net';

export type Readiness =
  /** Redis or Sentinel: `PING` must answer `+PONG` (after `AUTH` when a password is set). */
  | {
      readonly kind: 'redis-ping';
      readonly host: string;
      readonly port: number;
      readonly password?: string;
    }
  /** An HTTP endpoint (Toxiproxy: GET /version) must answer 200. */
  | { readonly kind: 'http-get'; readonly url: string }
  /** No probe: ready as soon as it is spawned. */
  | { readonly kind: 'none' };

function assertNever(x: never): never {
  throw new Error(`unexpected readiness ${JSON.stringify(x)}`);
}

/** One probe attempt; resolves true when the process answered as expected within attemptMs. */
export function probeOnce(readiness: Readiness, attemptMs = 500): Promise<boolean> {
  switch (readiness.kind) {
    case 'redis-ping':
      return redisPing(readiness.host, readiness.port, readiness.password, attemptMs);
    case 'http-get':
      return httpOk(readiness.url, attemptMs);
    case 'none':
      return Promise.resolve(true);
    default:
      return assertNever(readiness);
  }
}

/** Sends inline PING (and AUTH first if asked) and waits for the PING's reply line. */
export function redisPing(
  host: string,
  port: number,
  password: string | undefined,
  attemptMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    let buffered = '';
    const expectedLines = password === undefined ? 1 : 2;
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      sock.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), attemptMs);
    sock.setEncoding('utf8');
    sock.on('error', () => done(false));
    sock.on('close', () => done(false));
    sock.on('connect', () => {
      const auth = password === undefined ? [] : [encodeCommand(['AUTH', password])];
      sock.write(auth.join('') + encodeCommand(['PING']));
    });
    sock.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\r\n');
      if (lines.length <= expectedLines) return;
      done(lines[expectedLines - 1] === '+PONG');
    });
  });
}

function encodeCommand(argv: readonly string[]): string {
  return `*${argv.length}\r\n` + argv.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('');
}

async function httpOk(url: string, attemptMs: number): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(attemptMs) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}
