// Every command of `sentinel-lab`, one module each. main.ts registers them in this order and only
// parses and dispatches; a command adds itself here with one line.
import type { Command } from 'commander';
import { engineSentinelFactory } from '../sim/sentinel-process.js';
import { registerAdvise } from './advise.js';
import { registerChaos } from './chaos.js';
import { registerReplay } from './replay.js';
import { registerMerge } from './merge.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerScenarios } from './scenarios.js';
import { registerSentinel } from './sentinel.js';
import { registerSweep } from './sweep.js';

export const COMMANDS = [
  // Simulated Sentinels run the engine (src/sim/sentinel-process.ts).
  {
    name: 'run',
    register: (p: Command) => registerRun(p, () => ({ sentinelFactory: engineSentinelFactory })),
  },
  { name: 'chaos', register: registerChaos },
  { name: 'replay', register: registerReplay },
  { name: 'sentinel', register: registerSentinel },
  { name: 'scenarios', register: registerScenarios },
  { name: 'sweep', register: registerSweep },
  { name: 'merge', register: registerMerge },
  { name: 'report', register: registerReport },
  { name: 'advise', register: registerAdvise },
] as const;
