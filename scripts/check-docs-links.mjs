#!/usr/bin/env node
// Checks the built VitePress site as static files: every internal href/src of every page points
// at a file that exists (no clean-URL rewriting assumed: /guide/cli must be /guide/cli.html).
// Usage: node scripts/check-docs-links.mjs [DIST] (default docs/.vitepress/dist); DOCS_BASE as at build.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'docs/.vitepress/dist');
const base = process.env.DOCS_BASE ?? '/';
if (!existsSync(dist)) {
  console.error(`check-docs-links: ${dist} does not exist: build the docs first (pnpm docs:build)`);
  process.exit(2);
}
const pages = [];
const walk = (d) => {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.html')) pages.push(p);
  }
};
walk(dist);
const broken = [];
let checked = 0;
for (const page of pages) {
  const html = readFileSync(page, 'utf8');
  for (const m of html.matchAll(/\s(?:href|src)="([^"#?]*)[^"]*"/g)) {
    const url = m[1];
    if (!url || /^[a-z]+:/i.test(url) || url.startsWith('//')) continue;
    let target;
    if (url.startsWith('/')) {
      if (!url.startsWith(base)) {
        broken.push(`${relative(dist, page)}: ${url} is outside the base ${base}`);
        continue;
      }
      target = join(dist, url.slice(base.length));
    } else target = join(dirname(page), url);
    if (url.endsWith('/')) target = join(target, 'index.html');
    checked++;
    if (!existsSync(target) || statSync(target).isDirectory())
      broken.push(`${relative(dist, page)}: ${url} -> no file ${relative(dist, target)}`);
  }
}
if (broken.length) {
  console.error(
    `check-docs-links: ${broken.length} broken link(s) of ${checked}:\n  ${[...new Set(broken)].slice(0, 50).join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`check-docs-links: ${checked} links in ${pages.length} pages resolve to files`);
