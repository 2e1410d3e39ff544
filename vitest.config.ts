import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fixtures are inputs, never test files.
    exclude: ['node_modules', 'dist', '__fixtures__'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
