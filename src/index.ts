// The public library API of sentinel-lab. Everything a user may import from 'sentinel-lab' is listed here.
export type * from './engine/io.js';
export type * from './check/history.js';
export type * from './scenarios/types.js';
export type * from './check/verdict.js';
export {
  CHECKERS,
  CheckError,
  checkHistory,
  measureFailovers,
  failoverBudget,
  convergenceBudget,
  checkNoNeedlessFailover,
  checkAckedWriteLoss,
  type CheckResult,
  type FailoverMeasurement,
  type InvariantName,
} from './check/index.js';
export type * from './report/types.js';
export {
  defineScenario,
  runScenario,
  sweep,
  type RunScenarioOptions,
  type ScenarioRun,
  type SweepApiOptions,
} from './api.js';
export type { SweepResult } from './sweep/sweep.js';
export type { CellCounts, CellResult, CellMetrics } from './sweep/aggregate.js';
export type { Answer, Comparison, Improvement, Neighbour } from './sweep/answer.js';
export type { Proportion } from './sweep/significance.js';
export type { AxisName, Grid, SweepParams } from './sweep/grid.js';
