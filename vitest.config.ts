import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // one worker per core (vitest's default leaves one idle): the suite is CPU-bound, the CLI runs in the workers
    maxWorkers: 2,
  },
});
