/**
 * Query work is bounded like Prometheus' `--query.max-samples`: selectors charge the step values
 * they allocate before allocating them and range windows are checked as they are read, so a query
 * over too many samples ends with Prometheus' error, fast and without taking the memory.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../../test-support/requirements.js';
import { runInstantQuery, runRangeQuery } from '../../src/eval/query.js';
import { DEFAULT_MAX_SAMPLES, TOO_MANY_SAMPLES } from '../../src/eval/sample-budget.js';
import { createStorage } from '../../src/storage/memory-storage.js';
import { formatUnitTestOutput, runUnitTestFile } from '../../src/unittest/run.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function storageOf(series: number, samples: number, stepMs = 1000) {
  const st = createStorage();
  for (let s = 0; s < series; s++) {
    const ts = new Float64Array(samples);
    const vs = new Float64Array(samples);
    for (let i = 0; i < samples; i++) {
      ts[i] = i * stepMs;
      vs[i] = i;
    }
    st.appendSeries({ __name__: 'x', i: String(s) }, ts, vs);
  }
  return st;
}

describe('query sample budget (maxSamples)', () => {
  it("has Prometheus' default and message", () => {
    expect(DEFAULT_MAX_SAMPLES).toBe(50_000_000);
    expect(TOO_MANY_SAMPLES).toBe('query processing would load too many samples into memory in query execution');
  });

  it('an instant selector: one sample per series', () => {
    const st = storageOf(3, 1);
    expect(() => runInstantQuery(st, 'x', 0, { maxSamples: 2 })).toThrow(TOO_MANY_SAMPLES);
    const r = runInstantQuery(st, 'x', 0, { maxSamples: 3 });
    expect(r.value.type === 'vector' && r.value.samples.length).toBe(3);
  });

  it('series with nothing in range cost nothing', () => {
    const st = storageOf(3, 1);
    expect(runInstantQuery(st, 'x', 3_600_000, { maxSamples: 1 }).value).toEqual({ type: 'vector', samples: [] });
  });

  it('a range window: its points count while read', () => {
    const st = storageOf(1, 5);
    expect(() => runInstantQuery(st, 'count_over_time(x[1h])', 4000, { maxSamples: 4 })).toThrow(TOO_MANY_SAMPLES);
    const r = runInstantQuery(st, 'count_over_time(x[1h])', 4000, { maxSamples: 5 });
    expect(r.value.type === 'vector' && r.value.samples[0]!.v).toBe(5);
    expect(() => runInstantQuery(st, 'x[1h]', 4000, { maxSamples: 4 })).toThrow(TOO_MANY_SAMPLES);
    expect(runInstantQuery(st, 'x[1h]', 4000, { maxSamples: 5 }).value.type).toBe('matrix');
  });

  it('a range query: steps × series', () => {
    const st = storageOf(2, 10);
    // 10 steps × 2 series = 20 step values.
    expect(() => runRangeQuery(st, 'x', 0, 9000, 1000, { maxSamples: 19 })).toThrow(TOO_MANY_SAMPLES);
    expect(runRangeQuery(st, 'x', 0, 9000, 1000, { maxSamples: 20 }).value.type).toBe('matrix');
  });

  it('a subquery: its inner steps count', () => {
    const st = storageOf(1, 61, 60_000);
    // x[1h:1m] at 1h: 61 inner steps of the selector, then 61 points in the window.
    expect(() => runInstantQuery(st, 'max_over_time(x[1h:1m])', 3_600_000, { maxSamples: 100 })).toThrow(
      TOO_MANY_SAMPLES,
    );
    expect(runInstantQuery(st, 'max_over_time(x[1h:1m])', 3_600_000, { maxSamples: 200 }).value.type).toBe('vector');
  });

  it('rejects a budget that is not positive', () => {
    expect(() => runInstantQuery(storageOf(1, 1), 'x', 0, { maxSamples: 0 })).toThrow('maxSamples must be a positive');
  });

  it('a range query over 10M step values stops at the budget, fast and without the memory', () => {
    // 10,000 series with one sample each, seen at every one of 1,001 steps (a long lookback): 10,010,000 values.
    const st = createStorage();
    for (let s = 0; s < 10_000; s++) st.append({ __name__: 'x', i: String(s) }, 0, s);
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    expect(() =>
      runRangeQuery(st, 'sum(x)', 0, 1000 * 60_000, 60_000, { maxSamples: 1_000_000, lookbackDeltaMs: 1e12 }),
    ).toThrow(TOO_MANY_SAMPLES);
    const ms = performance.now() - t0;
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
    console.log(`[limits] 10M-value range query: stopped after ${ms.toFixed(0)} ms, heap +${heapMb.toFixed(0)} MB`);
    expect(ms).toBeLessThan(1000);
    // 1M values held at 9 bytes each is ~9 MB; all 10M would be ~90 MB.
    expect(heapMb).toBeLessThan(40);
  });

  it('a window over 2M stored samples stops at the budget without copying them', () => {
    const st = storageOf(1, 2_000_000);
    const t0 = performance.now();
    expect(() => runInstantQuery(st, 'x[1y]', 2_000_000_000, { maxSamples: 1_000_000 })).toThrow(TOO_MANY_SAMPLES);
    expect(() => runInstantQuery(st, 'count_over_time(x[1y])', 2_000_000_000, { maxSamples: 1_000_000 })).toThrow(
      TOO_MANY_SAMPLES,
    );
    const ms = performance.now() - t0;
    console.log(`[limits] 2M-point windows: stopped after ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
    // Under the default budget the same query runs.
    const r = runInstantQuery(st, 'count_over_time(x[1y])', 2_000_000_000);
    expect(r.value.type === 'vector' && r.value.samples[0]!.v).toBe(2_000_000);
  });
});

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

describe('unit-test expression queries have promtool’s 10,000-sample budget', () => {
  const file = join(fixtures, 'max-samples.test.yml');

  it('ours: the 18,001-point window fails with the message, the 9,001-point one passes', () => {
    const res = runUnitTestFile(file);
    expect(res.groups.map((g) => g.ok)).toEqual([false, true]);
    expect(res.groups[0]!.errors[0]).toBe(`    expr: "count_over_time(x[1d])", time: 5h, err: ${TOO_MANY_SAMPLES}`);
  });

  it.skipIf(!promtool.ok)('promtool says the same', () => {
    const r = spawnSync(promtool.value!, ['test', 'rules', file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const ours = formatUnitTestOutput({ files: [runUnitTestFile(file)], exitCode: 1 })
      .filter((l) => l.stream === 'stderr')
      .map((l) => l.line);
    for (const line of ours) expect(r.stderr).toContain(line);
    expect(r.stderr).toContain(TOO_MANY_SAMPLES);
  });
});
