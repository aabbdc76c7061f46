import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each file opens its own databases; two cores, so two files at a time.
    maxWorkers: 2,
    // Every HTTP answer is written by the compiled serializer and by zod, and they must agree (src/app/serializer.ts).
    env: { MONO_CHECK_SERIALIZER: '1' },
  },
});
