import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // Compiles .vue files for the UI's component tests (ui/src/**/*.test.ts).
  plugins: [vue()],
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
