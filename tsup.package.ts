import { defineConfig, type Options } from 'tsup';

/**
 * The build every library package shares: ESM only, declarations, source maps, Node 20 syntax.
 * A package's `tsup.config.ts` passes its entry points (default `src/index.ts`). The harness has
 * its own config, since it also bundles the CLI.
 */
export function packageConfig(entry: string[] = ['src/index.ts']): Options {
  return defineConfig({ entry, format: ['esm'], dts: true, clean: true, sourcemap: true, target: 'node20' }) as Options;
}
