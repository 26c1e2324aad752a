import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // most tests wait on the CLI's child processes: one worker per core (vitest's default leaves one idle)
    maxWorkers: 2,
  },
});
