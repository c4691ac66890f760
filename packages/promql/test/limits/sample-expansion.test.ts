/**
 * Series expansion is bounded (MAX_SERIES_STEPS): the 48-byte promqltest file of issue #16 and its
 * unit-test twin end with a located error quickly instead of exhausting memory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandSeriesValues, MAX_SERIES_STEPS } from '../../src/input-series.js';
import { parsePromqlTestFile, PromqlTestFileError } from '../../src/promqltest/parse-test-file.js';
import { formatUnitTestOutput, runUnitTests } from '../../src/unittest/run.js';

function timed<T>(f: () => T): { value?: T; error?: unknown; ms: number; heapMb: number } {
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  try {
    const value = f();
    return { value, ms: performance.now() - t0, heapMb: (process.memoryUsage().heapUsed - heap0) / 2 ** 20 };
  } catch (error) {
    return { error, ms: performance.now() - t0, heapMb: (process.memoryUsage().heapUsed - heap0) / 2 ** 20 };
  }
}

describe('bounded sample expansion', () => {
  it('the 48-byte promqltest file fails at its line and column in under 1 s', () => {
    const text = 'load 1ms\n  x 0+1x999999999999999999999999999999\n';
    expect(Buffer.byteLength(text)).toBe(48);
    const r = timed(() => parsePromqlTestFile(text, 'big.test'));
    console.log(`[limits] promqltest: ${r.ms.toFixed(0)} ms, heap +${r.heapMb.toFixed(0)} MB`);
    expect(r.error).toBeInstanceOf(PromqlTestFileError);
    expect((r.error as Error).message).toBe(
      `big.test:2: series value "0+1x999999999999999999999999999999" at column 3 expands the series to more than 1,000,000 steps (the limit)`,
    );
    expect(r.ms).toBeLessThan(1000);
    expect(r.heapMb).toBeLessThan(200);
  });

  it('its unit-test twin fails with the file and the series named', () => {
    const text = [
      'rule_files: []',
      'tests:',
      '  - interval: 1ms',
      '    input_series:',
      "      - series: 'x'",
      "        values: '0+1x999999999999999999999999999999'",
      '    promql_expr_test:',
      '      - expr: x',
      '        eval_time: 0',
      '        exp_samples: [{ labels: x, value: 0 }]',
      '',
    ].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'alertcraft-limits-'));
    try {
      writeFileSync(join(dir, 'big_test.yml'), text);
      const r = timed(() => runUnitTests([join(dir, 'big_test.yml')]));
      console.log(`[limits] unit test: ${r.ms.toFixed(0)} ms, heap +${r.heapMb.toFixed(0)} MB`);
      // promtool reports a bad input series as a failed test group (exit 1), not an unreadable file.
      expect(r.value?.exitCode).toBe(1);
      const out = formatUnitTestOutput(r.value!)
        .map((l) => l.line)
        .join('\n');
      expect(out).toContain('expands the series to more than 1,000,000 steps');
      console.log(out);
      expect(r.ms).toBeLessThan(1000);
      expect(r.heapMb).toBeLessThan(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still expands right up to the limit', () => {
    const t0 = performance.now();
    expect(expandSeriesValues(`0+1x${MAX_SERIES_STEPS - 2} 5`).values.length).toBe(MAX_SERIES_STEPS);
    console.log(`[limits] expanding ${MAX_SERIES_STEPS} steps: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(() => expandSeriesValues(`0+1x${MAX_SERIES_STEPS - 2} 5 6`)).toThrow('"6" at column 14 expands');
    expect(() => parsePromqlTestFile(`load 1ms\n  x _x${MAX_SERIES_STEPS + 1}\n`, 'no.test')).toThrow(
      'at column 3 expands',
    );
  });
});
