// Log lines in redis-sentinel's format: `<pid>:X <dd Mon yyyy HH:MM:SS.mmm> <mark> <text>`, with the
// level marks Redis uses ('.' debug, '-' verbose, '*' notice, '#' warning). Tools that read
// redis-sentinel logs (and people) can read ours the same way.
import type { EventLevel } from '../engine/io.js';

const MARK: Readonly<Record<EventLevel, string>> = { debug: '.', verbose: '-', notice: '*', warning: '#' };
const RANK: Readonly<Record<EventLevel | 'nothing', number>> = {
  debug: 0,
  verbose: 1,
  notice: 2,
  warning: 3,
  nothing: 4,
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** True when a line of `level` passes the configured `loglevel` threshold. */
export function logEnabled(level: EventLevel, threshold: EventLevel | 'nothing'): boolean {
  return RANK[level] >= RANK[threshold];
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** One log line (without the trailing newline), stamped with the wall clock. */
export function formatLogLine(level: EventLevel, text: string, wallMs: number, pid = process.pid): string {
  const d = new Date(wallMs);
  const stamp =
    `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  return `${pid}:X ${stamp} ${MARK[level]} ${text}`;
}
