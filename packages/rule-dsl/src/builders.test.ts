import { describe, expect, it } from 'vitest';
import { ast } from '../test/ast.js';
import {
  and,
  div,
  gt,
  histogramQuantile,
  increase,
  isCompound,
  lt,
  or,
  overTime,
  rate,
  ratio,
  sum,
  topk,
} from './builders.js';
import { RuleDslInputError } from './errors.js';
import { promql } from './promql-template.js';
import { metric, oneOf } from './selectors.js';
import { baseline } from './values.js';

// Each builder result is compared with the seed's hand-written expression by syntax tree.
describe('expression builders', () => {
  const errors = metric('maestro_run_errors_total');
  const runs = metric('maestro_run_total');

  it('ratio() is the seed 000 error rate', () => {
    expect(ast(gt(ratio(errors, runs, '2m'), 0.02).text())).toEqual(
      ast('(sum(rate(maestro_run_errors_total[2m])) / sum(rate(maestro_run_total[2m]))) > 0.02'),
    );
  });

  it('histogramQuantile() over a bucket selector is the seed 000 p95 latency', () => {
    const p95 = histogramQuantile(0.95, metric('maestro_step_latency_bucket'), { window: '2m' });
    expect(ast(gt(p95, 1.8).text())).toEqual(
      ast('histogram_quantile(0.95, sum(rate(maestro_step_latency_bucket[2m])) by (le)) > 1.8'),
    );
  });

  it('sum by / and on build the seed 000 revenue alert', () => {
    const e = and(
      gt(sum(rate(errors, '10m'), { by: ['tenant'] }), 0.1),
      metric('maestro_tenant_tier', { tier: 'premium' }),
      { on: ['tenant'] },
    );
    expect(ast(e.text())).toEqual(
      ast(
        '(sum by (tenant) (rate(maestro_run_errors_total[10m])) > 0.1) and on (tenant) (maestro_tenant_tier{tier="premium"})',
      ),
    );
  });

  it('parenthesises compound operands so precedence is kept', () => {
    const e = or(gt(sum(rate(metric('c'), '5m')), 1), gt(increase(metric('c'), '1h'), 2));
    expect(ast(e.text())).toEqual(ast('(sum(rate(c[5m])) > 1) or (increase(c[1h]) > 2)'));
    expect(isCompound('sum by (a) (x)')).toBe(false);
    expect(isCompound('x{a="b-c"}')).toBe(false);
    expect(isCompound('a > 1')).toBe(true);
    expect(isCompound('a and b')).toBe(true);
    expect(isCompound('-1.5')).toBe(false);
  });

  it('regex-escapes explicit allow-lists (seed 001 VIP tenants)', () => {
    const sel = metric('aether_requests_total', { tenant_id: oneOf(['vip-customer-123', 'vip-customer-456', 'a.b']) });
    expect(sel.toPromQL()).toBe('aether_requests_total{tenant_id=~"vip-customer-123|vip-customer-456|a\\\\.b"}');
    expect(() => oneOf([])).toThrow(RuleDslInputError);
  });

  it('keeps deferred thresholds through builders', () => {
    const e = lt(topk(5, sum(rate(runs, '5m'), { by: ['tenant'] })), baseline('run_rate', 'p50'));
    expect(e.refs).toHaveLength(1);
    expect(e.text({ baselines: { run_rate: { p50: 3 } } })).toBe(
      'topk(5, sum by (tenant) (rate(maestro_run_total[5m]))) < 3',
    );
  });

  it('rejects invalid names and windows with clear errors', () => {
    expect(() => metric('bad-metric')).toThrow(/invalid metric name "bad-metric"/);
    expect(() => metric('x', { 'bad-label': 'v' })).toThrow(/invalid label name/);
    expect(() => rate(runs)).toThrow(/a window is required/);
    expect(() => rate(runs, '5 m')).toThrow(/invalid duration/);
    expect(() => sum(runs, { by: ['ok'], without: ['no'] })).toThrow(/either by or without/);
    expect(() => histogramQuantile(95, runs)).toThrow(/between 0 and 1/);
    expect(promql`${runs.offsetBy('1h')}`.text()).toBe('maestro_run_total offset 1h');
  });

  it('writes group_left/group_right label lists even when empty, so a parenthesised operand stays an operand', () => {
    const byTenant = sum(increase(runs, '1h'), { by: ['tenant'] });
    const e = div(byTenant, gt(sum(increase(runs, '1h')), 0), { ignoring: ['tenant'], groupLeft: [] });
    expect(e.text()).toBe(
      'sum by (tenant) (increase(maestro_run_total[1h])) / ignoring (tenant) group_left () (sum(increase(maestro_run_total[1h])) > 0)',
    );
    const tree = ast(e.text());
    expect(tree.type).toBe('BinaryExpr');
    expect(div(runs, byTenant, { on: ['tenant'], groupRight: [] }).text()).toBe(
      'maestro_run_total / on (tenant) group_right () sum by (tenant) (increase(maestro_run_total[1h]))',
    );
    expect(() => div(runs, runs, { groupLeft: [], groupRight: [] })).toThrow(/either groupLeft or groupRight/);
  });

  it('says what to write when a range function gets a string (plain JavaScript callers)', () => {
    const untyped = rate as (v: unknown, w?: string) => unknown;
    expect(() => untyped('maestro_run_total', '5m')).toThrow(RuleDslInputError);
    expect(() => untyped('maestro_run_total', '5m')).toThrow(
      'rate("maestro_run_total"): expected a selector or an expression, got a string; write rate(metric("maestro_run_total"), "5m")',
    );
    expect(() => untyped('maestro_run_total[5m]')).toThrow('write rate(promql`maestro_run_total[5m]`)');
    expect(() => (overTime as (f: string, v: unknown, w?: string) => unknown)('max', 42, '5m')).toThrow(
      /max_over_time\(\): expected a selector .* got number/,
    );
  });

  it('says what to write when an operand is a string or another wrong type (plain JavaScript callers)', () => {
    const untypedSum = sum as (v: unknown) => unknown;
    const untypedGt = gt as (l: unknown, r: unknown) => unknown;
    expect(() => untypedSum('maestro_run_total')).toThrow(RuleDslInputError);
    expect(() => untypedSum('maestro_run_total')).toThrow(
      'expected a selector or an expression as operand, got the string "maestro_run_total"; write metric("maestro_run_total") for a metric or promql`maestro_run_total` for PromQL text',
    );
    expect(() => untypedGt(runs, undefined)).toThrow(/as operand, got undefined$/);
    expect(() => untypedGt(null, 1)).toThrow(/as operand, got null$/);
  });
});
