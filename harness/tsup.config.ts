import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', vitest: 'src/vitest.ts', cli: 'src/cli/main.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', vitest: 'src/vitest.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: ['vitest'],
});
