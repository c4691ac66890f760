import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The test command's first step is `biome ci .` with the repo's biome.jsonc: prove that check fails on a
// misformatted file and on a lint error, and passes on a clean file, with the same configuration.
const repo = resolve(import.meta.dirname, '..');
const biome = join(repo, 'node_modules/.bin/biome');
const dir = mkdtempSync(join(tmpdir(), 'alertcraft-biome-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(name: string, text: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = spawnSync(biome, ['ci', '--colors=off', `--config-path=${join(repo, 'biome.jsonc')}`, file], {
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('format and lint check (biome ci)', () => {
  it('passes a formatted, lint-clean file', () => {
    expect(check('good.ts', 'const x = 1;\nexport { x };\n').status).toBe(0);
  });

  it('fails on a misformatted file and names it', () => {
    const r = check('misformatted.ts', 'const  x=1\nexport {x}\n');
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('misformatted.ts');
    expect(r.output).toMatch(/format/i);
  });

  it('fails on a lint error (debugger statement)', () => {
    const r = check('debugger.ts', 'export function f(): void {\n  debugger;\n}\n');
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('noDebugger');
  });
});
