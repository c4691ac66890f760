/**
 * Property: a range query is the instant query evaluated at every step (how Prometheus defines
 * it). Our range evaluation walks all steps at once with moving window pointers and a subquery
 * time union, so random data (gaps, counter resets, staleness markers) and random step grids
 * check that machinery against the per-step path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStorage, instantQuery, rangeQuery, STALE_NAN, type QueryValue } from '@alertcraft/promql';

const EXPRS = [
  'm',
  'rate(m[2m])',
  'increase(m[150s] offset 30s)',
  'sum by (g) (irate(m[3m]))',
  'max_over_time(m[4m]) - min_over_time(m[4m])',
  'avg_over_time(rate(m[2m])[5m:40s])',
  'deriv(m[5m])',
  'changes(m[6m]) + resets(m[6m])',
  'count_over_time(m[1m] @ 300)',
  'quantile_over_time(0.3, m[3m])',
  'last_over_time(m[2m]) or on(g) vector(1)',
  'topk(1, m) by (g)',
  'stddev by (g) (m)',
  'm > on(g) group_left avg by (g) (m)',
  'absent_over_time(m{g="a"}[1m])',
  'timestamp(m)',
  'holt_winters(m[6m], 0.4, 0.6)',
  'predict_linear(m[4m], 60)',
];

function toMap(v: QueryValue, t?: number): Map<string, number> {
  const out = new Map<string, number>();
  if (v.type === 'matrix') {
    for (const s of v.series)
      for (let i = 0; i < s.timestamps.length; i++)
        out.set(`${s.timestamps[i]} ${JSON.stringify(s.labels)}`, s.values[i]!);
  } else if (v.type === 'vector') {
    for (const s of v.samples) out.set(`${t} ${JSON.stringify(s.labels)}`, s.v);
  } else if (v.type === 'scalar') out.set(`${t} {}`, v.v);
  return out;
}

const sampleArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 20 }).map((d) => ({ kind: 'inc' as const, d })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const, d: 0 }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'gap' as const, d: 0 }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'stale' as const, d: 0 }) },
);

describe('range query = instant query at each step', () => {
  it('holds on random series, steps and expressions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(sampleArb, { minLength: 5, maxLength: 40 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 5, max: 30 }).map((s) => s * 1000),
        fc.integer({ min: 0, max: 600 }).map((s) => s * 1000),
        fc.integer({ min: 7, max: 120 }).map((s) => s * 1000),
        fc.constantFrom(...EXPRS),
        (seriesSpecs, scrape, start, step, expr) => {
          const st = createStorage();
          seriesSpecs.forEach((spec, si) => {
            const ts: number[] = [];
            const vals: number[] = [];
            const stale: boolean[] = [];
            let v = 0;
            spec.forEach((x, i) => {
              if (x.kind === 'gap') return;
              if (x.kind === 'reset') v = 0;
              else v += x.d;
              ts.push(i * scrape);
              vals.push(v);
              stale.push(x.kind === 'stale');
            });
            const tsa = Float64Array.from(ts);
            const vsa = Float64Array.from(vals);
            stale.forEach((s, i) => {
              if (s) vsa[i] = STALE_NAN;
            });
            st.appendSeries({ __name__: 'm', g: si % 2 ? 'a' : 'b', i: String(si) }, tsa, vsa);
          });
          const end = start + step * 8;
          let range: Map<string, number>;
          try {
            range = toMap(rangeQuery(st, expr, start, end, step));
          } catch (err) {
            // An error in range mode must be an error at some step in instant mode too.
            let instantError = false;
            for (let t = start; t <= end; t += step) {
              try {
                instantQuery(st, expr, t);
              } catch {
                instantError = true;
              }
            }
            expect(instantError, String(err)).toBe(true);
            return;
          }
          const inst = new Map<string, number>();
          for (let t = start; t <= end; t += step)
            for (const [k, v] of toMap(instantQuery(st, expr, t), t)) inst.set(k, v);
          expect(range).toEqual(inst);
        },
      ),
      {
        numRuns: Number(process.env.PROP_RUNS ?? 300),
        seed: process.env.PROP_SEED ? Number(process.env.PROP_SEED) : 42,
      },
    );
  });
});
