/**
 * Differential test: every unit-test file of this corpus is run by the real `promtool test rules`
 * (Debian's 2.42) and by our runner; the verdict of every test group and the exit code of every
 * file must agree, and must match the manifest (which groups are written to fail).
 * Per-group promtool verdicts come from splitting each file into one file per test group.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { needBinary, PROMTOOL_HINT } from '../../../../test-support/requirements.js';
import { runUnitTestFile } from '../../src/unittest/run.js';

const here = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8')) as {
  expectedFailures: Record<string, string[]>;
};
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.yml'))
  .sort();
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
if (!promtool.ok) console.warn(`skipping the promtool differential: ${promtool.reason}`);

describe('unit-test corpus', () => {
  it('has at least 20 files, including expected failures', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(Object.values(manifest.expectedFailures).flat().length).toBeGreaterThan(0);
    for (const f of Object.keys(manifest.expectedFailures)) expect(files).toContain(f);
  });

  it.each(files)('%s: our verdicts match the manifest', (file) => {
    const res = runUnitTestFile(join(here, file));
    expect(res.fileError).toBeUndefined();
    const failing = res.groups.filter((g) => !g.ok).map((g) => g.name);
    expect(failing).toEqual(manifest.expectedFailures[file] ?? []);
  });
});

describe.skipIf(!promtool.ok)('promtool test rules (differential)', () => {
  let tmp = '';
  const promtoolGroups = new Map<string, boolean[]>();
  const promtoolExit = new Map<string, number>();

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'alertcraft-unittest-'));
    const split: Array<{ file: string; index: number; path: string }> = [];
    for (const file of files) {
      const doc = parse(readFileSync(join(here, file), 'utf8'), { version: '1.1' }) as Record<string, unknown>;
      const ruleFiles = ((doc.rule_files as string[] | undefined) ?? []).map((r) => (isAbsolute(r) ? r : resolve(here, r)));
      const tests = (doc.tests as unknown[] | undefined) ?? [];
      tests.forEach((tg, index) => {
        const path = join(tmp, `${file.replace(/\.test\.yml$/, '')}__${index}.yml`);
        writeFileSync(path, stringify({ ...doc, rule_files: ruleFiles, tests: [tg] }, { version: '1.1' }));
        split.push({ file, index, path });
      });
      const r = spawnSync(promtool.value!, ['test', 'rules', join(here, file)], { encoding: 'utf8' });
      promtoolExit.set(file, r.status ?? -1);
    }
    // One promtool run over all split files; stdout says SUCCESS (or not) after each "Unit Testing:" line.
    const r = spawnSync(promtool.value!, ['test', 'rules', ...split.map((s) => s.path)], { encoding: 'utf8' });
    const lines = r.stdout.split('\n');
    const verdict = new Map<string, boolean>();
    lines.forEach((line, i) => {
      const m = /^Unit Testing:\s+(.*)$/.exec(line);
      if (m) verdict.set(m[1]!.trim(), lines[i + 1] === '  SUCCESS');
    });
    for (const s of split) {
      const list = promtoolGroups.get(s.file) ?? [];
      list[s.index] = verdict.get(s.path) ?? false;
      promtoolGroups.set(s.file, list);
    }
    void execFileSync;
  });

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.each(files)('%s: same verdict per test group and same exit code as promtool', (file) => {
    const ours = runUnitTestFile(join(here, file));
    expect(ours.groups.map((g) => `${g.name}: ${g.ok ? 'pass' : 'FAIL'}`)).toEqual(
      (promtoolGroups.get(file) ?? []).map((ok, i) => `${ours.groups[i]?.name}: ${ok ? 'pass' : 'FAIL'}`),
    );
    const ourExit = ours.ok ? 0 : 1;
    expect(ourExit).toBe(promtoolExit.get(file));
  });
});
