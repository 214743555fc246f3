// File order for the StrykerJS runs only (vitest.mutation*.config.ts). StrykerJS stops a mutant's run at
// the first failing test, so running the quick files first makes killed mutants cheap; vitest's default
// order is the opposite (slowest files first, to balance parallel workers, which StrykerJS does not use).
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

export default class FastFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const slowestFirst = await super.sort(files);
    return [...slowestFirst].reverse();
  }
}
