// The library API with the plain objects a user writes: a missing section or a bad seed is a typed
// error naming the field, never a TypeError from deep inside the simulator.
import { describe, expect, it } from 'vitest';
import { defineScenario, runScenario, sweep } from '../../src/index.js';
import { getScenario } from '../../src/scenarios/catalog/index.js';
import type { Scenario } from '../../src/scenarios/types.js';

const loose = (v: unknown): Scenario => v as Scenario;

describe('library API bad input', () => {
  it('defineScenario({}) names the missing name; a scenario without sentinel names that section', () => {
    expect(() => defineScenario(loose({}))).toThrow(
      expect.objectContaining({ name: 'ScenarioError', code: 'invalid-value', field: 'name' }),
    );
    const { sentinel: _s, ...rest } = getScenario('master-crash');
    expect(() => defineScenario(loose({ ...rest, name: 'mine' }))).toThrow(
      /scenario 'mine': sentinel: must be an object/,
    );
  });

  it('runScenario rejects a null scenario and a non-integer seed with typed errors', () => {
    expect(() => runScenario(loose(null), 1)).toThrow(expect.objectContaining({ name: 'ScenarioError' }));
    expect(() => runScenario(getScenario('replication-smoke'), 1.5)).toThrow(
      expect.objectContaining({ code: 'SEED_INVALID', message: 'seed: must be a safe integer, got 1.5' }),
    );
  });

  it('sweep rejects (as a promise) a scenario without faults', async () => {
    const { faults: _f, ...rest } = getScenario('master-crash');
    await expect(sweep({ scenario: loose(rest), runsPerCell: 1 })).rejects.toThrow(
      /faults: must be an array/,
    );
  });
});
