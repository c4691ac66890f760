/**
 * docs/package-status.json is the one place that says which packages are still coming (no public
 * API yet). This test holds every page to it, and it to the code: a package is "coming" exactly
 * when its src/index.ts exports nothing. When a package gets its API, this fails and names the
 * places to flip (the JSON, then each page it lists).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(new URL('.', import.meta.url).pathname, '..');
const coming: string[] = JSON.parse(readFileSync(join(root, 'docs/package-status.json'), 'utf8')).coming;
const packages = readdirSync(join(root, 'packages'));
const dirOf = (name: string) => (name === 'harness' ? join(root, 'harness') : join(root, 'packages', name));
const read = (p: string) => readFileSync(p, 'utf8');

/** True when the index has no export but `export {}` (comments ignored). */
function exportsNothing(name: string): boolean {
  const code = read(join(dirOf(name), 'src/index.ts'))
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  return !/^\s*export\s+(?!\{\s*\}\s*;?\s*$)/m.test(code);
}

describe('package status (coming vs delivered)', () => {
  it('lists only packages that exist', () => {
    expect(coming.filter((n) => !packages.includes(n))).toEqual([]);
  });

  it('a package is coming exactly when its index exports nothing', () => {
    const empty = [...packages, 'harness'].filter(exportsNothing).sort();
    expect(empty).toEqual([...coming].sort());
  });

  it("the README's package table marks exactly the coming packages", () => {
    const readme = read(join(root, 'README.md'));
    const marked = [...readme.matchAll(/^\| `@alertcraft\/([a-z-]+)` \| (.*) \|$/gm)]
      .filter((m) => m[2]!.startsWith('(coming)'))
      .map((m) => m[1]);
    expect(marked.sort()).toEqual([...coming].sort());
  });

  for (const name of [...packages, 'harness']) {
    it(`${name}: its README and docs page say "coming" exactly when it is`, () => {
      const says = (text: string) => text.includes('**Status: coming.**');
      const page = read(join(root, 'docs/packages', `${name}.md`));
      expect({ readme: says(read(join(dirOf(name), 'README.md'))), page: says(page) }).toEqual({
        readme: coming.includes(name),
        page: coming.includes(name),
      });
    });
  }
});
