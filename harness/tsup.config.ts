import { defineConfig } from 'tsup';

// Modules the bundled CLI must not inline: native or heavy runtimes loaded only by the commands
// (and runtimes) that need them, and the optional peers.
const cliExternal = [
  'vitest',
  'testcontainers',
  '@testcontainers/postgresql',
  'pg',
  '@electric-sql/pglite',
  'prom-client',
  'playwright-core',
  // promql require()s re2js on the first regex it meets (so `lint` without regex matchers never
  // loads it); the bundle resolves it from the harness' own dependencies.
  're2js',
  // rule-dsl require()s ajv only when it emits a PrometheusRule; grafana-json's validator imports it.
  'ajv',
  // read-input.ts require()s jsonc-parser only to locate a JSON syntax error V8 gives no position for.
  'jsonc-parser',
];

export default defineConfig([
  {
    // The library: `@alertcraft/harness` and `@alertcraft/harness/vitest`.
    entry: { index: 'src/index.ts', vitest: 'src/vitest.ts' },
    format: ['esm'],
    dts: true,
    clean: ['!cli/**'],
    sourcemap: true,
    target: 'node20',
    external: ['vitest'],
  },
  {
    // The `alertcraft` CLI (bin/alertcraft.js imports dist/cli/main.js): one bundle with the
    // workspace packages and yaml inlined from source, split per command so `lint` loads only what
    // linting needs. Start-up is measured by `pnpm bench:cli`.
    entry: { main: 'src/cli/main.ts' },
    outDir: 'dist/cli',
    format: ['esm'],
    splitting: true,
    clean: true,
    sourcemap: false,
    target: 'node20',
    platform: 'node',
    noExternal: [/^@alertcraft\//, 'yaml'],
    external: cliExternal,
    // yaml's Node build is CommonJS; its require() of Node built-ins needs a real require.
    banner: {
      js: "import { createRequire as __alertcraftRequire } from 'node:module';\nconst require = __alertcraftRequire(import.meta.url);",
    },
    esbuildOptions(options) {
      options.conditions = ['@alertcraft/source'];
    },
  },
]);
