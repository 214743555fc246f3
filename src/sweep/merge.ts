// Merging shard outputs (`sentinel-lab merge a.json b.json …`) into the result one machine would have
// produced: same spec, outcomes put back in (cell, run) order, every run present exactly once.
import { SweepError } from './errors.js';
import { cellsOf } from './grid.js';
import { assemble, type SweepResult, type SweepSpec } from './sweep.js';

/** Checks that a parsed JSON value looks like a sweep result; `name` is the file, for the message. */
export function asSweepResult(value: unknown, name: string): SweepResult {
  const v = value as Partial<SweepResult> | null;
  if (v === null || typeof v !== 'object' || v.kind !== 'sentinel-lab-sweep') {
    throw new SweepError(
      'SWEEP_BAD_FILE',
      `${name}: not a sentinel-lab sweep result (kind is not 'sentinel-lab-sweep')`,
    );
  }
  for (const field of ['outcomes', 'grid', 'baseScenario', 'seed', 'runsPerCell'] as const) {
    if (v[field] === undefined)
      throw new SweepError('SWEEP_BAD_FILE', `${name}: field '${field}' is missing`);
  }
  return v as SweepResult;
}

function specOf(r: SweepResult): SweepSpec {
  return { scenario: r.baseScenario, grid: r.grid, runsPerCell: r.runsPerCell, seed: r.seed };
}

export function mergeResults(parts: readonly { name: string; result: SweepResult }[]): SweepResult {
  const first = parts[0];
  if (first === undefined) throw new SweepError('SWEEP_BAD_FILE', 'merge: no shard files given');
  const spec = specOf(first.result);
  const key = JSON.stringify(spec);
  const seen = new Map<string, string>();
  for (const { name, result } of parts) {
    if (JSON.stringify(specOf(result)) !== key) {
      throw new SweepError(
        'SWEEP_BAD_FILE',
        `${name}: a different sweep (scenario, grid, runs or seed) than ${first.name}`,
      );
    }
    for (const o of result.outcomes) {
      const id = `${o.cell}/${o.run}`;
      const other = seen.get(id);
      if (other !== undefined)
        throw new SweepError('SWEEP_BAD_FILE', `${name}: run ${id} is also in ${other}`);
      seen.set(id, name);
    }
  }
  const expected = cellsOf(spec.grid).length * spec.runsPerCell;
  if (seen.size !== expected) {
    throw new SweepError(
      'SWEEP_BAD_FILE',
      `merge: ${seen.size} of ${expected} runs present; a shard is missing`,
    );
  }
  const outcomes = parts.flatMap((p) => p.result.outcomes);
  const wallMs = parts.reduce((sum, p) => sum + p.result.wallMs, 0);
  const workers = parts.reduce((sum, p) => sum + p.result.workers, 0);
  return assemble(spec, null, outcomes, { wallMs, workers });
}

/**
 * A stored sweep with its cells and answer computed again from its outcomes: a sweep.json written before
 * the cells kept their counts (significance tests need them) gets them, and its answer follows the
 * current rules. A lone shard of a larger sweep is refused, as merge refuses it.
 */
export function reaggregate(result: SweepResult, name: string): SweepResult {
  return mergeResults([{ name, result }]);
}
