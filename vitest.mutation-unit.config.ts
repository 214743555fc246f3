// The quick variant of the mutation suite (npm run mutation:unit): the engine's unit tests only, no
// simulator. It kills a subset of what the full fast suite kills, so its score is a lower bound of
// `npm run mutation`'s, at a small fraction of the run time.
import { defineConfig } from 'vitest/config';
import FastFirstSequencer from './test/mutation-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/engine/**/*.test.ts'],
    exclude: ['**/*.real.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    isolate: false,
    setupFiles: ['test/mutation-setup.ts'],
    sequence: { sequencer: FastFirstSequencer },
  },
});
