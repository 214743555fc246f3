// Runs the compiled CLI (dist/, see ./build.ts) in a child process, as users and CI do.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './build.js';

export const CLI_MAIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], env?: NodeJS.ProcessEnv): CliResult {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { cwd: ROOT, encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
