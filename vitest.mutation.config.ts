// The fast suite StrykerJS runs against every mutant of src/engine (npm run mutation): the engine's unit
// tests and the simulator tests that drive real engine sentinels. Real-process suites are left out.
import { defineConfig } from 'vitest/config';
import FastFirstSequencer from './test/mutation-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/engine/**/*.test.ts', 'test/sim/**/*.test.ts'],
    exclude: ['**/*.real.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // StrykerJS runs each mutant's covering tests in one reused worker. Without isolation the engine and
    // simulator modules are evaluated once per worker instead of once per test file (a whole-suite run
    // spent 9 s importing instead of 33 s); the tests share no mutable module state.
    isolate: false,
    setupFiles: ['test/mutation-setup.ts'],
    sequence: { sequencer: FastFirstSequencer },
  },
});
