// Runs one catalogue scenario in the simulator (engine Sentinels, as `sentinel-lab run` does) and writes
// the full report directory (index.html, result.json, junit.xml, trace.jsonl) with the library's report
// writer, until `sentinel-lab run` writes HTML itself. Usage, from the checkout, after one
// `node bin/sentinel-lab.js …` has compiled dist/:
//   node docs/examples/write-report.mjs <scenario> <seed> [reports-dir]
import { readFileSync } from 'node:fs';
import { runOnce } from '../../dist/src/cli/run.js';
import { checkHistory, measureFailovers } from '../../dist/src/check/index.js';
import { getScenario } from '../../dist/src/scenarios/catalog/index.js';
import { engineSentinelFactory } from '../../dist/src/sim/sentinel-process.js';
import { writeReport } from '../../dist/src/report/write.js';

const [name = 'master-crash', seedText = '1', dir = 'reports'] = process.argv.slice(2);
const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

const { result, traceJsonl } = runOnce(name, seedText, { sentinelFactory: engineSentinelFactory });
// The trace is the history as canonical JSONL: parsing it back gives the records the checkers judged.
const history = traceJsonl
  .trimEnd()
  .split('\n')
  .map((line) => JSON.parse(line));
const scenario = getScenario(name);
const failover = measureFailovers(history);
const written = await writeReport(dir, {
  result: {
    runId: `${name}-seed${result.seed}`,
    scenario: name,
    seed: result.seed,
    tier: 'sim',
    version,
    traceHash: result.traceHash,
    options: { ...scenario },
    failover: { durationsMs: failover.durationsMs, budgetMs: failover.budgetMs },
    elapsedSeconds: result.wallMs / 1000,
  },
  history,
  verdicts: checkHistory(history, scenario.expect),
  trace: traceJsonl,
});
console.log(`${written.runDir}: ${written.files.join(', ')} (latest: ${written.latest})`);
process.exitCode = result.passed ? 0 : 1;
