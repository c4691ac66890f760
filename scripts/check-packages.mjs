#!/usr/bin/env node
// Every built package must be publishable: publint (package.json/exports sanity) and
// @arethetypeswrong/cli on the packed tarball with the ESM-only profile.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dirs = [...readdirSync('packages').map((d) => join('packages', d)), 'harness'].filter((d) =>
  existsSync(join(d, 'package.json')),
);
let failed = 0;
for (const dir of dirs) {
  if (!existsSync(join(dir, 'dist'))) {
    console.error(`${dir}: no dist/ (run the build first)`);
    failed++;
    continue;
  }
  for (const [tool, args] of [
    ['publint', ['exec', 'publint', '--strict', dir]],
    ['attw', ['exec', 'attw', '--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    const r = spawnSync('pnpm', args, { encoding: 'utf8' });
    if (r.status !== 0) {
      failed++;
      console.error(`✗ ${dir}: ${tool} failed\n${r.stdout}${r.stderr}`);
    } else {
      console.log(`✓ ${dir}: ${tool}`);
    }
  }
}
if (failed) {
  console.error(`${failed} package check(s) failed`);
  process.exit(1);
}
