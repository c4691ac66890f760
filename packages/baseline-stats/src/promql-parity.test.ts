/**
 * Parity of the library's quantile_over_time, holt_winters and predict_linear with PromQL on the
 * same series: against the embedded engine (`@alertcraft/promql`) and against the real Prometheus
 * via `promtool test rules`, whose unit-test file carries the library's values as expectations.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, runInstantQuery, type Storage } from '@alertcraft/promql';
import { mulberry32 } from '@alertcraft/promql/testing';
import { holtWinters, predictLinear, quantileOverTime } from './promql-functions.js';
import { quantile } from './quantile.js';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';

const STEP_MS = 60_000;
const N = 90;

/** Three series: noisy level, trend with large magnitude, small values with negatives. */
function makeSeries(): Array<{ job: string; values: number[] }> {
  const rng = mulberry32(13);
  const round = (x: number) => Number(x.toPrecision(12));
  return [
    { job: 'noisy', values: Array.from({ length: N }, () => round(100 + 30 * rng())) },
    { job: 'trend', values: Array.from({ length: N }, (_, i) => round(1e6 + 2500 * i + 900 * rng())) },
    { job: 'small', values: Array.from({ length: N }, () => round(0.002 * (rng() - 0.5))) },
  ];
}

interface Case {
  expr: string;
  job: string;
  tMs: number;
  lib: number;
}

/** Samples a `[rangeMin m]` selector picks at tMs (evaluation times sit between samples). */
function window(values: number[], tMs: number, rangeMin: number): { ts: number[]; vs: number[] } {
  const ts: number[] = [];
  const vs: number[] = [];
  values.forEach((v, i) => {
    const t = i * STEP_MS;
    if (t > tMs - rangeMin * 60_000 && t <= tMs) {
      ts.push(t);
      vs.push(v);
    }
  });
  return { ts, vs };
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const s of makeSeries()) {
    for (const tMin of [12, 40, 75]) {
      const tMs = tMin * 60_000 + 30_000;
      const w10 = window(s.values, tMs, 10);
      const w15 = window(s.values, tMs, 15);
      for (const q of [0, 0.25, 0.5, 0.9, 0.99, 1]) {
        out.push({
          expr: `quantile_over_time(${q}, m{job="${s.job}"}[10m])`,
          job: s.job,
          tMs,
          lib: quantileOverTime(q, w10.vs),
        });
      }
      for (const [sf, tf] of [
        [0.3, 0.6],
        [0.8, 0.1],
        [0.5, 0.5],
      ] as const) {
        out.push({
          expr: `holt_winters(m{job="${s.job}"}[15m], ${sf}, ${tf})`,
          job: s.job,
          tMs,
          lib: holtWinters(w15.vs, sf, tf)!,
        });
      }
      for (const secs of [0, 300, 3600]) {
        out.push({
          expr: `predict_linear(m{job="${s.job}"}[10m], ${secs})`,
          job: s.job,
          tMs,
          lib: predictLinear(w10.ts, w10.vs, tMs, secs)!,
        });
      }
    }
  }
  return out;
}

function relClose(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

describe('PromQL functions vs the embedded engine', () => {
  let storage: Storage;
  beforeAll(() => {
    storage = createStorage();
    for (const s of makeSeries())
      storage.appendSeries(
        { __name__: 'm', job: s.job },
        s.values.map((_, i) => i * STEP_MS),
        s.values,
      );
  });

  it('equal to 1e-9 relative on every case', () => {
    const all = cases();
    expect(all.length).toBe(3 * 3 * 12);
    const bad: string[] = [];
    for (const c of all) {
      const r = runInstantQuery(storage, c.expr, c.tMs).value;
      if (r.type !== 'vector' || r.samples.length !== 1) throw new Error(`${c.expr}: expected one sample`);
      const got = r.samples[0]!.v;
      if (!relClose(got, c.lib)) bad.push(`${c.expr} @${c.tMs}: engine ${got}, library ${c.lib}`);
    }
    expect(bad).toEqual([]);
  });

  it('quantile (type 7) agrees with quantile_over_time inside [0, 1]; quantile_over_time has PromQL edges', () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6];
    for (const q of [0, 0.1, 0.33, 0.5, 0.875, 1])
      expect(relClose(quantile(xs, q), quantileOverTime(q, xs))).toBe(true);
    expect(quantileOverTime(-0.1, xs)).toBe(-Infinity);
    expect(quantileOverTime(1.1, xs)).toBe(Infinity);
    expect(quantileOverTime(0.5, [])).toBeNaN();
    // NaN sorts first, as Prometheus sorts it: the minimum of [NaN, 1, 2] is NaN.
    expect(quantileOverTime(0, [2, NaN, 1])).toBeNaN();
    expect(quantileOverTime(1, [2, NaN, 1])).toBe(2);
  });

  it('holt_winters and predict_linear need two samples and valid factors', () => {
    expect(holtWinters([1], 0.5, 0.5)).toBeUndefined();
    expect(predictLinear([0], [1], 0, 60)).toBeUndefined();
    expect(() => holtWinters([1, 2], 1, 0.5)).toThrow(/smoothing factor/);
    expect(() => holtWinters([1, 2], 0.5, 0)).toThrow(/trend factor/);
    // A constant window predicts the constant; a constant infinite one is NaN, as in PromQL.
    expect(predictLinear([0, 60_000], [7, 7], 60_000, 600)).toBe(7);
    expect(predictLinear([0, 60_000], [Infinity, Infinity], 60_000, 600)).toBeNaN();
  });
});

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

describe.skipIf(!promtool.ok)('PromQL functions vs the real Prometheus (promtool test rules)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baseline-stats-parity-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('promtool accepts the library values as expectations (exact float equality)', async () => {
    const series = makeSeries()
      .map((s) => `      - series: 'm{job="${s.job}"}'\n        values: '${s.values.map(String).join(' ')}'`)
      .join('\n');
    const tests = cases()
      .map((c) => {
        const t = `${Math.floor(c.tMs / 60_000)}m${(c.tMs % 60_000) / 1000}s`;
        return `      - expr: '${c.expr}'\n        eval_time: ${t}\n        exp_samples:\n          - labels: '{job="${c.job}"}'\n            value: ${String(c.lib)}`;
      })
      .join('\n');
    const file = join(dir, 'parity.test.yml');
    await writeFile(
      file,
      `rule_files: []\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n${series}\n    promql_expr_test:\n${tests}\n`,
    );
    const res = await promisify(execFile)(promtool.value!, ['test', 'rules', file]).catch(
      (e: { stdout?: string; stderr?: string }) => e,
    );
    const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
    expect(out).toContain('SUCCESS');
    expect(out).not.toContain('FAILED');
  });
});
