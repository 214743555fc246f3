// The measured consequence of the `sentinel-on-master-box` finding: the master's box fails as a unit
// (host crash at 10 s, back at the end of the fault phase, 40 s), taking the Sentinels on it along, so the
// failover needs the remaining Sentinels to reach the quorum and a majority for the election (spec §6,
// §7). The neighbouring configuration is the same deployment with those Sentinels on boxes of their own,
// where the same box crash takes only the master. Both are measured with the same seeds (a paired
// comparison) on the deployment's own cell of the advise grid.
import type { Scenario } from '../scenarios/types.js';
import type { CellResult } from './aggregate.js';
import type { Deployment } from './advise.js';
import { compareCells, improvementTexts, type Comparison } from './answer.js';
import { SWEEP_MASTER_CRASH } from './base.js';
import { AXIS_NAMES, type Grid } from './grid.js';
import { runSweep, type SweepOptions } from './sweep.js';

export interface MasterBoxMeasurement {
  readonly fault: string;
  /** The Sentinels that share the master's box in the deployment (and get their own box in the fix). */
  readonly moved: readonly string[];
  readonly asDeployed: CellResult;
  readonly ownBoxes: CellResult;
  /** How the own-boxes placement compares with the deployed one (with p-values; same seeds, see below). */
  readonly comparison: Comparison;
  /** What moving them significantly improves (null: not significantly better on every measure). */
  readonly improvements: readonly string[] | null;
}

export const MASTER_BOX_FAULT = "the master's box crashes at 10 s and is back at 40 s";

/** The deployment's Sentinels (sentinel-1 … sentinel-N) placed on the master's box. */
export function sentinelsOnMasterBox(d: Deployment): string[] {
  const masterBox = d.hosts.get('redis-1');
  if (masterBox === undefined) return [];
  return [...d.hosts]
    .filter(([node, host]) => host === masterBox && /^sentinel-\d+$/.test(node))
    .filter(([node]) => Number(node.slice('sentinel-'.length)) <= d.sentinels)
    .map(([node]) => node);
}

/**
 * The box-crash world: redis-1 (and, when `colocated`, the Sentinels that share its box) on one host,
 * which crashes at 10 s and stays down.
 */
export function masterBoxScenario(d: Deployment, colocated: boolean): Scenario {
  const box = `box-${(d.hosts.get('redis-1') ?? 'master').replace(/[^A-Za-z0-9-]/g, '-')}`;
  const together = colocated ? sentinelsOnMasterBox(d) : [];
  const placement = Object.fromEntries(['redis-1', ...together].map((node) => [node, box]));
  return {
    ...SWEEP_MASTER_CRASH,
    name: colocated ? 'advise-master-box-crash' : 'advise-master-box-crash-own-boxes',
    description: colocated
      ? `${MASTER_BOX_FAULT}, with ${together.join(', ')} on it`
      : `${MASTER_BOX_FAULT}; every Sentinel on a box of its own`,
    topology: { ...SWEEP_MASTER_CRASH.topology, sentinels: d.sentinels, placement },
    faults: [{ atMs: 10_000, durationMs: null, op: { kind: 'crash', target: box, mode: 'host' } }],
  };
}

/** The deployment's own cell of the advise grid (the first value of every axis). */
function ownCell(grid: Grid): Grid {
  return Object.fromEntries(AXIS_NAMES.map((axis) => [axis, grid[axis].slice(0, 1)])) as unknown as Grid;
}

/** Measures both placements; null when no Sentinel shares the master's box. */
export async function measureMasterBox(
  d: Deployment,
  grid: Grid,
  runsPerCell: number,
  seed: number,
  options: SweepOptions,
): Promise<MasterBoxMeasurement | null> {
  const moved = sentinelsOnMasterBox(d);
  if (moved.length === 0) return null;
  const one = ownCell(grid);
  const measure = async (colocated: boolean): Promise<CellResult> => {
    const r = await runSweep(
      { scenario: masterBoxScenario(d, colocated), grid: one, runsPerCell, seed },
      options,
    );
    return r.cells[0]!;
  };
  const asDeployed = await measure(true);
  const ownBoxes = await measure(false);
  // Both placements run with the same seeds, so the samples are paired; the tests treat them as
  // independent (significance.ts), which is conservative when shared seeds make paired runs alike.
  const comparison = compareCells(asDeployed, ownBoxes);
  return {
    fault: MASTER_BOX_FAULT,
    moved,
    asDeployed,
    ownBoxes,
    comparison,
    improvements: improvementTexts(comparison),
  };
}
