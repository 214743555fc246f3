// Finds the external binaries the real tier runs: first on PATH, then in the project-local
// `.tools/bin/` that scripts/setup-real.sh fills. Nothing here installs anything.
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MissingBinaryError } from './errors.js';

export type BinaryName = 'redis-server' | 'redis-sentinel' | 'redis-cli' | 'toxiproxy-server';

const SETUP_HINT = 'run `bash scripts/setup-real.sh` (or `npm test`, which runs it first)';

const FIXES: Readonly<Record<BinaryName, string>> = {
  'redis-server': `install Redis 7 (apt-get install redis-server) or ${SETUP_HINT}`,
  'redis-sentinel': `install Redis 7 (apt-get install redis-sentinel) or ${SETUP_HINT}`,
  'redis-cli': `install Redis 7 (apt-get install redis-tools) or ${SETUP_HINT}`,
  'toxiproxy-server': `${SETUP_HINT}; it builds toxiproxy v2.12.0 with Go into .tools/bin`,
};

/** The project root: the nearest directory above this file whose package.json names sentinel-lab. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'sentinel-lab') return dir;
    } catch {
      // No package.json here: keep walking up.
    }
    dir = dirname(dir);
  }
  return process.cwd();
}

export function toolsBinDir(): string {
  return join(projectRoot(), '.tools', 'bin');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Returns the absolute path of the binary, or null when it is nowhere to be found. */
export function lookupBinary(name: BinaryName, pathEnv = process.env['PATH'] ?? ''): string | null {
  const dirs = [...pathEnv.split(delimiter).filter((d) => d.length > 0), toolsBinDir()];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

const cache = new Map<BinaryName, string>();

/** Like lookupBinary, but throws MissingBinaryError naming the binary and how to get it. */
export function findBinary(name: BinaryName): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const found = lookupBinary(name);
  if (found === null) throw new MissingBinaryError(name, FIXES[name]);
  cache.set(name, found);
  return found;
}

/** True when every named binary can be found; used by tests to skip the real tier cleanly. */
export function haveBinaries(names: readonly BinaryName[]): boolean {
  return names.every((n) => lookupBinary(n) !== null);
}
