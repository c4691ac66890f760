/**
 * Type rules of Prometheus v2.54.1 `checkAST`, one case per rule, with its message. Acceptance as a
 * whole is checked against the real promtool in promtool-differential.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast.js';
import { check, matchesEmpty } from '../../src/check/check.js';
import { compileRe2Matcher } from '../../src/re2.js';
import { parseAndCheck } from '../../src/check/parse-and-check.js';
import { typeOf } from '../../src/check/type-of.js';
import { parse } from '../../src/parser/parser.js';

const problems = (s: string): string[] => {
  const r = parseAndCheck(s);
  return r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}: ${d.message}`);
};
const ok = (s: string): void => expect(problems(s), s).toEqual([]);

describe('typeOf', () => {
  it('gives the value type of each node kind', () => {
    const t = (s: string) => typeOf(parse(s).expr as Expr);
    expect(t('1')).toBe('scalar');
    expect(t('"a"')).toBe('string');
    expect(t('x')).toBe('vector');
    expect(t('x[5m]')).toBe('matrix');
    expect(t('x[5m:]')).toBe('matrix');
    expect(t('1 + 1')).toBe('scalar');
    expect(t('1 + x')).toBe('vector');
    expect(t('time()')).toBe('scalar');
    expect(t('sum(x)')).toBe('vector');
    expect(t('-(1)')).toBe('scalar');
  });
});

describe('check: functions', () => {
  it('checks argument types', () => {
    ok('rate(x[5m])');
    expect(problems('rate(x)')).toEqual([
      'promql/type 1:6: expected type range vector in call to function "rate", got instant vector',
    ]);
    expect(problems('abs(x[5m])')).toEqual([
      'promql/type 1:5: expected type instant vector in call to function "abs", got range vector',
    ]);
    expect(problems('histogram_quantile("a", x)')).toEqual([
      'promql/type 1:20: expected type scalar in call to function "histogram_quantile", got string',
    ]);
  });

  it('checks argument counts, optional and variadic arguments', () => {
    ok('round(x)');
    ok('round(x, 5)');
    expect(problems('round(x, 5, 6)')).toEqual([
      'promql/type 1:1: expected at most 2 argument(s) in call to "round", got 3',
    ]);
    expect(problems('clamp(x, 1)')).toEqual(['promql/type 1:1: expected 3 argument(s) in call to "clamp", got 2']);
    ok('day_of_week()');
    ok('label_join(x, "dst", ",", "a", "b", "c")');
    expect(problems('label_join(x, "dst")')).toEqual([
      'promql/type 1:1: expected at least 3 argument(s) in call to "label_join", got 2',
    ]);
    expect(problems('time(1)')).toEqual(['promql/type 1:1: expected 0 argument(s) in call to "time", got 1']);
  });
});

describe('check: aggregations', () => {
  it('needs an instant vector body and a typed parameter', () => {
    expect(problems('sum(1)')).toEqual([
      'promql/type 1:5: expected type instant vector in aggregation expression, got scalar',
    ]);
    expect(problems('sum(x[5m])')).toEqual([
      'promql/type 1:5: expected type instant vector in aggregation expression, got range vector',
    ]);
    expect(problems('topk("a", x)')).toEqual([
      'promql/type 1:6: expected type scalar in aggregation parameter, got string',
    ]);
    expect(problems('quantile(x, x)')).toEqual([
      'promql/type 1:10: expected type scalar in aggregation parameter, got instant vector',
    ]);
    expect(problems('count_values(1, x)')).toEqual([
      'promql/type 1:14: expected type string in aggregation parameter, got scalar',
    ]);
    ok('count_values("v", x)');
    ok('topk(scalar(y), x)');
  });
});

describe('check: binary operators', () => {
  it('only combines scalars and instant vectors', () => {
    expect(problems('x[5m] + 1')).toEqual([
      'promql/type 1:1: binary expression must contain only scalar and instant vector types',
    ]);
    expect(problems('"a" + 1')).toEqual([
      'promql/type 1:1: binary expression must contain only scalar and instant vector types',
    ]);
  });

  it('needs bool between scalars and allows it only on comparisons', () => {
    expect(problems('1 > 2')).toEqual(['promql/type 1:3: comparisons between scalars must use BOOL modifier']);
    ok('1 > bool 2');
    ok('x > 2');
    expect(problems('x + bool y')).toEqual(['promql/type 1:3: bool modifier can only be used on comparison operators']);
  });

  it('restricts set operators to instant vectors with many-to-many matching', () => {
    expect(problems('x and 1')).toEqual([
      'promql/type 1:1: set operator "and" not allowed in binary scalar expression',
    ]);
    expect(problems('x and on(a) group_left y')).toEqual([
      'promql/type 1:1: no grouping allowed for "and" operation',
      'promql/type 1:1: set operations must always be many-to-many',
    ]);
    ok('x or on(a) y');
  });

  it('checks vector matching clauses', () => {
    expect(problems('1 + on(a) x')).toEqual(['promql/type 1:1: vector matching only allowed between instant vectors']);
    ok('1 + on() x');
    expect(problems('x * on(a) group_left(a) y')).toEqual([
      'promql/type 1:3: label "a" must not occur in ON and GROUP clause at once',
    ]);
    ok('x * ignoring(a) group_left(a) y');
  });
});

describe('check: selectors, unary, subqueries', () => {
  it('needs a non-empty matcher and a single metric name', () => {
    for (const s of ['{}', '{a=""}', '{a=~".*"}', '{a!~".+"}']) {
      expect(problems(s), s).toEqual([`promql/type 1:1: vector selector must contain at least one non-empty matcher`]);
    }
    ok('{a=~".+"}');
    ok('{a!=""}');
    ok('{__name__="x"}');
    expect(problems('x{__name__="y"}')).toEqual(['promql/type 1:1: metric name must not be set twice: "x" or "y"']);
  });

  it('allows unary operators on scalars and instant vectors only', () => {
    expect(problems('-x[5m]')).toEqual([
      'promql/type 1:1: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"',
    ]);
    expect(problems('-"a"')).toEqual([
      'promql/type 1:1: unary expression only allowed on expressions of type scalar or instant vector, got "string"',
    ]);
  });

  it('takes subqueries of instant vectors only', () => {
    expect(problems('x[5m][10m:]')).toEqual([
      'promql/type 1:1: subquery is only allowed on instant vector, got matrix instead',
    ]);
    expect(problems('(1)[10m:]')).toEqual([
      'promql/type 1:1: subquery is only allowed on instant vector, got scalar instead',
    ]);
    ok('rate(x[5m])[1h:1m]');
  });

  it('anchors regexes without the s flag, like v2.54 (`.` does not match a newline)', () => {
    expect(matchesEmpty({ name: 'a', op: '=~', value: '.*' })).toBe(true);
    expect(matchesEmpty({ name: 'a', op: '=~', value: 'x|' })).toBe(true);
    expect(matchesEmpty({ name: 'a', op: '=~', value: 'x' })).toBe(false);
    expect(matchesEmpty({ name: 'a', op: '!~', value: '.+' })).toBe(true);
    const re = compileRe2Matcher('a.b');
    expect(re.matches('a\nb')).toBe(false);
    expect(re.matches('axb')).toBe(true);
  });

  it('checks hand-built trees too', () => {
    const e: Expr = { type: 'Call', func: 'nope', args: [], range: { start: 0, end: 6 } };
    expect(check(e).map((d) => `${d.code} ${d.message}`)).toEqual(['promql/parse unknown function with name "nope"']);
  });

  it('uses the source for line and column', () => {
    const r = parseAndCheck('sum(\n  rate(x)\n)');
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'promql/type',
      severity: 'error',
      line: 2,
      column: 8,
      range: { start: 12, end: 13 },
    });
  });
});

describe('fixes', () => {
  it('suggests bool for scalar comparisons and the closest function name', () => {
    expect(parseAndCheck('1 > 2').diagnostics[0]!.fix).toEqual({
      message: 'add the bool modifier: > bool',
      replacement: '> bool',
    });
    expect(parse('rates(x[5m])').diagnostics[0]!.fix).toEqual({ message: 'did you mean "rate"?', replacement: 'rate' });
    expect(parse('RATE(x[5m])').diagnostics[0]!.fix).toEqual({ message: 'did you mean "rate"?', replacement: 'rate' });
    expect(parse('histogram_quantil(0.9, x)').diagnostics[0]!.fix?.replacement).toBe('histogram_quantile');
    expect(parse('zzz(x)').diagnostics[0]!.fix).toBeUndefined();
  });
});
