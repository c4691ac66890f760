#!/usr/bin/env node
// `pnpm test`: build every package (tsup, through turbo), check that each built package is
// publishable (publint + attw, ESM-only profile), build the docs site, then run the vitest suite.
// Each step prints a header so CI logs show where a failure happened.
import { spawnSync } from 'node:child_process';

const steps = [
  ['build packages', 'pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']],
  ['check packages (publint, attw)', 'node', ['scripts/check-packages.mjs']],
  ['build docs', 'pnpm', ['run', 'docs:build']],
  ['vitest', 'pnpm', ['exec', 'vitest', 'run', ...process.argv.slice(2)]],
];

for (const [title, cmd, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n== ${title}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stderr.write(`\n== ${title} failed after ${secs}s (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`== ${title}: ok in ${secs}s\n`);
}
