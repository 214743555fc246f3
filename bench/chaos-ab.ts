// A/B of campaign throughput against another build, in one process, rounds interleaved (A, B, A, B…)
// so machine load hits both alike: `node dist/bench/chaos-ab.js <other-root> [seconds] [rounds] [base]`
// where <other-root> is a checkout whose `dist/` is built (e.g. `git archive main | tar -x -C /tmp/m`,
// symlink node_modules, `node bin/build.js`). Prints one line per campaign and the mean of each side,
// in chaosRunsPerMinute's unit (runs per wall minute on 2 workers, normalised to 60 simulated s).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as here from '../src/chaos/campaign.js';

type CampaignModule = Pick<typeof here, 'runCampaign' | 'CAMPAIGN_DEFAULTS'>;

async function normalisedRate(m: CampaignModule, baseName: string, seconds: number): Promise<number> {
  const r = await m.runCampaign({
    ...m.CAMPAIGN_DEFAULTS,
    seed: 1,
    runs: 1_000_000,
    workers: 2,
    baseName,
    timeBudgetMs: seconds * 1000,
  });
  const runs = r.outcomes.length;
  const perRunS = r.outcomes.reduce((n, o) => n + o.simulatedMs, 0) / 1000 / Math.max(1, runs);
  return Math.round((runs / (r.wallMs / 60_000)) * (perRunS / 60));
}

async function main(): Promise<void> {
  const [other, seconds = '30', rounds = '3', base = 'sentinels-3'] = process.argv.slice(2);
  if (other === undefined) throw new Error('usage: chaos-ab.js <other-root> [seconds] [rounds] [base]');
  const url = pathToFileURL(join(other, 'dist', 'src', 'chaos', 'campaign.js')).href;
  const sides: [string, CampaignModule][] = [
    ['other', (await import(url)) as CampaignModule],
    ['this', here],
  ];
  const rates = new Map<string, number[]>(sides.map(([name]) => [name, []]));
  for (let i = 0; i < Number(rounds); i++) {
    for (const [name, m] of sides) {
      const rate = await normalisedRate(m, base, Number(seconds));
      rates.get(name)!.push(rate);
      console.log(`${name} round ${i}: ${rate} runs/min (normalised)`);
    }
  }
  for (const [name, xs] of rates) {
    console.log(`${name}: mean ${Math.round(xs.reduce((a, b) => a + b, 0) / xs.length)} (${xs.join(', ')})`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
