import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'sdk/src/**/*.test.ts',
      'storage/src/**/*.test.ts',
      'core/src/**/*.test.ts',
      'plugins/*/src/**/*.test.ts',
      'ui/src/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: integration tests start servers and child processes.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
