// The fast suite StrykerJS runs against every mutant of src/engine (npm run mutation): the engine's unit
// tests and the simulator tests that drive real engine sentinels. Real-process suites are left out.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/engine/**/*.test.ts', 'test/sim/**/*.test.ts'],
    exclude: ['**/*.real.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/mutation-setup.ts'],
  },
});
