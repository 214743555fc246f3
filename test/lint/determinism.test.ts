// The lint configuration carries the determinism rule (ARCHITECTURE.md, "Determinism"): these tests
// prove that it rejects each forbidden source of time and randomness inside src/engine and src/sim, and
// leaves other folders alone.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

const forbidden: [string, string][] = [
  ['Math.random', 'export const x = Math.random();'],
  ['Date.now', 'export const x = Date.now();'],
  ['new Date', 'export const x = new Date();'],
  ['setTimeout', 'setTimeout(() => undefined, 1);'],
  ['setInterval', 'setInterval(() => undefined, 1);'],
  ['performance.now', 'export const x = performance.now();'],
  ['process.hrtime', 'export const x = process.hrtime();'],
  ['crypto.randomBytes', "import crypto from 'node:crypto'; export const x = crypto.randomBytes(4);"],
  ['for…in', 'const o = { a: 1 }; for (const k in o) console.log(k);'],
  ['await', 'export async function f(p: Promise<number>) { return await p; }'],
];

describe('determinism lint rule', () => {
  for (const folder of ['src/sim', 'src/engine']) {
    for (const [name, code] of forbidden) {
      it(`rejects ${name} in ${folder}`, async () => {
        const ids = await ruleIds(code, `${folder}/__fixture__.ts`);
        expect(ids.some((id) => id.startsWith('no-restricted'))).toBe(true);
      });
    }
  }

  it('rejects node: imports in src/engine (the engine is sans-IO)', async () => {
    const ids = await ruleIds(
      "import { readFileSync } from 'node:fs'; export const f = readFileSync;",
      'src/engine/__fixture__.ts',
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('allows Date.now outside the engine and the simulator', async () => {
    const ids = await ruleIds('export const x = Date.now();', 'src/cli/__fixture__.ts');
    expect(ids.filter((id) => id.startsWith('no-restricted'))).toEqual([]);
  });
});
