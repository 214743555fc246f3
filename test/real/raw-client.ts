// A deliberately dumb RESP client for tests: it sends commands and accumulates raw reply text, so a
// test can see exactly what arrived (or that nothing did) and whether the connection closed.
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export class RawClient {
  received = '';
  closed = false;
  error: NodeJS.ErrnoException | null = null;

  private constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (this.received += d));
    socket.on('close', () => (this.closed = true));
    socket.on('error', (e: NodeJS.ErrnoException) => (this.error = e));
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ host, port });
      s.once('connect', () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  send(...argv: string[]): void {
    this.socket.write(
      `*${argv.length}\r\n` + argv.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join(''),
    );
  }

  sendRaw(text: string | Buffer): void {
    this.socket.write(text);
  }

  /** Waits until `received` contains `needle` (resolves true) or `budgetMs` passes (false). */
  async waitFor(needle: string, budgetMs: number): Promise<boolean> {
    const deadline = Date.now() + budgetMs;
    while (Date.now() < deadline) {
      if (this.received.includes(needle)) return true;
      await sleep(10);
    }
    return this.received.includes(needle);
  }

  async waitClosed(budgetMs: number): Promise<boolean> {
    const deadline = Date.now() + budgetMs;
    while (Date.now() < deadline && !this.closed) await sleep(10);
    return this.closed;
  }

  take(): string {
    const r = this.received;
    this.received = '';
    return r;
  }

  close(): void {
    this.socket.destroy();
  }
}
