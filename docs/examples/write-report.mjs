// Runs one catalogue scenario in the simulator and writes the full report directory (index.html,
// result.json, junit.xml, trace.jsonl) with the library's report writer, until `sentinel-lab run`
// writes HTML itself. Usage, from the checkout (after one `node bin/sentinel-lab.js …` has compiled
// dist/): node docs/examples/write-report.mjs <scenario> <seed> [reports-dir]
import { readFileSync } from 'node:fs';
import { runOnce } from '../../dist/src/cli/run.js';
import { checkHistory, measureFailovers } from '../../dist/src/check/index.js';
import { getScenario } from '../../dist/src/scenarios/catalog/index.js';
import { createKernelPort } from '../../dist/src/sim/kernel-port.js';
import { parseSeed, simulate } from '../../dist/src/sim/run.js';
import { writeReport } from '../../dist/src/report/write.js';

const [name = 'replication-smoke', seedText = '1', dir = 'reports'] = process.argv.slice(2);
const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

// runOnce gives the CLI's result (trace hash, timings); simulate gives the history it was computed from.
const { result } = runOnce(name, seedText);
const scenario = getScenario(name);
const run = simulate(scenario, parseSeed(seedText), createKernelPort);
const failover = measureFailovers(run.history);
const written = await writeReport(dir, {
  result: {
    runId: `${name}-seed${result.seed}`,
    scenario: name,
    seed: result.seed,
    tier: 'sim',
    version,
    traceHash: run.traceHash,
    options: { ...scenario },
    failover: { durationsMs: failover.durationsMs, budgetMs: failover.budgetMs },
    elapsedSeconds: result.wallMs / 1000,
  },
  history: run.history,
  verdicts: checkHistory(run.history, scenario.expect),
  trace: run.traceJsonl,
});
console.log(`${written.runDir}: ${written.files.join(', ')} (latest: ${written.latest})`);
process.exitCode = result.passed ? 0 : 1;
