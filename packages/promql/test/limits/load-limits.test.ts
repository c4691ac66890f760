/**
 * What a test file may load is bounded in series, in expanded steps and in bytes: each limit
 * ends with an error at the file and line that passed it, and each can be raised.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOAD_LIMITS } from '../../src/load-limits.js';
import { parsePromqlTestFile } from '../../src/promqltest/parse-test-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/read-bounded.js';
import { readRuleFile } from '../../src/rules/rule-file.js';
import { runUnitTestFile } from '../../src/unittest/run.js';

const dir = mkdtempSync(join(tmpdir(), 'alertcraft-load-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = (lines: string[]) => `load 1m\n${lines.map((l) => `  ${l}`).join('\n')}\n`;

describe('promqltest load limits', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_LOAD_LIMITS).toEqual({ maxSeries: 100_000, maxSamples: 10_000_000 });
  });

  it('series: the one over the limit is named by line', () => {
    const text = load(['a 1', 'b 1', 'c 1']);
    expect(() => parsePromqlTestFile(text, 'f.test', { limits: { maxSeries: 2 } })).toThrow(
      'f.test:4: this series is one more than the 2 series a test may load (the limit; raise it with maxSeries / --max-series)',
    );
    expect(parsePromqlTestFile(text, 'f.test', { limits: { maxSeries: 3 } }).commands).toHaveLength(1);
  });

  it('samples: counted over the lines, `_` steps included', () => {
    const text = load(['a 1 2 3', 'b _x3']);
    expect(() => parsePromqlTestFile(text, 'f.test', { limits: { maxSamples: 5 } })).toThrow(
      'f.test:3: this series brings the samples loaded to 6, more than the 5 a test may load',
    );
    expect(() => parsePromqlTestFile(text, 'f.test', { limits: { maxSamples: 6 } })).not.toThrow();
  });

  it('expected series count too; `clear` starts the count again', () => {
    const text = 'load 1m\n  a 1 2\n\neval range from 0 to 1m step 1m a\n  a 1 2\n\nclear\n\nload 1m\n  b 1 2 3\n';
    expect(() => parsePromqlTestFile(text, 'f.test', { limits: { maxSamples: 3 } })).toThrow('f.test:5: ');
    expect(() => parsePromqlTestFile(text, 'f.test', { limits: { maxSamples: 4 } })).not.toThrow();
  });

  it('many 1M-step lines in a few kilobytes end at the default limit', () => {
    const text = load(Array.from({ length: 200 }, (_, i) => `m${i} 0+1x999998`));
    expect(text.length).toBeLessThan(4000);
    const t0 = performance.now();
    expect(() => parsePromqlTestFile(text, 'big.test')).toThrow(
      'big.test:12: this series brings the samples loaded to 10,999,989, more than the 10,000,000',
    );
    console.log(`[limits] 200 × 1M-step lines: stopped after ${(performance.now() - t0).toFixed(0)} ms`);
  });
});

describe('unit-test input_series limits', () => {
  const file = (name: string, series: string[]) => {
    const path = join(dir, name);
    writeFileSync(
      path,
      [
        'tests:',
        '  - interval: 1m',
        '    input_series:',
        ...series.flatMap((s) => [`      - series: '${s.split(' ')[0]}'`, `        values: '${s.split(' ')[1]}'`]),
        '    promql_expr_test:',
        '      - expr: count(a)',
        '        eval_time: 0',
        '        exp_samples: [{ labels: "{}", value: 1 }]',
        '',
      ].join('\n'),
    );
    return path;
  };

  it('the series over a limit fails its group at its line', () => {
    const path = file('limits_test.yml', ['a 1', 'b 1+1x4', 'c 1']);
    expect(runUnitTestFile(path).ok).toBe(true);
    const series = runUnitTestFile(path, { limits: { maxSeries: 2 } });
    expect(series.groups[0]!.errors[0]).toMatch(
      /limits_test\.yml:8: error in input series "c 1": this series is one more than the 2 series/,
    );
    const samples = runUnitTestFile(path, { limits: { maxSamples: 5 } });
    expect(samples.groups[0]!.errors[0]).toMatch(
      /limits_test\.yml:6: error in input series "b 1\+1x4": this series brings the samples loaded to 6, more than the 5/,
    );
  });
});

describe('file size limits', () => {
  it('has a documented default', () => {
    expect(DEFAULT_MAX_FILE_BYTES).toBe(64 * 1024 * 1024);
  });

  it('a unit-test file over maxBytes is unusable (exit 2) before it is read', () => {
    const path = join(dir, 'size_test.yml');
    writeFileSync(path, `tests: []\n${'#'.repeat(100)}\n`);
    const r = runUnitTestFile(path, { maxFileBytes: 100 });
    expect(r.fileError?.message).toBe(
      `${path}: file is 111 bytes, larger than the 100-byte limit (raise it with maxBytes / ALERTCRAFT_MAX_INPUT_BYTES)`,
    );
    expect(runUnitTestFile(path, { maxFileBytes: 111 }).fileError).toBeUndefined();
  });

  it('a rule file over maxBytes is one problem naming it', () => {
    const path = join(dir, 'rules.yml');
    writeFileSync(path, 'groups: []\n');
    expect(readRuleFile(path, { maxBytes: 10 }).problems[0]!.message).toBe(
      'cannot read rule file: file is 11 bytes, larger than the 10-byte limit (raise it with maxBytes / ALERTCRAFT_MAX_INPUT_BYTES)',
    );
    expect(readRuleFile(path, { maxBytes: 11 }).problems).toEqual([]);
  });
});
