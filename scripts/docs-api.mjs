#!/usr/bin/env node
// Generates the API reference (docs/api/, markdown) from the packages' TSDoc with TypeDoc,
// before VitePress builds the site. The output is not committed.
//
// Doc comments quote Go templates and promqltest notation (`{{ $labels.x }}`, `{{schema:0}}`),
// which Vue would read as interpolations: every generated page is wrapped in `v-pre`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

rmSync('docs/api', { recursive: true, force: true });
const r = spawnSync('pnpm', ['exec', 'typedoc', '--options', 'typedoc.json'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

let pages = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.md')) {
      writeFileSync(path, `<div v-pre>\n\n${readFileSync(path, 'utf8')}\n\n</div>\n`);
      pages++;
    }
  }
};
walk('docs/api');
console.log(`API reference: ${pages} pages in docs/api`);
