// Child harness processes (used to prove the no-orphans guarantees) run plain Node, which cannot load
// TypeScript. This transpiles src/real/*.ts (and the type-only engine contract) without type checking
// into .tools/test-build/, inside the project so that node_modules resolves.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export const ROOT = join(import.meta.dirname, '..', '..');

export function buildRealForChild(): string {
  const out = join(ROOT, '.tools', 'test-build', String(process.pid));
  for (const folder of ['src/real', 'src/engine']) {
    const srcDir = join(ROOT, folder);
    const outDir = join(out, folder);
    mkdirSync(outDir, { recursive: true });
    for (const file of readdirSync(srcDir).filter((f) => f.endsWith('.ts'))) {
      const js = ts.transpileModule(readFileSync(join(srcDir, file), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      writeFileSync(join(outDir, file.replace(/\.ts$/, '.js')), js);
    }
  }
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
  return join(out, 'src', 'real');
}
