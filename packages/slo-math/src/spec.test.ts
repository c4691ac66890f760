import { metric, re } from '@alertcraft/rule-dsl';
import { describe, expect, it } from 'vitest';
import { SloInputError } from './errors.js';
import { errorRatioExpr, generateRules, leForms } from './generate-rules.js';
import { promNumber } from './numbers.js';
import { defineSlo, type SloInput } from './spec.js';

const ratio: SloInput = {
  name: 'api',
  objective: 99.9,
  sli: {
    type: 'ratio',
    errors: metric('http_requests_total', { code: re('5..') }),
    total: metric('http_requests_total'),
  },
};

function fieldOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof SloInputError) return e.field;
    throw e;
  }
  throw new Error('did not throw');
}

describe('bad SLO input names the field', () => {
  it.each([
    ['objective 100', { ...ratio, objective: 100 }, 'slo.objective'],
    ['objective 0', { ...ratio, objective: 0 }, 'slo.objective'],
    ['objective NaN', { ...ratio, objective: Number.NaN }, 'slo.objective'],
    ['period 0s', { ...ratio, period: '0s' }, 'slo.period'],
    ['period nonsense', { ...ratio, period: 'month' }, 'slo.period'],
    ['latency without buckets', { ...ratio, sli: { type: 'latency', thresholdLe: 0.3 } }, 'slo.sli.buckets'],
    [
      'latency threshold NaN',
      { ...ratio, sli: { type: 'latency', buckets: metric('x_bucket'), thresholdLe: Number.NaN } },
      'slo.sli.thresholdLe',
    ],
    ['ratio without total', { ...ratio, sli: { type: 'ratio', errors: metric('e') } }, 'slo.sli.total'],
    [
      'query without window',
      {
        ...ratio,
        sli: { type: 'ratio', errors: { query: 'sum(rate(e[5m]))' }, total: { query: 'sum(rate(t[{{.window}}]))' } },
      },
      'slo.sli.errors',
    ],
    ['impossible tier at 90 %', { ...ratio, objective: 90 }, 'slo.alerting.tiers.page-fast'],
    ['bad tier label', { ...ratio, alerting: { tierLabel: 'a-b' } }, 'slo.alerting.tierLabel'],
    ['negative minEvents', { ...ratio, alerting: { minEvents: -1 } }, 'slo.alerting.minEvents'],
  ] as [string, SloInput, string][])('%s', (_n, input, field) => {
    expect(fieldOf(() => defineSlo(input))).toBe(field);
  });
  it('disabling the impossible tiers makes a 90 % objective usable', () => {
    const s = defineSlo({
      ...ratio,
      objective: 90,
      alerting: { overrides: { 'page-fast': false, 'page-slow': false } },
    });
    expect(s.tiers.map((t) => t.name)).toEqual(['ticket-fast', 'ticket-slow']);
  });
});

describe('rules', () => {
  it('never write NaN or Inf', () => {
    expect(() => promNumber(Number.NaN)).toThrow(/NaN/);
    expect(() => promNumber(Infinity)).toThrow(/Infinity/);
  });
  it('print thresholds without float noise', () => {
    const text = JSON.stringify(generateRules([defineSlo({ ...ratio, objective: 99.95 })]));
    expect(text).toContain('> 0.0072)');
    expect(text).toContain('vector(0.0005)');
    expect(text).not.toMatch(/\d{12,}/);
  });
  it('read 1 and 1.0 bucket bounds', () => {
    expect(leForms(1)).toEqual(['1', '1.0']);
    expect(leForms(0.25)).toEqual(['0.25']);
    const s = defineSlo({
      name: 'lat',
      objective: 99,
      sli: { type: 'latency', buckets: metric('d_bucket', { job: 'a' }), thresholdLe: 2 },
    });
    expect(errorRatioExpr(s, '5m').toString()).toBe(
      '(sum(rate(d_count{job="a"}[5m])) - sum(rate(d_bucket{job="a", le=~"2|2\\\\.0"}[5m]))) / sum(rate(d_count{job="a"}[5m]))',
    );
  });
  it('compute the period SLI from counter increases', () => {
    const s = defineSlo(ratio);
    expect(errorRatioExpr(s, '30d', 'increase').toString()).toBe(
      'sum(increase(http_requests_total{code=~"5.."}[30d])) / sum(increase(http_requests_total[30d]))',
    );
  });
  it('guard low traffic with minEvents', () => {
    const f = generateRules([defineSlo({ ...ratio, alerting: { minEvents: 50 } })]);
    const alert = f.groups[0]!.rules.find((r) => 'alert' in r && r.alert === 'ApiBudgetBurnPageFast') as {
      expr: string;
    };
    expect(alert.expr).toContain('and on () (sum(increase(http_requests_total[1h])) >= 50)');
  });
});
