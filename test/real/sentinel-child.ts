// Runs `sentinel-lab sentinel <conf>` as a child process without compiling the whole project: the
// engine, the real tier and src/cli/sentinel.ts are transpiled (build-for-child.ts) and a two-line
// entry calls the command exactly as src/cli/main.ts does.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { buildRealForChild, ROOT } from './build-for-child.js';

let entry: string | null = null;

/** Path of a Node script: `node <it> <sentinel.conf>` behaves like `sentinel-lab sentinel <sentinel.conf>`. */
export function sentinelChildEntry(): string {
  if (entry !== null) return entry;
  const realDir = buildRealForChild();
  const out = join(realDir, '..', '..');
  const cliDir = join(out, 'src', 'cli');
  mkdirSync(cliDir, { recursive: true });
  for (const file of ['sentinel.ts', 'errors.ts']) {
    const js = ts.transpileModule(readFileSync(join(ROOT, 'src', 'cli', file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(join(cliDir, file.replace(/\.ts$/, '.js')), js);
  }
  entry = join(out, 'sentinel-entry.js');
  writeFileSync(
    entry,
    "import { runSentinelCommand } from './src/cli/sentinel.js';\nawait runSentinelCommand(process.argv[2]);\n",
  );
  return entry;
}
