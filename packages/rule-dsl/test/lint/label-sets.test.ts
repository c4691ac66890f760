/**
 * Label-set inference behind lint/vector-match-impossible and lint/histogram-quantile-without-le.
 * Expected sets follow Prometheus v2.54.1 semantics (aggregation grouping, `resultMetric` for
 * one-to-one and group_left/group_right matching, functions that drop or add labels).
 */
import { parse, type BinaryExpr } from '@alertcraft/promql';
import { describe, expect, it } from 'vitest';
import { describeLabels, labelInfo, mismatchedLabels } from '../../src/lint/label-sets.js';

const expr = (s: string) => {
  const r = parse(s);
  if (!r.expr) throw new Error(`${s}: ${r.diagnostics[0]?.message}`);
  return r.expr;
};
const labels = (s: string): string => describeLabels(labelInfo(expr(s)));

describe('labelInfo', () => {
  it.each([
    ['sum(rate(x_total[5m]))', '{}'],
    ['sum by (tenant, job) (rate(x_total[5m]))', '{job, tenant}'],
    ['sum without (instance) (rate(x_total[5m]))', '{job, …}'],
    ['rate(x_total{region="eu"}[5m])', '{instance, job, region, …}'],
    ['job:x:rate5m{region="eu"}', '{region, …}'],
    ['histogram_quantile(0.9, sum by (le, job) (rate(x_bucket[5m])))', '{job}'],
    ['count_values("version", build_info)', '{version}'],
    ['topk(3, sum by (tenant) (x))', '{tenant}'],
    ['label_replace(sum(x), "dst", "$1", "src", "(.*)")', '{…}'],
    ['absent(x{job="a", env="prod"})', '{env, job}'],
    ['vector(1)', '{}'],
    ['scalar(sum(x))', 'scalar'],
    ['sum by (a) (x) / on(a) group_left(b) sum by (a, b) (y)', '{a, b}'],
    ['sum by (a, c) (x) / on(a) sum by (a) (y)', '{a}'],
    ['sum by (a) (x) and sum by (a, b) (y)', '{a}'],
    ['sum by (a) (x) or sum by (a) (y)', '{a}'],
  ])('%s has labels %s', (src, want) => {
    expect(labels(src)).toBe(want);
  });
});

describe('mismatchedLabels', () => {
  const mm = (s: string) => mismatchedLabels(expr(s) as BinaryExpr);
  it('finds the seed 000 tenant_utilization mismatch', () => {
    expect(mm('sum by (tenant) (increase(maestro_run_total[1h])) / sum(increase(maestro_run_total[1h]))')).toEqual({
      lhsOnly: ['tenant'],
      rhsOnly: [],
    });
  });
  it('is satisfied by on()/ignoring() that exclude the extra labels', () => {
    expect(mm('sum by (tenant) (x) / ignoring(tenant) group_left sum(x)')).toBeUndefined();
    expect(mm('sum by (tenant) (x) / on() group_left sum(x)')).toBeUndefined();
    expect(mm('sum by (tenant) (x) and on(tenant) y{tier="premium"}')).toBeUndefined();
  });
  it('reports on(...) labels that only one side can have', () => {
    expect(mm('sum by (tenant) (x) / on(tenant) sum(y)')).toEqual({ lhsOnly: ['tenant'], rhsOnly: [] });
  });
  it('treats scraped series as carrying job and instance, unless told otherwise', () => {
    expect(mm('sum(rate(a_total[5m])) > 1 and rate(b_total[5m]) > 1')).toEqual({
      lhsOnly: [],
      rhsOnly: ['instance', 'job'],
    });
    const e = expr('sum(rate(a_total[5m])) > 1 and rate(b_total[5m]) > 1') as BinaryExpr;
    expect(mismatchedLabels(e, [])).toBeUndefined();
  });
  it('never reports or, scalar sides or unknown label sets', () => {
    expect(mm('sum by (a) (x) or sum(y)')).toBeUndefined();
    expect(mm('sum by (a) (x) / 2')).toBeUndefined();
    expect(mm('x / y')).toBeUndefined();
  });
});
