// The acceptance test of emission: the recording rules, evaluated by promql's engine over a
// synthetic replay, and the in-process computation give the same score on every step.
import { createStorage, evaluateRules, isStaleNaN, labelsKey, type SeriesData } from '@alertcraft/promql';
import { defineGroup, definePack, emitRuleFile, render } from '@alertcraft/rule-dsl';
import { describe, expect, it } from 'vitest';
import { healthScoreRules } from './emit.js';
import { aetherlinkHealthSpec, apdexSpec, maestroPenaltySpec } from './presets.js';
import { evaluateScoreOverSeries } from './series.js';
import type { HealthScoreSpec, MissingPolicy } from './spec.js';

const STEP = 30_000;
const START = 0;
const END = 6 * 3600_000;

/** Deterministic pseudo-random numbers (LCG), so the replay is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A gauge sampled every 30 s with values from `gen`, and gaps (no samples, longer than the 5 m
 * lookback) where `gap(t)` holds, so components go missing and come back.
 */
function gauge(labels: Record<string, string>, gen: (t: number) => number, gap: (t: number) => boolean): SeriesData {
  const ts: number[] = [];
  const vs: number[] = [];
  for (let t = START; t <= END; t += STEP) {
    if (gap(t)) continue;
    ts.push(t);
    vs.push(gen(t));
  }
  return { labels, timestamps: Float64Array.from(ts), values: Float64Array.from(vs) };
}

const hour = (t: number) => t / 3600_000;
const between = (a: number, b: number) => (t: number) => hour(t) >= a && hour(t) < b;

function inputs(): Record<string, SeriesData[]> {
  const r = rng(12);
  const out: Record<string, SeriesData[]> = { cache: [], quality: [], efficiency: [] };
  for (const tenant of ['a', 'b']) {
    const off = tenant === 'a' ? 0 : 1.5;
    // cache hit ratio 0..1 (with excursions outside 0..1 to exercise the clamp)
    out.cache!.push(gauge({ __name__: 'cache_ratio', tenant }, () => r() * 1.2 - 0.1, between(1 + off, 1.6 + off)));
    // low-confidence % 0..100, missing in another window
    out.quality!.push(gauge({ __name__: 'lowconf_pct', tenant }, () => r() * 100, between(2.5 + off, 3 + off)));
    // rerank utilisation %, above 100 at times (the cap), missing for a long stretch
    out.efficiency!.push(
      gauge(
        { __name__: 'rerank_pct', tenant },
        () => r() * 130,
        (t) => between(3.5, 4.5)(t) || between(1.2, 1.4)(t),
      ),
    );
  }
  return out;
}

function withInputs(spec: HealthScoreSpec, map: Record<string, string>): HealthScoreSpec {
  return { ...spec, components: spec.components.map((c) => ({ ...c, input: map[c.name] })) } as HealthScoreSpec;
}

/** Evaluates the spec's rules with the engine and returns the recorded score by series and time. */
function engineScores(
  spec: HealthScoreSpec,
  series: Record<string, SeriesData[]>,
  inline = false,
): Map<string, Map<number, number>> {
  const pack = definePack({
    name: 'health-test',
    description: 'health-score emission test',
    scrapeInterval: '30s',
    evaluationInterval: '30s',
    phases: [{ id: 'p', days: [0, 1] }],
    groups: [defineGroup({ name: 'health', rules: healthScoreRules(spec, { inline }) })],
  });
  const file = render(pack, 'p');
  expect(file.groups[0]!.rules).toHaveLength(inline ? 1 : 2 * spec.components.length + 2);
  const storage = createStorage();
  for (const list of Object.values(series))
    for (const s of list) storage.appendSeries(s.labels, s.timestamps, s.values);
  const res = evaluateRules(storage, file.groups, { start: START, end: END, defaultIntervalMs: STEP });
  expect(res.errors).toEqual([]);
  const out = new Map<string, Map<number, number>>();
  for (const s of storage.series()) {
    if (s.labels.__name__ !== spec.name) continue;
    const { __name__: _n, ...rest } = s.labels;
    const m = new Map<number, number>();
    s.timestamps.forEach((t, i) => {
      const v = s.values[i]!;
      if (!isStaleNaN(v)) m.set(t, v);
    });
    out.set(labelsKey(rest), m);
  }
  return out;
}

/** Both emission forms (per-component series, and one inline expression) against the in-process result. */
function compare(spec: HealthScoreSpec, series: Record<string, SeriesData[]>) {
  const a = compareForm(spec, series, false);
  const b = compareForm(spec, series, true);
  expect(b.steps).toBe(a.steps);
  return { steps: a.steps, maxRel: Math.max(a.maxRel, b.maxRel), local: a.local };
}

function compareForm(spec: HealthScoreSpec, series: Record<string, SeriesData[]>, inline: boolean) {
  const engine = engineScores(spec, series, inline);
  const local = evaluateScoreOverSeries(spec, series, { start: START, end: END, stepMs: STEP });
  let steps = 0;
  let maxRel = 0;
  expect([...engine.keys()].sort()).toEqual(local.map((s) => labelsKey(s.labels)).sort());
  for (const s of local) {
    const e = engine.get(labelsKey(s.labels))!;
    // the same steps have a score in both
    expect([...e.keys()]).toEqual(s.points.map((p) => p.t));
    for (const p of s.points) {
      const a = e.get(p.t)!;
      const b = p.result.value!;
      expect(Number.isFinite(a)).toBe(true);
      const rel = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
      maxRel = Math.max(maxRel, rel);
      steps++;
    }
  }
  return { steps, maxRel, local };
}

const AETHER_INPUTS = { cache: 'cache_ratio', quality: 'lowconf_pct', efficiency: 'rerank_pct' };

describe('recording rules agree with the in-process computation on every replayed step', () => {
  const series = inputs();
  for (const missing of ['renormalize', 'zero', 'fail'] as MissingPolicy[]) {
    it(`seed 001 weighted 40/40/20, missing=${missing}`, () => {
      const spec = withInputs(aetherlinkHealthSpec({ missing }), AETHER_INPUTS);
      const { steps, maxRel, local } = compare(spec, series);
      expect(steps).toBeGreaterThan(1000);
      expect(maxRel).toBeLessThanOrEqual(1e-9);
      // the replay has steps with a missing component, and (except for `fail`) they are scored
      const partial = local.flatMap((s) => s.points).filter((p) => p.result.missing.length > 0);
      if (missing === 'fail') expect(partial).toHaveLength(0);
      else expect(partial.length).toBeGreaterThan(100);
    });
  }

  for (const missing of ['renormalize', 'zero', 'fail'] as MissingPolicy[]) {
    it(`seed 000 penalty checker (step normalisers), missing=${missing}`, () => {
      const r = rng(7);
      const s: Record<string, SeriesData[]> = {
        availability: [gauge({ __name__: 'avail' }, () => 0.998 + r() * 0.002, between(2, 2.5))],
        latency: [gauge({ __name__: 'p95' }, () => 1 + r(), between(4, 4.2))],
        cost: [
          gauge(
            { __name__: 'cost_per_min' },
            () => r() * 2,
            () => false,
          ),
        ],
      };
      const spec = withInputs(maestroPenaltySpec({ missing }), {
        availability: 'avail',
        latency: 'p95',
        cost: 'cost_per_min',
      });
      const { steps, maxRel, local } = compare(spec, s);
      expect(steps).toBeGreaterThan(500);
      expect(maxRel).toBeLessThanOrEqual(1e-9);
      // every penalty combination occurs: the score takes several distinct values
      expect(new Set(local[0]!.points.map((p) => p.result.value)).size).toBeGreaterThanOrEqual(4);
    });
  }

  it('SLO-relative normalisers (atLeast and atMost)', () => {
    const r = rng(3);
    const s: Record<string, SeriesData[]> = {
      avail: [gauge({ __name__: 'good_ratio', svc: 'x' }, () => 0.995 + r() * 0.005, between(1, 2))],
      errors: [gauge({ __name__: 'bad_ratio', svc: 'x' }, () => r() * 0.02, between(3, 3.5))],
    };
    const spec: HealthScoreSpec = {
      kind: 'weighted',
      name: 'svc:slo_health:5m',
      components: [
        {
          name: 'avail',
          weight: 0.7,
          normalize: { kind: 'slo', objective: 0.999, direction: 'atLeast' },
          input: 'good_ratio',
        },
        {
          name: 'errors',
          weight: 0.3,
          normalize: { kind: 'slo', objective: 0.01, direction: 'atMost' },
          input: 'bad_ratio',
        },
      ],
    };
    const { steps, maxRel } = compare(spec, s);
    expect(steps).toBeGreaterThan(500);
    expect(maxRel).toBeLessThanOrEqual(1e-9);
  });

  it('emits no NaN or Inf literal, and a NaN reading yields no score rather than NaN', () => {
    const spec = withInputs(aetherlinkHealthSpec(), AETHER_INPUTS);
    const pack = definePack({
      name: 'health-test',
      description: 'x',
      scrapeInterval: '30s',
      phases: [{ id: 'p', days: [0, 1] }],
      groups: [defineGroup({ name: 'health', rules: healthScoreRules(spec) })],
    });
    const text = emitRuleFile(render(pack, 'p'));
    expect(text).not.toMatch(/NaN|Inf/);
    const storage = createStorage();
    // every component reads NaN at every step: the engine records no score at all
    for (const [name, metric] of Object.entries(AETHER_INPUTS)) {
      storage.appendSeries(
        { __name__: metric },
        Float64Array.from([0, 30_000, 60_000]),
        Float64Array.from([NaN, NaN, NaN]),
      );
      expect(name).toBeTruthy();
    }
    evaluateRules(storage, render(pack, 'p').groups, { start: 0, end: 60_000, defaultIntervalMs: STEP });
    const recorded = storage
      .series()
      .filter((s) => s.labels.__name__ === spec.name || s.labels.__name__ === `${spec.name}:component_score`);
    expect(recorded).toEqual([]);
  });

  it('Apdex over a classic histogram equals (satisfied + tolerating / 2) / total', () => {
    // cumulative buckets: 60 % ≤ 0.3 s, 90 % ≤ 1.2 s of 10 requests/s
    const counter = (le: string, perSec: number): SeriesData =>
      gauge(
        { __name__: le === 'count' ? 'req_seconds_count' : 'req_seconds_bucket', ...(le === 'count' ? {} : { le }) },
        (t) => (perSec * t) / 1000,
        () => false,
      );
    const s = [counter('0.3', 6), counter('1.2', 9), counter('+Inf', 10), counter('count', 10)];
    const spec = apdexSpec({ histogram: 'req_seconds', t: 0.3 });
    const engine = engineScores(spec, { x: s });
    const values = [...engine.get(labelsKey({}))!.values()];
    expect(values.length).toBeGreaterThan(100);
    for (const v of values) expect(v).toBeCloseTo((6 + 3 / 2) / 10, 12);
    // a whole-number bound matches both `1` and `1.0` (T = 0.25 s, 4T = 1 s written as "1.0")
    const s2 = [counter('0.25', 5), counter('1.0', 8), counter('+Inf', 10), counter('count', 10)];
    const v2 = [
      ...engineScores(apdexSpec({ histogram: 'req_seconds', t: 0.25 }), { x: s2 })
        .get(labelsKey({}))!
        .values(),
    ];
    expect(v2.length).toBeGreaterThan(100);
    for (const v of v2) expect(v).toBeCloseTo((5 + 3 / 2) / 10, 12);
  });
});
