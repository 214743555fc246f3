// `sentinel-lab sentinel <sentinel.conf>`: one engine sentinel as a standalone server, started from the
// same sentinel.conf format redis-sentinel reads and rewriting it as redis-sentinel does. Binds
// 127.0.0.1 unless the file has `bind`. Exit 2 (one line on stderr) when the file is unreadable, not
// writable, malformed, or the port cannot be bound; SIGINT/SIGTERM stop it cleanly (exit 0);
// SENTINEL SIMULATE-FAILURE exits with the engine's code.
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { ConfError } from '../engine/conf.js';
import { labCommand, SkewableClock } from '../real/lab-control.js';
import { SentinelRuntime, type AddressBook, type RuntimeOptions } from '../real/runtime.js';

/** A startup failure of the sentinel command: its message is the one line the user sees. */
export class SentinelStartError extends Error {
  constructor(
    readonly code:
      | 'SENTINEL_CONF_UNREADABLE'
      | 'SENTINEL_CONF_UNWRITABLE'
      | 'SENTINEL_CONF_INVALID'
      | 'SENTINEL_LISTEN'
      | 'SENTINEL_ADDRESS_BOOK',
    message: string,
  ) {
    super(message);
  }
}

function readConf(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new SentinelStartError('SENTINEL_CONF_UNREADABLE', `cannot read ${path}: ${(e as Error).message}`);
  }
}

/** Sentinel refuses to run without a config it can rewrite; the temp file needs the directory too. */
function checkWritable(path: string): void {
  for (const target of [path, dirname(resolve(path))]) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw new SentinelStartError(
        'SENTINEL_CONF_UNWRITABLE',
        `Sentinel config file ${path} is not writable (${target === path ? 'file' : 'its directory'}); ` +
          'Sentinel needs a writable config file to save its state',
      );
    }
  }
}

/** Harness-only options (hidden from --help): see lab-control.ts and harness/engine-links.ts. */
export interface LabOptions {
  /** JSON file `{"host:port": "host:port"}`: the endpoint dialled for each logical address. */
  readonly addressBook?: string;
  /** Serve `SENTINEL-LAB CLOCK ...` on a skewable clock. */
  readonly labControl?: boolean;
}

const ADDR = /^[^\s:]+:\d{1,5}$/;

/** Reads an address-book file; a malformed one is a startup error naming the offending entry. */
export function readAddressBook(path: string): AddressBook {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SentinelStartError('SENTINEL_ADDRESS_BOOK', `--address-book ${path}: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SentinelStartError('SENTINEL_ADDRESS_BOOK', `--address-book ${path}: not a JSON object`);
  }
  const map = new Map<string, { host: string; port: number }>();
  for (const [from, to] of Object.entries(raw)) {
    if (!ADDR.test(from) || typeof to !== 'string' || !ADDR.test(to)) {
      throw new SentinelStartError(
        'SENTINEL_ADDRESS_BOOK',
        `--address-book ${path}: entry '${from}': want "host:port": "host:port"`,
      );
    }
    const i = to.lastIndexOf(':');
    map.set(from, { host: to.slice(0, i), port: Number(to.slice(i + 1)) });
  }
  return { endpoint: (addr) => map.get(`${addr.host}:${addr.port}`) ?? addr };
}

function labRuntimeOptions(lab: LabOptions): Partial<RuntimeOptions> {
  const out: {
    addressBook?: AddressBook;
    clock?: SkewableClock;
    extraCommands?: RuntimeOptions['extraCommands'];
  } = {};
  if (lab.addressBook !== undefined) out.addressBook = readAddressBook(lab.addressBook);
  if (lab.labControl === true) {
    const clock = new SkewableClock();
    out.clock = clock;
    out.extraCommands = new Map([['sentinel-lab', (argv: readonly string[]) => labCommand(clock, argv)]]);
  }
  return out;
}

/** Starts the sentinel; resolves with the running runtime (the process keeps running on its sockets). */
export async function startSentinelFromFile(
  path: string,
  out: (line: string) => void = (l) => process.stdout.write(l + '\n'),
  onExit: (code: number) => void = (code) => process.exit(code),
  lab: LabOptions = {},
): Promise<SentinelRuntime> {
  const text = readConf(path);
  checkWritable(path);
  const labOptions = labRuntimeOptions(lab);
  let rt: SentinelRuntime;
  try {
    rt = await SentinelRuntime.start({
      confText: text,
      confPath: path,
      confFileName: path,
      log: out,
      onExit: (code) => void rt.stop().then(() => onExit(code)),
      ...labOptions,
    });
  } catch (e) {
    if (e instanceof ConfError) throw new SentinelStartError('SENTINEL_CONF_INVALID', e.message);
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE' || err.code === 'EADDRNOTAVAIL' || err.code === 'EACCES') {
      throw new SentinelStartError('SENTINEL_LISTEN', `cannot listen: ${err.message}`);
    }
    throw e;
  }
  out(`sentinel-lab sentinel: Running mode=sentinel, port=${rt.address.port}, bind=${rt.address.host}.`);
  return rt;
}

/** The command's whole life: start, then stop cleanly on SIGINT/SIGTERM. */
export async function runSentinelCommand(path: string, lab: LabOptions = {}): Promise<void> {
  let rt: SentinelRuntime;
  try {
    rt = await startSentinelFromFile(path, undefined, undefined, lab);
  } catch (e) {
    const message = e instanceof SentinelStartError ? e.message : `internal error: ${(e as Error).message}`;
    process.stderr.write(`sentinel-lab: ${message.split('\n')[0]}\n`);
    process.exit(e instanceof SentinelStartError ? 2 : 1);
  }
  const shutdown = (signal: string): void => {
    process.stdout.write(`sentinel-lab sentinel: received ${signal}, shutting down\n`);
    void rt.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

export function registerSentinel(program: Command): void {
  program
    .command('sentinel')
    .description('run one engine sentinel as a server, from a sentinel.conf (like redis-sentinel)')
    .argument('<sentinel.conf>', 'config file; it must be writable (Sentinel rewrites it)')
    .addOption(new Option('--address-book <file>', 'harness: logical address → endpoint map').hideHelp())
    .addOption(new Option('--lab-control', 'harness: serve SENTINEL-LAB (clock faults)').hideHelp())
    .action((path: string, opts: LabOptions) => runSentinelCommand(path, opts));
}
