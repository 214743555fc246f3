// Small helpers to build replies and the standard error texts.

import type { Reply } from './io.js';

export const OK: Reply = { kind: 'status', text: 'OK' };

export function err(text: string): Reply {
  return { kind: 'error', text };
}

export function errArity(name: string): Reply {
  return err(`ERR wrong number of arguments for '${name}' command`);
}

export const ERR_NOT_INTEGER = err('ERR value is not an integer or out of range');
export const ERR_NO_SUCH_MASTER = err('ERR No such master with that name');

export function bulkArray(values: readonly string[]): Reply {
  return { kind: 'array', items: values.map((value) => ({ kind: 'bulk', value })) };
}

/** `getLongLongFromObject`: a decimal integer with optional sign, no spaces, within 64-bit range. */
export function parseLongLong(text: string): number | null {
  if (!/^-?(0|[1-9]\d*)$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

export function unknownCommand(argv: readonly string[]): Reply {
  let args = '';
  for (const a of argv.slice(1)) {
    if (args.length >= 128) break;
    args += `'${a.slice(0, 128 - args.length)}' `;
  }
  return err(`ERR unknown command '${(argv[0] ?? '').slice(0, 128)}', with args beginning with: ${args}`);
}

export function unknownSubcommand(sub: string, command: string): Reply {
  return err(`ERR unknown subcommand '${sub.slice(0, 128)}'. Try ${command} HELP.`);
}
