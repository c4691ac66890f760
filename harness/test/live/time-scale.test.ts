/**
 * Time-scaled rules. The evidence that the scaling preserves meaning is a differential run on the
 * embedded engine (which passes Prometheus' own promqltest files): the scenario stored at its own
 * timestamps and evaluated with the original expression, against the same samples compressed 30×
 * (what a 1 s scrape of the exporter records for a 30 s scenario step) evaluated with the scaled
 * expression at the matching wall time. Results must agree to floating-point precision.
 */
import { describe, expect, it } from 'vitest';
import { createStorage, runInstantQuery, type QueryValue } from '@alertcraft/promql';
import { emitAlertmanagerConfig, isRecordingRule } from '@alertcraft/rule-dsl';
import { getPack, renderPhase, exampleInputs } from '../../src/pack-registry/registry.js';
import { scaleAlertmanagerConfig, scaleExpr, scaleRuleFile, type TimeScaleWarning } from '../../src/live/time-scale.js';
import { LIVE_T0, liveScenario } from './fixtures/live-scenario.js';

const MIN = 60_000;

describe('scaleExpr', () => {
  const s60 = { speedup: 60 };
  it('divides ranges, offsets and subquery ranges/steps; divides per-second functions by the speedup', () => {
    expect(scaleExpr('rate(x_total[5m])', s60)).toBe('(rate(x_total[5s]) / 60)');
    expect(scaleExpr('sum by (t) (increase(x_total{a="b"}[15m] offset 1h))', s60)).toBe(
      'sum by (t) (increase(x_total{a="b"}[15s] offset 1m))',
    );
    expect(scaleExpr('max_over_time(avg(y)[30m:1m])', s60)).toBe('max_over_time(avg(y)[30s:1s])');
    expect(scaleExpr('deriv(g[10m]) > 0 and irate(x_total[5m]) > 1', s60)).toBe(
      '(deriv(g[10s]) / 60) > 0 and (irate(x_total[5s]) / 60) > 1',
    );
    expect(scaleExpr('predict_linear(g[1h], 4 * 3600) < 0', s60)).toBe('predict_linear(g[1m], ((4 * 3600) / 60)) < 0');
    expect(scaleExpr('a / b > 0.05', s60)).toBe('a / b > 0.05');
  });

  it('raises a range under 4 scrapes to 4 s and says so', () => {
    const w: TimeScaleWarning[] = [];
    expect(scaleExpr('rate(x_total[2m])', s60, w, 'groups[0].rules[1]')).toBe('(rate(x_total[4s]) / 60)');
    expect(w).toEqual([
      {
        code: 'live/range-clamped',
        path: 'groups[0].rules[1]',
        message: expect.stringContaining('raised to 4s (= 4m of scenario time)'),
      },
    ]);
  });

  it('maps time() and timestamp() back to scenario seconds', () => {
    expect(scaleExpr('time() - x > 60', { speedup: 10, scenarioStartMs: 1_000_000, wallStartMs: 2_000_000 })).toBe(
      '(1000 + (time() - 2000) * 10) - x > 60',
    );
    expect(scaleExpr('hour() > 3', { speedup: 10, scenarioStartMs: 1_000_000, wallStartMs: 2_000_000 })).toBe(
      'hour(vector((1000 + (time() - 2000) * 10))) > 3',
    );
  });

  it('rejects a bad speedup and an expression that does not parse', () => {
    expect(() => scaleExpr('up', { speedup: 0 })).toThrow(/speedup must be a positive number/);
    expect(() => scaleExpr('rate(x[5m]', s60, [], 'groups[0].rules[0]')).toThrow(
      /groups\[0\]\.rules\[0\]: cannot scale an expression that does not parse/,
    );
  });
});

describe('scaleRuleFile and scaleAlertmanagerConfig', () => {
  it('scales for, keep_firing_for and group intervals, and leaves labels and annotations alone', () => {
    const { file, warnings } = scaleRuleFile(
      {
        groups: [
          {
            name: 'g',
            interval: '30s',
            rules: [
              {
                alert: 'A',
                expr: 'rate(x_total[5m]) > 1',
                for: '10m',
                keep_firing_for: '2m',
                labels: { severity: 'page' },
                annotations: { summary: '{{ $value }}' },
              },
              { record: 'r', expr: 'sum(x)' },
            ],
          },
        ],
      },
      { speedup: 60 },
    );
    expect(warnings).toEqual([]);
    expect(file).toEqual({
      groups: [
        {
          name: 'g',
          interval: '500ms',
          rules: [
            {
              alert: 'A',
              expr: '(rate(x_total[5s]) / 60) > 1',
              for: '10s',
              keep_firing_for: '2s',
              labels: { severity: 'page' },
              annotations: { summary: '{{ $value }}' },
            },
            { record: 'r', expr: 'sum(x)' },
          ],
        },
      ],
    });
  });

  it('scales the Alertmanager route timers, making the root defaults explicit', () => {
    const config = scaleAlertmanagerConfig(
      getPack('aetherlink').alertmanager('production', { webhookBaseUrl: 'http://127.0.0.1:1/webhook' }),
      60,
    );
    expect(config.route).toMatchObject({ group_wait: '500ms', group_interval: '5s', repeat_interval: '4m' });
    expect(config.route.routes?.map((r) => [r.group_wait, r.group_interval, r.repeat_interval])).toEqual([
      ['167ms', undefined, '30s'],
      [undefined, undefined, '1m'],
    ]);
    expect(emitAlertmanagerConfig(config)).toContain('url: http://127.0.0.1:1/webhook/oncall-pager');
  });
});

/** Instant-query values as `labels → value` (scalars under the key 'scalar'). */
function valuesOf(v: QueryValue): Map<string, number> {
  const out = new Map<string, number>();
  if (v.type === 'scalar') out.set('scalar', v.v);
  else if (v.type === 'vector') for (const s of v.samples) out.set(JSON.stringify(s.labels), s.v);
  return out;
}

describe('differential: original rules on scenario time = scaled rules on compressed time (embedded engine)', () => {
  const SPEEDUP = 30; // 30 s scenario step ↔ 1 s scrape: the compressed store holds exactly the same samples
  const W0 = Date.UTC(2026, 0, 1);
  const T0 = LIVE_T0;
  const original = createStorage();
  const compressed = createStorage();
  for (const s of liveScenario().series()) {
    original.appendSeries(s.labels, s.timestamps, s.values);
    compressed.appendSeries(
      s.labels,
      s.timestamps.map((t) => W0 + (t - T0) / SPEEDUP),
      s.values,
    );
  }
  const pack = getPack('aetherlink');
  const rules = renderPhase(pack, 'production', exampleInputs(pack)).groups.flatMap((g) => g.rules);
  const exprs = [
    ...rules
      .filter(isRecordingRule)
      .map((r) => r.expr)
      .filter((e) => !e.includes('aether:')),
    'sum(rate(aether_cache_requests_total[5m])) * 60 > 100',
    'sum by (tenant_id) (irate(aether_answers_total[2m]))',
    'deriv(aether_cost_usd_total[10m])',
    'predict_linear(aether_cost_usd_total[30m], 3600)',
    'max_over_time(sum(rate(aether_answers_total[5m]))[30m:1m])',
    'sum(increase(aether_rerank_requests_total[15m] offset 10m))',
    'sum by (confidence) (rate(aether_answers_total[5m])) / scalar(sum(rate(aether_answers_total[5m])))',
    'time()',
    'hour()',
    'timestamp(aether_rerank_budget_per_15m)',
  ];
  const times = Array.from({ length: 17 }, (_, i) => T0 + 30 * MIN + i * 5 * MIN);

  it.each(exprs)('%s', (expr) => {
    const scaled = scaleExpr(expr, { speedup: SPEEDUP, scenarioStartMs: T0, wallStartMs: W0 });
    let compared = 0;
    for (const t of times) {
      const a = valuesOf(runInstantQuery(original, expr, t).value);
      const b = valuesOf(
        runInstantQuery(compressed, scaled, W0 + (t - T0) / SPEEDUP, {
          lookbackDeltaMs: 300_000 / SPEEDUP,
          subqueryStepMs: 60_000 / SPEEDUP,
        }).value,
      );
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [k, v] of a) {
        const w = b.get(k)!;
        if (Number.isNaN(v)) expect(w).toBeNaN();
        else expect(Math.abs(w - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
