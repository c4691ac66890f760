import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maestroPack } from '../test/fixtures/maestro-pack.js';
import { ast } from '../test/ast.js';
import { MissingValuesError, RuleDslInputError, RuleExpressionError } from './errors.js';
import { emitRuleFile } from './emit/rule-file.js';
import { loadRuleFile } from './load/rule-file.js';
import type { RuleFile } from './model.js';
import { formatNumber } from './number-format.js';
import { defineAlert, defineGroup, definePack, phaseForDay } from './pack.js';
import { promql } from './promql-template.js';
import { render, renderAll } from './render.js';
import { baseline, context, type Threshold } from './values.js';

const fixture = (name: string): string => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');

/** Fill the seed's Helm placeholders `{{ .Values.a.b.c * x * y }}` the way Helm would. */
function helm(text: string, values: Record<string, unknown>): string {
  return text.replace(/\{\{ \.Values\.([\w.]+)((?: \* [\d.]+)*) \}\}/g, (_m, path: string, ops: string) => {
    let v = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], values) as number;
    for (const f of ops.split(' * ').slice(1)) v *= Number(f);
    return formatNumber(v);
  });
}

/** Rule files compared with expressions as syntax trees (the seed's spacing and parentheses differ). */
function comparable(f: RuleFile): unknown {
  return f.groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, expr: ast(r.expr) })) }));
}

describe('render(pack, phase, context): seed 000', () => {
  const ctx = { baselines: maestroPack.exampleBaselines!, values: maestroPack.exampleValues! };

  it("day0 renders the seed's day-0 hair-trigger file", () => {
    expect(comparable(render(maestroPack, 'day0'))).toEqual(comparable(loadRuleFile(fixture('seed-000-day0.yaml'))));
  });

  it("day4 renders the seed's calibrated file with baselines filled in as Helm would", () => {
    const expected = loadRuleFile(helm(fixture('seed-000-day4.yaml.tmpl'), { baselines: ctx.baselines }));
    expect(comparable(render(maestroPack, 'day4', ctx))).toEqual(comparable(expected));
  });

  it("day8 renders the seed's mature file with the capacity value from context", () => {
    const expected = loadRuleFile(helm(fixture('seed-000-day8.yaml.tmpl'), ctx.values));
    expect(comparable(render(maestroPack, 'day8', ctx))).toEqual(comparable(expected));
  });

  it('reports every missing baseline in ONE error', () => {
    let err: unknown;
    try {
      render(maestroPack, 'day4', { baselines: { error_rate: { p95: 0.01 } } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MissingValuesError);
    const m = err as MissingValuesError;
    expect(m.code).toBe('rule-dsl/missing-values');
    expect(m.missing.map((x) => x.key).sort()).toEqual([
      'cost_burn.max',
      'cost_burn.p90',
      'p95_latency.p90',
      'run_rate.p50',
    ]);
    expect(m.missing.find((x) => x.key === 'run_rate.p50')?.usedBy).toEqual(['MaestroLatencyAnomaly']);
    expect(m.message).toContain('baselines.cost_burn.max (used by MaestroCostAnomalyDetection)');
  });

  it('lists baseline and context values together', () => {
    const pack = definePack({
      name: 'p',
      description: 'd',
      scrapeInterval: '15s',
      phases: [{ id: 'only', days: [0, 1] }],
      groups: [
        defineGroup({
          name: 'g',
          rules: [
            defineAlert({ alert: 'A', expr: promql`up > ${context('limits.max')}` }),
            defineAlert({ alert: 'B', expr: promql`up > ${maestroPack.exampleBaselines ? context('limits.min') : 0}` }),
          ],
        }),
      ],
    });
    expect(() => render(pack, 'only', { values: { limits: { max: 'not a number' } } })).toThrow(
      /2 missing value\(s\):\n {2}- values\.limits\.max \(used by A\)\n {2}- values\.limits\.min \(used by B\)/,
    );
  });

  it('renders every phase and finds the phase of a day', () => {
    const all = renderAll(maestroPack, ctx);
    expect(Object.keys(all)).toEqual(['day0', 'day4', 'day8']);
    expect(all.day0.groups[0]!.rules).toHaveLength(5);
    expect(phaseForDay(maestroPack, 5)?.id).toBe('day4');
    expect(phaseForDay(maestroPack, 30)).toBeUndefined();
  });

  it('rejects an unknown phase, overlapping phases and phase keys the pack does not have', () => {
    expect(() => render(maestroPack, 'day99' as 'day0')).toThrow(
      /has no phase 'day99'; its phases are day0, day4, day8/,
    );
    expect(() =>
      definePack({
        name: 'x',
        description: '',
        scrapeInterval: '30s',
        phases: [
          { id: 'a', days: [0, 3] },
          { id: 'b', days: [3, 5] },
        ],
        groups: [],
      }),
    ).toThrow(/must be ordered and not overlap/);
    const a = defineAlert({ alert: 'A', expr: 'up == 0', phases: { dya0: {} } });
    expect(() =>
      definePack({
        name: 'x',
        description: '',
        scrapeInterval: '30s',
        phases: [{ id: 'day0', days: [0, 3] }],
        groups: [defineGroup({ name: 'g', rules: [a] })],
      }),
    ).toThrow(/unknown phase id\(s\).*\n {2}alert 'A': phase 'dya0'/);
  });
});

describe('defineAlert type-checks when the rule is built', () => {
  it('throws RuleExpressionError naming the alert and phase', () => {
    let err: unknown;
    try {
      defineAlert({
        alert: 'Broken',
        params: { w: '5m' },
        expr: (p) => promql`sum(rate(x[${p.w}])`,
        phases: { day0: {}, day4: { w: '10m' } },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RuleExpressionError);
    expect((err as RuleExpressionError).code).toBe('rule-dsl/invalid-expr');
    expect((err as Error).message).toMatch(/^rule 'Broken' \(phase 'day0'\): invalid PromQL expression: 1:\d+: /);
  });

  it('checks types too (rate over an instant vector)', () => {
    expect(() => defineAlert({ alert: 'TypeErr', expr: 'rate(up) > 0' })).toThrow(RuleExpressionError);
  });

  it('accepts deferred thresholds by checking with a placeholder', () => {
    expect(() => defineAlert({ alert: 'Ok', expr: promql`up > ${context('a.b')}` })).not.toThrow();
  });

  it('rejects bad names and durations', () => {
    expect(() => defineAlert({ alert: 'has space', expr: 'up' })).toThrow(RuleDslInputError);
    expect(() => defineAlert({ alert: 'A', expr: 'up', for: '5 minutes' })).toThrow(/invalid duration "5 minutes"/);
  });
});

describe('render properties', () => {
  const pack = definePack({
    name: 'prop',
    description: 'thresholds from context',
    scrapeInterval: '30s',
    phases: [{ id: 'p', days: [0, 0] }],
    groups: [
      defineGroup({
        name: 'g',
        rules: [
          defineAlert({
            alert: 'T',
            expr: promql`sum(rate(x_total[5m])) > ${context('limits.t')}`,
            severity: 'page',
            labels: { team: 'sre' },
          }),
        ],
      }),
    ],
  });

  it('any finite threshold reaches the rule exactly and survives emit/load', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (t) => {
        const file = render(pack, 'p', { values: { limits: { t } } });
        const rule = file.groups[0]!.rules[0]!;
        const tree = ast(rule.expr) as { rhs: { type: string; value?: number; op?: string; expr?: { value: number } } };
        const value = tree.rhs.type === 'UnaryExpr' ? -tree.rhs.expr!.value : tree.rhs.value;
        expect(value).toBe(Object.is(t, -0) ? 0 : t);
        expect(loadRuleFile(emitRuleFile(file))).toStrictEqual(file);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects invalid label and annotation names naming the rule', () => {
    const bad = definePack({
      ...pack,
      groups: [
        defineGroup({ name: 'g', rules: [defineAlert({ alert: 'L', expr: 'up == 0', labels: { 'bad-name': 'x' } })] }),
      ],
    });
    expect(() => render(bad, 'p')).toThrow(/rule 'L' \(phase 'p'\): invalid label name "bad-name"/);
  });
});

describe('parameters in labels and annotations', () => {
  it('annotationsFor/labelsFor get resolved numbers; round() hides float noise', () => {
    const pack = definePack({
      name: 'ann',
      description: '',
      scrapeInterval: '30s',
      phases: [{ id: 'day4', days: [4, 7] }],
      groups: [
        defineGroup({
          name: 'g',
          rules: [
            defineAlert({
              alert: 'LatencyAnomaly',
              params: { threshold: baseline('p95_latency', 'p90').times(1.3).round(6) as Threshold },
              expr: (p) => promql`histogram_quantile(0.95, sum by (le) (rate(lat_bucket[5m]))) > ${p.threshold}`,
              annotationsFor: (p) => ({ summary: `p95 latency above ${p.threshold}s` }),
              labelsFor: (p) => ({ threshold: String(p.threshold) }),
            }),
          ],
        }),
      ],
    });
    const rule = render(pack, 'day4', { baselines: { p95_latency: { p90: 1.1 } } }).groups[0]!.rules[0]!;
    expect(rule).toEqual({
      alert: 'LatencyAnomaly',
      expr: 'histogram_quantile(0.95, sum by (le) (rate(lat_bucket[5m]))) > 1.43',
      labels: { threshold: '1.43' },
      annotations: { summary: 'p95 latency above 1.43s' },
    });
    expect(1.1 * 1.3).not.toBe(1.43);
  });
});

describe('overrides', () => {
  it('calibrated parameters replace the phase’s by alert name, the rest unchanged', () => {
    const pack = definePack({
      name: 'ov',
      description: '',
      scrapeInterval: '30s',
      phases: [{ id: 'day4', days: [4, 7] }],
      groups: [
        defineGroup({
          name: 'g',
          rules: [
            defineAlert({
              alert: 'ErrorRateHigh',
              params: { threshold: baseline('error_rate', 'p95').times(1.5) as Threshold },
              for: '10m',
              expr: (p) => promql`sum(rate(err[5m])) / sum(rate(req[5m])) > ${p.threshold}`,
            }),
            defineAlert({ alert: 'Other', expr: 'up == 0', for: '1m' }),
          ],
        }),
      ],
    });
    const ctx = { baselines: { error_rate: { p95: 0.002 } } };
    const plain = render(pack, 'day4', ctx).groups[0]!.rules;
    expect(plain[0]).toMatchObject({ expr: 'sum(rate(err[5m])) / sum(rate(req[5m])) > 0.003', for: '10m' });
    const tuned = render(pack, 'day4', {
      ...ctx,
      overrides: { ErrorRateHigh: { threshold: 0.0042, for: '5m' }, Missing: { threshold: 1 } },
    }).groups[0]!.rules;
    expect(tuned[0]).toMatchObject({ expr: 'sum(rate(err[5m])) / sum(rate(req[5m])) > 0.0042', for: '5m' });
    expect(tuned[1]).toEqual(plain[1]);
  });
});
