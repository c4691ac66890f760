import { defineConfig } from 'vitest/config';

// Tests run against src/ through the custom `@alertcraft/source` export condition, no build needed.
export default defineConfig({
  resolve: { conditions: ['@alertcraft/source'] },
  ssr: { resolve: { conditions: ['@alertcraft/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'harness/src/**/*.test.ts',
      'harness/test/**/*.test.ts',
      'harness/examples/**/*.test.ts',
      'docs/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
