import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fixtures are inputs, never test files.
    exclude: ['node_modules', 'dist', '__fixtures__'],
    // Guards against hangs, not speed checks: many tests spawn the CLI or servers, and these
    // machines are shared (a loaded run measured 38 s for one that takes 6 s alone).
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
