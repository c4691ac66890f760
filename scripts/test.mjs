#!/usr/bin/env node
// `pnpm test`: build every package (tsup, through turbo), check that each built package is
// publishable (publint + attw, ESM-only profile), install the packed tarballs on Node 20 and 24
// (scripts/install-check.mjs), run the packages' unit tests on Node 24, build the docs site, then
// run the vitest suite.
// Each step prints a header so CI logs show where a failure happened.
import { spawnSync } from 'node:child_process';
import { delimiter, isAbsolute, resolve } from 'node:path';

// Tools (turbo) resolve `pnpm` through PATH and spawn it from each package's directory, so a
// relative PATH entry such as `./node_modules/.bin` would point nowhere: keep absolute entries
// only, with this repository's node_modules/.bin first.
const env = {
  ...process.env,
  PATH: [
    resolve('node_modules/.bin'),
    ...(process.env.PATH ?? '').split(delimiter).filter((p) => p && isAbsolute(p)),
  ].join(delimiter),
};

const steps = [
  // Formatting and lint of the whole repo (biome.jsonc); fails on a misformatted file.
  ['format and lint (biome ci)', resolve('node_modules/.bin/biome'), ['ci', '--colors=off', '.']],
  // turbo itself, not through `pnpm exec` (which puts a relative ./node_modules/.bin first on PATH).
  ['build packages', resolve('node_modules/.bin/turbo'), ['run', 'build', '--output-logs=errors-only']],
  [
    'typecheck (tsc, every package)',
    resolve('node_modules/.bin/turbo'),
    ['run', 'typecheck', '--output-logs=errors-only'],
  ],
  ['check packages (publint, attw)', 'node', ['scripts/check-packages.mjs']],
  ['install check (packed tarballs, npm, Node 20 and 24)', 'node', ['scripts/install-check.mjs']],
  // The npm registry's `node` package; npx puts its bin first on PATH.
  [
    'packages unit tests on Node 24',
    'npx',
    ['-y', '-p', 'node@24', '--', 'node', resolve('node_modules/vitest/vitest.mjs'), 'run', 'packages'],
  ],
  ['build docs', 'pnpm', ['run', 'docs:build']],
  ['check docs links (static files, no clean-URL rewriting)', 'node', ['scripts/check-docs-links.mjs']],
  ['vitest', 'pnpm', ['exec', 'vitest', 'run', ...process.argv.slice(2)]],
];

for (const [title, cmd, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n== ${title}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stderr.write(`\n== ${title} failed after ${secs}s (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`== ${title}: ok in ${secs}s\n`);
}
