// The sweep grid: one list of values per axis, and the cells (the cartesian product) in a fixed order.
// Axis order is the order of AXES; the last axis varies fastest. Cell 0 (the first value of every list)
// is "your configuration": the base cell the answer compares its neighbours against.
import { SweepError } from './errors.js';

/** Every axis a sweep can vary, with the CLI flag that sets it and the smallest legal value. */
export const AXES = {
  sentinels: { flag: '--sentinels', min: 0, integer: true },
  quorum: { flag: '--quorum', min: 1, integer: true },
  downAfterMs: { flag: '--down-after', min: 1, integer: true },
  failoverTimeoutMs: { flag: '--failover-timeout', min: 1, integer: true },
  parallelSyncs: { flag: '--parallel-syncs', min: 0, integer: true },
  minReplicasToWrite: { flag: '--min-replicas-to-write', min: 0, integer: true },
  latencyMs: { flag: '--latency', min: 0, integer: false },
  faultRatePerMin: { flag: '--fault-rate', min: 0, integer: false },
} as const;

export type AxisName = keyof typeof AXES;
export const AXIS_NAMES = Object.keys(AXES) as AxisName[];

/** One cell's coordinates: a value for every axis. */
export type SweepParams = Readonly<Record<AxisName, number>>;

/** The grid: the values of every axis (a single value for an axis that does not vary). */
export type Grid = Readonly<Record<AxisName, readonly number[]>>;

/**
 * Parses one flag's value list: `3,5`, `1000..5000:1000` (inclusive range with a step) or a mix.
 * Throws SWEEP_BAD_RANGE naming the flag.
 */
export function parseAxisList(axis: AxisName, text: string): number[] {
  const { flag, min, integer } = AXES[axis];
  const bad = (why: string): never => {
    throw new SweepError('SWEEP_BAD_RANGE', `${flag}: ${why} (got '${text}')`);
  };
  const values: number[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    if (part === '') bad('empty value');
    const range = /^(-?[\d.]+)\.\.(-?[\d.]+)(?::([\d.]+))?$/.exec(part);
    if (range !== null) {
      const [lo, hi, step] = [Number(range[1]), Number(range[2]), Number(range[3] ?? '1')];
      if (!(step > 0)) bad('a range step must be > 0');
      if (hi < lo) bad(`range ${part} is empty (end below start)`);
      if ((hi - lo) / step > 1000) bad(`range ${part} has more than 1000 values`);
      for (let v = lo; v <= hi + 1e-9; v += step) values.push(Number(v.toFixed(9)));
      continue;
    }
    const v = Number(part);
    if (!Number.isFinite(v)) bad(`'${part}' is not a number`);
    values.push(v);
  }
  for (const v of values) {
    if (integer && !Number.isInteger(v)) bad(`${v} is not an integer`);
    if (v < min) bad(`${v} is below the minimum ${min}`);
  }
  if (new Set(values).size !== values.length) bad('a value is listed twice');
  return values;
}

/** The cells of a grid in order (first axis slowest, last fastest). */
export function cellsOf(grid: Grid): SweepParams[] {
  let cells: Record<AxisName, number>[] = [{} as Record<AxisName, number>];
  for (const axis of AXIS_NAMES) {
    const values = grid[axis];
    if (values.length === 0) throw new SweepError('SWEEP_BAD_RANGE', `${AXES[axis].flag}: no values`);
    cells = cells.flatMap((c) => values.map((v) => ({ ...c, [axis]: v })));
  }
  return cells;
}

/** Axes that take more than one value, in axis order (the heatmap's x and y are the first two). */
export function varyingAxes(grid: Grid): AxisName[] {
  return AXIS_NAMES.filter((a) => grid[a].length > 1);
}

/** Whether two cells differ in exactly one axis, by one step of that axis's list. */
export function isNeighbour(grid: Grid, a: SweepParams, b: SweepParams): boolean {
  const differing = AXIS_NAMES.filter((axis) => a[axis] !== b[axis]);
  if (differing.length !== 1) return false;
  const axis = differing[0]!;
  const values = grid[axis];
  return Math.abs(values.indexOf(a[axis]) - values.indexOf(b[axis])) === 1;
}

/** The one-cell grid of `params` (extend an axis to sweep it: `{ ...gridOf(p), quorum: [2, 3] }`). */
export function gridOf(params: SweepParams): Grid {
  const grid = {} as Record<AxisName, readonly number[]>;
  for (const axis of AXIS_NAMES) grid[axis] = [params[axis]];
  return grid;
}
