import { describe, expect, it } from 'vitest';
import { STALE_NAN } from '@alertcraft/promql';
import { computeScore } from './compute.js';
import { HealthScoreError } from './errors.js';
import { explainChange } from './explain.js';
import { createGrader, gradeSeries, TRAFFIC_LIGHT_GRADES } from './grades.js';
import { normalize } from './normalize.js';
import { aetherlinkHealthSpec, apdex, executiveErrorSpec, maestroPenaltySpec } from './presets.js';
import { evaluateScoreOverSeries } from './series.js';
import { validateSpec, type WeightedScoreSpec } from './spec.js';

const aether = aetherlinkHealthSpec();

function errorOf(fn: () => unknown): HealthScoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HealthScoreError) return e;
    throw e;
  }
  throw new Error('expected a HealthScoreError');
}

describe('seed 001: 40/40/20 cache / quality / efficiency', () => {
  it('all components present: 100 × (0.4 × 0.8 + 0.4 × (1 − 0.25) + 0.2 × (1 − 0.5)) = 72', () => {
    const r = computeScore(aether, { cache: 0.8, quality: 25, efficiency: 50 });
    expect(r.value).toBeCloseTo(72, 12);
    expect(r.coverage).toBe(1);
    expect(r.missing).toEqual([]);
  });

  it('renormalize (default) with efficiency missing: 100 × (0.4 × 0.8 + 0.4 × 0.75) / 0.8 = 77.5, coverage 0.8', () => {
    const r = computeScore(aether, { cache: 0.8, quality: 25, efficiency: null });
    expect(r.policy).toBe('renormalize');
    expect(r.value).toBeCloseTo(77.5, 12);
    expect(r.coverage).toBeCloseTo(0.8, 12);
    expect(r.missing).toEqual(['efficiency']);
    // contributions add up to the score
    expect(r.components.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(77.5, 12);
  });

  it('zero and fail on the same readings: 62 and no score', () => {
    expect(computeScore(aetherlinkHealthSpec({ missing: 'zero' }), { cache: 0.8, quality: 25 }).value).toBeCloseTo(
      62,
      12,
    );
    const f = computeScore(aetherlinkHealthSpec({ missing: 'fail' }), { cache: 0.8, quality: 25 });
    expect(f.value).toBeNull();
    expect(f.coverage).toBeCloseTo(0.8, 12);
  });

  it('rerank utilisation above 100 % is capped (efficiency 0, not negative)', () => {
    expect(computeScore(aether, { cache: 1, quality: 0, efficiency: 250 }).value).toBeCloseTo(80, 12);
  });

  it('nothing present: no score, coverage 0', () => {
    const r = computeScore(aether, {});
    expect(r.value).toBeNull();
    expect(r.coverage).toBe(0);
  });
});

describe('seed 000: penalty checker and executive 100 − error %', () => {
  const p = maestroPenaltySpec();
  it('start at 100; −20 availability < 99.9 %, −15 p95 > 1.5 s, −10 cost > $1/min', () => {
    expect(computeScore(p, { availability: 0.9995, latency: 1.2, cost: 0.5 }).value).toBe(100);
    const all = computeScore(p, { availability: 0.99, latency: 2, cost: 1.5 });
    expect(all.value).toBe(55);
    expect(all.issues).toEqual(['Availability below 99.9%', 'p95 latency above 1.5s', 'Cost burn above $1/min']);
    // boundaries: exactly 99.9 % is not below; exactly 1.5 s and $1/min are not above
    expect(computeScore(p, { availability: 0.999, latency: 1.5, cost: 1 }).value).toBe(100);
    expect(computeScore(p, { availability: 0.9989, latency: 1.5, cost: 1 }).value).toBe(80);
  });

  it('missing signals: renormalize deducts only for present ones; zero deducts for the missing', () => {
    const r = computeScore(p, { availability: 0.99 });
    expect(r.value).toBe(80);
    expect(r.coverage).toBeCloseTo(20 / 45, 12);
    expect(computeScore(maestroPenaltySpec({ missing: 'zero' }), { availability: 0.99 }).value).toBe(55);
  });

  it('floor at 0', () => {
    const spec = { ...p, components: p.components.map((c) => ({ ...c, points: 50 })) };
    expect(computeScore(spec, { availability: 0.9, latency: 3, cost: 3 }).value).toBe(0);
  });

  it('executive: 100 − error %', () => {
    expect(computeScore(executiveErrorSpec(), { success: 0.025 }).value).toBeCloseTo(97.5, 12);
  });

  it('Apdex from counts', () => {
    expect(apdex({ satisfied: 60, tolerating: 30, total: 100 })).toBe(0.75);
    expect(apdex({ satisfied: 0, tolerating: 0, total: 0 })).toBeNull();
    expect(errorOf(() => apdex({ satisfied: 60, tolerating: 50, total: 100 })).field).toBe('total');
  });
});

describe('normalisers', () => {
  it('linear, inverted linear, step, SLO-relative', () => {
    expect(normalize({ kind: 'linear', min: 0, max: 200 }, 50)).toBe(0.25);
    expect(normalize({ kind: 'linear', min: 100, max: 0 }, 25)).toBe(0.75);
    expect(normalize({ kind: 'linear', min: 0, max: 1 }, 7)).toBe(1);
    const step = {
      kind: 'step',
      below: 0,
      steps: [
        { threshold: 0.99, score: 0.5 },
        { threshold: 0.999, score: 1 },
      ],
    } as const;
    expect([0.9, 0.99, 0.995, 0.999].map((x) => normalize(step, x))).toEqual([0, 0.5, 0.5, 1]);
    // 99.95 % against 99.9 %: half the budget left; 99.8 %: none
    expect(normalize({ kind: 'slo', objective: 0.999, direction: 'atLeast' }, 0.9995)).toBeCloseTo(0.5, 9);
    expect(normalize({ kind: 'slo', objective: 0.999, direction: 'atLeast' }, 0.998)).toBe(0);
    expect(normalize({ kind: 'slo', objective: 0.01, direction: 'atMost' }, 0.0025)).toBeCloseTo(0.75, 12);
  });
});

describe('bad input names the field', () => {
  const w = (weights: number[]): WeightedScoreSpec => ({
    kind: 'weighted',
    name: 's',
    components: weights.map((weight, i) => ({ name: `c${i}`, weight })),
  });
  it('weights not summing to 1', () => {
    const e = errorOf(() => validateSpec(w([0.5, 0.3, 0.3])));
    expect(e.field).toBe('components[].weight');
    expect(e.message).toContain('sum to 1, got 1.1');
    expect(e.message).toContain('c0=0.5, c1=0.3, c2=0.3');
    // 0.1 + 0.2 + 0.7 is accepted (binary rounding)
    expect(() => validateSpec(w([0.1, 0.2, 0.7]))).not.toThrow();
  });
  it('negative, NaN and Inf weights name the component', () => {
    expect(errorOf(() => validateSpec(w([1.2, -0.2]))).field).toBe("components[1].weight (component 'c1')");
    expect(errorOf(() => validateSpec(w([NaN, 1]))).field).toBe("components[0].weight (component 'c0')");
    expect(errorOf(() => validateSpec(w([Infinity, 1]))).message).toContain('finite');
  });
  it('NaN and Inf readings name the component', () => {
    expect(errorOf(() => computeScore(aether, { cache: NaN, quality: 1, efficiency: 1 })).field).toBe('readings.cache');
    expect(errorOf(() => computeScore(aether, { cache: 1, quality: Infinity })).field).toBe('readings.quality');
    expect(errorOf(() => computeScore(aether, { cash: 1 })).message).toContain("no component 'cash'");
  });
  it('bad normalisers, duplicate names, unknown policy', () => {
    const base = aetherlinkHealthSpec();
    const bad = {
      ...base,
      components: [
        { ...base.components[0]!, normalize: { kind: 'slo', objective: 1, direction: 'atLeast' } },
        ...base.components.slice(1),
      ],
    } as WeightedScoreSpec;
    expect(errorOf(() => validateSpec(bad)).field).toBe("components[0].normalize (component 'cache').objective");
    const steps = {
      ...base,
      components: [
        {
          ...base.components[0]!,
          normalize: {
            kind: 'step',
            below: 0,
            steps: [
              { threshold: 2, score: 1 },
              { threshold: 1, score: 0.5 },
            ],
          },
        },
        ...base.components.slice(1),
      ],
    } as WeightedScoreSpec;
    expect(errorOf(() => validateSpec(steps)).field).toBe(
      "components[0].normalize (component 'cache').steps[1].threshold",
    );
    const dup = {
      ...base,
      components: [base.components[0]!, { ...base.components[1]!, name: 'cache' }, base.components[2]!],
    };
    expect(errorOf(() => validateSpec(dup)).field).toBe('components[1].name');
    expect(errorOf(() => validateSpec({ ...base, missing: 'ignore' as never })).field).toBe('missing');
  });
});

describe('grades with hysteresis', () => {
  it('a score hovering at a boundary does not flap', () => {
    const seq = [85, 79, 81, 78, 76, 74, 78, 80, 59, 61];
    expect(gradeSeries(seq, { grades: TRAFFIC_LIGHT_GRADES })).toEqual([
      'green',
      'yellow',
      'green',
      'yellow',
      'yellow',
      'yellow',
      'yellow',
      'green',
      'red',
      'yellow',
    ]);
    expect(gradeSeries(seq, { grades: TRAFFIC_LIGHT_GRADES, hysteresis: 5 })).toEqual([
      'green',
      'green',
      'green',
      'green',
      'green',
      'yellow',
      'yellow',
      'green',
      'red',
      'yellow',
    ]);
  });
  it('a fall through two grades at once lands in the right one; null keeps the grade', () => {
    const g = createGrader({ grades: TRAFFIC_LIGHT_GRADES, hysteresis: 5 });
    expect(g.next(90)).toBe('green');
    expect(g.next(null)).toBe('green');
    expect(g.next(40)).toBe('red');
    expect(g.next(58)).toBe('red');
    expect(g.next(60)).toBe('yellow');
  });
  it('rejects grades that do not descend', () => {
    expect(
      errorOf(() =>
        createGrader({
          grades: [
            { grade: 'a', min: 50 },
            { grade: 'b', min: 60 },
          ],
        }),
      ).field,
    ).toBe('grades[1].min');
  });
});

describe('explanation of a change', () => {
  it('names the component that drove the drop', () => {
    const before = computeScore(aether, { cache: 0.9, quality: 10, efficiency: 20 });
    const after = computeScore(aether, { cache: 0.3, quality: 12, efficiency: 20 });
    const x = explainChange(before, after);
    expect(x.driver).toBe('cache');
    expect(x.components[0]!.delta).toBeCloseTo(-24, 9);
    expect(x.delta).toBeCloseTo(-24.8, 9);
    expect(x.text).toBe('aether:health_score:15m 88.0 → 63.2 (−24.8): driven by cache 0.90 → 0.30 (−24.0)');
  });
  it('reports a component going missing and the coverage', () => {
    const before = computeScore(aether, { cache: 0.5, quality: 50, efficiency: 0 });
    const after = computeScore(aether, { cache: 0.5, quality: 50 });
    const x = explainChange(before, after);
    expect(x.becameMissing).toEqual(['efficiency']);
    expect(x.coverageAfter).toBeCloseTo(0.8, 12);
    expect(x.text).toContain('now missing: efficiency (coverage 0.80)');
  });
});

describe('replayed series', () => {
  const series = (metric: string, values: number[]) => ({
    labels: { __name__: metric },
    timestamps: Float64Array.from(values.map((_, i) => i * 60_000)),
    values: Float64Array.from(values),
  });
  const opts = { start: 0, end: 240_000, stepMs: 60_000 };
  it('a NaN or Inf sample is an error naming the component and the series', () => {
    const e = errorOf(() => evaluateScoreOverSeries(aether, { cache: [series('c', [0.5, NaN, 0.5, 0.5, 0.5])] }, opts));
    expect(e.field).toBe('inputs.cache');
    expect(e.message).toContain(
      'sample NaN of series {__name__="c"} at 1970-01-01T00:01:00.000Z is not a finite number',
    );
    expect(errorOf(() => evaluateScoreOverSeries(aether, { quality: [series('q', [Infinity])] }, opts)).field).toBe(
      'inputs.quality',
    );
  });
  it('a staleness marker is a missing reading, not an error', () => {
    const s = series('c', [0.5, 0.5, 0.5, 0.5, 0.5]);
    s.values[2] = STALE_NAN;
    const out = evaluateScoreOverSeries(aether, { cache: [s], quality: [series('q', [0, 0, 0, 0, 0])] }, opts);
    expect(out[0]!.points.map((p) => p.result.missing)).toEqual([
      ['efficiency'],
      ['efficiency'],
      ['cache', 'efficiency'],
      ['efficiency'],
      ['efficiency'],
    ]);
  });
});
