// Mutation suite for the sentinel.conf modules only (stryker.conf.config.json): the conf and persistence
// unit tests. Nearly every engine test persists, so with the whole unit suite each conf mutant ran
// hundreds of tests; this subset kills less, so its score is a lower bound of `npm run mutation:unit`'s.
import { defineConfig } from 'vitest/config';
import FastFirstSequencer from './test/mutation-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/engine/conf*.test.ts', 'test/engine/persist.test.ts'],
    exclude: ['**/*.real.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    isolate: false,
    setupFiles: ['test/mutation-setup.ts'],
    sequence: { sequencer: FastFirstSequencer },
  },
});
