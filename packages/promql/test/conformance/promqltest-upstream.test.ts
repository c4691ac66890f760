/**
 * Runs upstream Prometheus v2.54.1 promqltest files (read from ../shared/conformance at test
 * time, never copied) on the embedded engine and pins the set of failing cases to
 * known-failures.json: a new failure, or a known failure that now passes, fails this test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { required, sharedDir } from '../../../../test-support/requirements.js';
import { describe, expect, it } from 'vitest';
import { parsePromqlTestFile, runPromqlTestFile, type CaseResult } from '@alertcraft/promql';

const DIR = process.env.PROMQLTEST_DIR ?? join(sharedDir, 'conformance', 'promqltest-v2.54.1');
const present = existsSync(DIR);
if (!present && required('local'))
  throw new Error(`ALERTCRAFT_REQUIRE=local: upstream promqltest files not found at ${DIR}`);
if (!present) console.warn(`skipping upstream promqltest conformance: ${DIR} not found (set PROMQLTEST_DIR)`);

interface KnownFailure {
  file: string;
  line: number;
  expression: string;
  reason: string;
}

const known: KnownFailure[] = JSON.parse(readFileSync(new URL('./known-failures.json', import.meta.url), 'utf8'));

describe.skipIf(!present)('upstream promqltest v2.54.1 conformance', () => {
  const files = present
    ? readdirSync(DIR)
        .filter((f) => f.endsWith('.test'))
        .sort()
    : [];
  const cases: CaseResult[] = [];
  for (const f of files) {
    const result = runPromqlTestFile(parsePromqlTestFile(readFileSync(join(DIR, f), 'utf8'), f));
    cases.push(...result.cases);
  }
  const passed = cases.filter((c) => c.status === 'passed').length;
  const failed = cases.filter((c) => c.status === 'failed');
  const skipped = cases.filter((c) => c.status === 'skipped');
  console.log(`promqltest v2.54.1: ${passed} passed, ${failed.length} failed, ${skipped.length} skipped`);

  it('runs every upstream file', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(cases.length).toBeGreaterThan(700);
  });

  it('fails exactly the cases listed in known-failures.json', () => {
    const key = (c: { file: string; line: number; expression?: string; expr?: string }) =>
      `${c.file}:${c.line}: ${c.expression ?? c.expr}`;
    const actual = failed.map((c) => `${key(c)} -- ${c.reason}`);
    const knownKeys = new Set(known.map(key));
    const newFailures = actual.filter((a) => !knownKeys.has(a.slice(0, a.indexOf(' -- '))));
    const failedKeys = new Set(failed.map(key));
    const nowPassing = known.filter((k) => !failedKeys.has(key(k))).map(key);
    expect({ newFailures, nowPassing }).toEqual({ newFailures: [], nowPassing: [] });
  });

  it('passes at least 97% of the non-skipped cases', () => {
    expect(passed / (passed + failed.length)).toBeGreaterThanOrEqual(0.97);
  });

  it('skips only cases that need native histograms, each with a reason', () => {
    for (const c of skipped) expect(c.reason).toMatch(/native histogram/);
    expect(skipped.every((c) => c.file === 'native_histograms.test' || c.file === 'histograms.test')).toBe(true);
  });
});
