// Finding binaries (src/real/binaries.ts) and the setup script's failure message.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBinary, lookupBinary, projectRoot, toolsBinDir } from '../../src/real/binaries.js';
import { MissingBinaryError } from '../../src/real/errors.js';

describe('binaries', () => {
  it('the project root is the directory holding sentinel-lab package.json', () => {
    expect(projectRoot()).toBe(join(import.meta.dirname, '..', '..'));
    expect(toolsBinDir()).toBe(join(projectRoot(), '.tools', 'bin'));
  });

  it('a binary absent from PATH and .tools/bin is null for lookupBinary', () => {
    expect(lookupBinary('redis-server', '/nonexistent-dir')).toBeNull();
  });

  it('MissingBinaryError names the binary and how to get it, with a stable code', () => {
    const e = new MissingBinaryError('toxiproxy-server', 'run bash scripts/setup-real.sh');
    expect(e.code).toBe('E_MISSING_BINARY');
    expect(e.message).toContain('toxiproxy-server');
    expect(e.message).toContain('setup-real.sh');
  });

  it.skipIf(process.env['SENTINEL_LAB_SKIP_REAL'] === '1')(
    'finds the installed redis-server and toxiproxy-server',
    () => {
      expect(findBinary('redis-server')).toMatch(/redis-server$/);
      expect(findBinary('toxiproxy-server')).toMatch(/toxiproxy-server$/);
    },
  );
});

describe('scripts/setup-real.sh', () => {
  const script = join(projectRoot(), 'scripts', 'setup-real.sh');

  it.skipIf(process.env['SENTINEL_LAB_SKIP_REAL'] === '1')(
    'prints one version line per binary when all are present',
    () => {
      const r = spawnSync('bash', [script], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      for (const name of ['redis-server', 'redis-sentinel', 'redis-cli', 'toxiproxy-server']) {
        expect(r.stdout).toMatch(new RegExp(`^${name}: \\d+\\.\\d+\\.\\d+ \\(`, 'm'));
      }
    },
  );

  it('fails with one line naming what is missing and the fix when redis is absent and we are not root', () => {
    // A PATH holding only the tools the script needs, and an `id` that claims uid 1000.
    const bin = mkdtempSync(join(tmpdir(), 'sentinel-lab-nobin-'));
    try {
      for (const tool of ['bash', 'sed', 'awk', 'dirname', 'mkdir']) {
        const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
        if (found) symlinkSync(found, join(bin, tool));
      }
      writeFileSync(join(bin, 'id'), '#!/bin/sh\necho 1000\n');
      chmodSync(join(bin, 'id'), 0o755);
      const r = spawnSync(join(bin, 'bash'), [script], { encoding: 'utf8', env: { PATH: bin } });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('missing redis-server redis-sentinel redis-cli');
      expect(r.stderr).toContain('apt-get install');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
