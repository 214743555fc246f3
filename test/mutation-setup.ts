// Setup for the StrykerJS run only (vitest.mutation.config.ts). @fast-check/vitest names each property
// test "<label> (with seed=N)" with a fresh random N per run; StrykerJS's per-test coverage records the
// names from its dry run and selects tests by name for each mutant, so with a new seed the property tests
// never match and never kill a mutant. A fixed global seed makes the names stable across runs.
import fc from 'fast-check';

// A mutant only needs a failing property, not its smallest counterexample: skip shrinking, which could
// take seconds per killed mutant.
fc.configureGlobal({ seed: 0x5eed, endOnFailure: true });
