// `sentinel-lab scenarios [--json]`: the scenario catalogue, one line per scenario.
import type { Command } from 'commander';
import { REAL_SCENARIOS } from '../real/harness/scenarios.js';
import { CATALOG, getScenario } from '../scenarios/catalog/index.js';
import type { Scenario } from '../scenarios/types.js';
import { SWEEP_MASTER_CRASH } from '../sweep/base.js';
import { CliError } from './errors.js';
import { closest } from './suggest.js';

/** Catalogue scenarios plus the sweep's default base scenario. */
export function knownScenarios(): Scenario[] {
  return [...CATALOG.values(), SWEEP_MASTER_CRASH];
}

/** A scenario by name, or one line naming the closest known names. */
export function resolveScenario(name: string): Scenario {
  if (name === SWEEP_MASTER_CRASH.name) return SWEEP_MASTER_CRASH;
  if (CATALOG.has(name)) return getScenario(name);
  if (REAL_SCENARIOS.some((s) => s.name === name)) {
    throw new CliError(
      'SCENARIO_UNKNOWN',
      `'${name}' is a real-tier scenario (real processes): sentinel-lab run ${name} --tier real`,
    );
  }
  const names = knownScenarios().map((s) => s.name);
  const near = closest(name, names);
  const hint = near.length > 0 ? `did you mean ${near.join(', ')}?` : `known: ${names.join(', ')}`;
  throw new CliError(
    'SCENARIO_UNKNOWN',
    `unknown scenario '${name}' (${hint} — see \`sentinel-lab scenarios\`)`,
  );
}

export function registerScenarios(program: Command): void {
  program
    .command('scenarios')
    .description('list the named scenarios, one line each')
    .option('--json', 'print one JSON array of {name, tier, description, sentinels, quorum}')
    .addHelpText('after', '\nExamples:\n  sentinel-lab scenarios\n  sentinel-lab scenarios --json')
    .action((opts: { json?: boolean }) => {
      // The real-tier suite is listed too (tier 'real'): `run` names it, so users must be able to find it.
      const list = [
        ...knownScenarios().map((s) => ({ s, tier: 'sim' as const })),
        ...REAL_SCENARIOS.map((s) => ({ s, tier: 'real' as const })),
      ];
      if (opts.json === true) {
        const rows = list.map(({ s, tier }) => ({
          name: s.name,
          tier,
          description: s.description,
          sentinels: s.topology.sentinels,
          quorum: s.sentinel.quorum,
        }));
        process.stdout.write(JSON.stringify(rows) + '\n');
        return;
      }
      const width = Math.max(...list.map(({ s }) => s.name.length));
      for (const { s, tier } of list) {
        const where = tier === 'real' ? '[--tier real] ' : '';
        process.stdout.write(`${s.name.padEnd(width)}  ${where}${s.description}\n`);
      }
    });
}
