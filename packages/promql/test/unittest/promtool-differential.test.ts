/**
 * Differential test: every unit-test file of this corpus is run by the real `promtool test rules`
 * (Debian's 2.42) and by our runner; the verdict of every test group and the exit code of every
 * file must agree, and must match the manifest (which groups are written to fail).
 * Per-group promtool verdicts come from splitting each file into one file per test group.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { needBinary, PROMTOOL_HINT } from '../../../../test-support/requirements.js';
import { runUnitTestFile, type FileResult } from '../../src/unittest/run.js';

const here = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8')) as {
  expectedFailures: Record<string, string[]>;
};
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.yml'))
  .sort();
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
if (!promtool.ok) console.warn(`skipping the promtool differential: ${promtool.reason}`);

const oursCache = new Map<string, FileResult>();
function ours(file: string): FileResult {
  let r = oursCache.get(file);
  if (!r) oursCache.set(file, (r = runUnitTestFile(join(here, file))));
  return r;
}

/** Runs promtool; resolves with exit code and stdout (never rejects on a non-zero exit). */
function runPromtool(args: string[], combined = false): Promise<{ status: number; stdout: string }> {
  return new Promise((done) => {
    // `combined`: stdout and stderr into one pipe (via sh) so the order of promtool's lines is kept.
    const [cmd, argv] = combined ? ['sh', ['-c', '"$0" "$@" 2>&1', promtool.value!, ...args]] : [promtool.value!, args];
    execFile(cmd as string, argv as string[], { encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout) => {
      const code = err ? ((err as { code?: unknown }).code as number | undefined) : 0;
      done({ status: typeof code === 'number' ? code : -1, stdout });
    });
  });
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

describe('unit-test corpus', () => {
  it('has at least 20 files, including expected failures', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(Object.values(manifest.expectedFailures).flat().length).toBeGreaterThan(0);
    for (const f of Object.keys(manifest.expectedFailures)) expect(files).toContain(f);
  });

  it.each(files)('%s: our verdicts match the manifest', (file) => {
    const res = ours(file);
    expect(res.fileError).toBeUndefined();
    const failing = res.groups.filter((g) => !g.ok).map((g) => g.name);
    expect(failing).toEqual(manifest.expectedFailures[file] ?? []);
  });
});

describe.skipIf(!promtool.ok)('promtool test rules (differential)', () => {
  let tmp = '';
  const promtoolGroups = new Map<string, boolean[]>();
  const promtoolExit = new Map<string, number>();
  /** promtool's combined output block (FAILED: and the messages) per file and group index. */
  const promtoolBlocks = new Map<string, string[]>();
  let comparedOutputs = 0;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'alertcraft-unittest-'));
    const split: Array<{ file: string; index: number; path: string }> = [];
    for (const file of files) {
      const doc = parse(readFileSync(join(here, file), 'utf8'), { version: '1.1' }) as Record<string, unknown>;
      const ruleFiles = ((doc.rule_files as string[] | undefined) ?? []).map((r) =>
        isAbsolute(r) ? r : resolve(here, r),
      );
      const tests = (doc.tests as unknown[] | undefined) ?? [];
      tests.forEach((tg, index) => {
        const path = join(tmp, `${file.replace(/\.test\.yml$/, '')}__${index}.yml`);
        writeFileSync(path, stringify({ ...doc, rule_files: ruleFiles, tests: [tg] }, { version: '1.1' }));
        split.push({ file, index, path });
      });
    }
    // Whole files (for exit codes) a few at a time, plus one run over all split files, whose stdout
    // says SUCCESS (or not) after each "Unit Testing:" line.
    let splitOut = '';
    await Promise.all([
      pool(files, 3, async (file) => {
        promtoolExit.set(file, (await runPromtool(['test', 'rules', join(here, file)])).status);
      }),
      runPromtool(['test', 'rules', ...split.map((s) => s.path)], true).then((r) => {
        splitOut = r.stdout;
      }),
    ]);
    // Blocks start at "Unit Testing:  <path>"; the rest of a block is SUCCESS or FAILED: + messages.
    const blocks = new Map<string, string>();
    const parts = splitOut.split(/^Unit Testing:\s+/m).slice(1);
    for (const part of parts) {
      const nl = part.indexOf('\n');
      blocks.set(part.slice(0, nl).trim(), part.slice(nl + 1));
    }
    for (const s of split) {
      const block = blocks.get(s.path) ?? '';
      const list = promtoolGroups.get(s.file) ?? [];
      list[s.index] = block.startsWith('  SUCCESS');
      promtoolGroups.set(s.file, list);
      const texts = promtoolBlocks.get(s.file) ?? [];
      texts[s.index] = block;
      promtoolBlocks.set(s.file, texts);
    }
  });

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.each(files)('%s: same verdict per test group and same exit code as promtool', (file) => {
    const mine = ours(file);
    expect(mine.groups.map((g) => `${g.name}: ${g.ok ? 'pass' : 'FAIL'}`)).toEqual(
      (promtoolGroups.get(file) ?? []).map((ok, i) => `${mine.groups[i]?.name}: ${ok ? 'pass' : 'FAIL'}`),
    );
    const ourExit = mine.ok ? 0 : 1;
    expect(ourExit).toBe(promtoolExit.get(file));
  });

  // The failure text (expected vs got) must be promtool's, byte for byte, except where the message
  // comes from the query engine itself (rule evaluation and expression errors).
  it.each(files)('%s: same failure output as promtool', (file) => {
    const mine = ours(file);
    mine.groups.forEach((g, i) => {
      const theirs = promtoolBlocks.get(file)?.[i] ?? '';
      if (g.ok) return;
      if (g.errors.some((e) => /^ {4}(rule: .*, err: |expr: .*, err: )/.test(e))) return;
      const text = `  FAILED:\n${g.errors.map((e) => `${e}\n\n`).join('')}\n`;
      expect(text).toBe(theirs);
      comparedOutputs++;
    });
  });

  it('compared the failure output of most expected failures', () => {
    expect(comparedOutputs).toBeGreaterThanOrEqual(Object.values(manifest.expectedFailures).flat().length - 2);
  });
});
