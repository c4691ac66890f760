/**
 * Parser behaviour pinned to Prometheus v2.54.1 semantics (promql/parser: the grammar, lexer and
 * parse-time checks). Expected trees and messages follow upstream's behaviour; acceptance as a
 * whole is checked against the real promtool in promtool-differential.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { PromQLSyntaxError } from '../../src/errors.js';
import { parseOrThrow } from '../../src/parser/parse-or-throw.js';
import { parse } from '../../src/parser/parser.js';
import { stripRanges } from './strip-ranges.js';

const tree = (s: string): unknown => {
  const r = parse(s);
  expect(r.diagnostics, s).toEqual([]);
  return stripRanges(r.expr);
};
const errors = (s: string): string[] => parse(s).diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
const sel = (name: string, extra: object = {}) => ({
  type: 'VectorSelector',
  name,
  matchers: [{ name: '__name__', op: '=', value: name }],
  offsetMs: 0,
  ...extra,
});
const num = (value: number) => ({ type: 'NumberLiteral', value });

describe('parse: literals', () => {
  it('reads numbers like Go ParseInt(base 0) then ParseFloat', () => {
    expect(tree('0x1F')).toEqual(num(31));
    expect(tree('010')).toEqual(num(8));
    expect(tree('08')).toEqual(num(8));
    expect(tree('1e3')).toEqual(num(1000));
    expect(tree('.5')).toEqual(num(0.5));
    expect(tree('5.')).toEqual(num(5));
    expect(tree('1_000')).toEqual(num(1000));
    expect(tree('Inf')).toEqual(num(Infinity));
    expect(tree('-inf')).toEqual(num(-Infinity));
    expect(tree('NaN')).toEqual(num(NaN));
    expect(errors('1e400')).toEqual([
      '1:1: error parsing number: strconv.ParseFloat: parsing "1e400": value out of range',
    ]);
  });

  it('takes durations as numbers of seconds', () => {
    expect(tree('5m')).toEqual(num(300));
    expect(tree('1h30m')).toEqual(num(5400));
    expect(tree('-1ms')).toEqual(num(-0.001));
  });

  it('unquotes all three string kinds like Go strconv.Unquote', () => {
    expect(tree('"a\\x41\\u00e9\\U0001F600\\n"')).toEqual({ type: 'StringLiteral', value: 'aAé😀\n' });
    expect(tree("'it\\'s'")).toEqual({ type: 'StringLiteral', value: "it's" });
    expect(tree('`raw \\n`')).toEqual({ type: 'StringLiteral', value: 'raw \\n' });
    expect(tree('"\\xe2\\x82\\xac"')).toEqual({ type: 'StringLiteral', value: '€' });
    expect(errors('"a\\q"')).toEqual(["1:1: unknown escape sequence U+0071 'q'"]);
    expect(errors('"open')).toEqual(['1:1: unterminated quoted string']);
  });
});

describe('parse: selectors and modifiers', () => {
  it('appends the metric-name matcher after the braces matchers', () => {
    expect(tree('foo{a="b", c!~"d"}')).toEqual({
      type: 'VectorSelector',
      name: 'foo',
      matchers: [
        { name: 'a', op: '=', value: 'b' },
        { name: 'c', op: '!~', value: 'd' },
        { name: '__name__', op: '=', value: 'foo' },
      ],
      offsetMs: 0,
    });
  });

  it('accepts quoted names in braces', () => {
    expect(tree('{"foo", "a.b"="c"}')).toEqual({
      type: 'VectorSelector',
      matchers: [
        { name: '__name__', op: '=', value: 'foo' },
        { name: 'a.b', op: '=', value: 'c' },
      ],
      offsetMs: 0,
    });
  });

  it('puts offset and @ of a range selector on its vector selector', () => {
    expect(tree('foo[5m] offset -1m @ start()')).toEqual({
      type: 'MatrixSelector',
      vector: sel('foo', { offsetMs: -60000, at: { kind: 'start' } }),
      rangeMs: 300000,
    });
    // upstream: test{a="b"}[5y] @ 1603774699 has timestamp 1603774699000 and a range of 5*365 days
    expect(tree('test[5y] @ 1603774699')).toEqual({
      type: 'MatrixSelector',
      vector: sel('test', { at: { kind: 'timestamp', timestampMs: 1603774699000 } }),
      rangeMs: 5 * 365 * 86400000,
    });
  });

  it('converts numeric ranges with Go truncation (upstream foo[4.018] = 4s18ms)', () => {
    expect(tree('foo[4.018]')).toMatchObject({ rangeMs: 4018 });
    expect(tree('foo[5]')).toMatchObject({ rangeMs: 5000 });
  });

  it('parses subqueries with and without step', () => {
    expect(tree('rate(x[5m])[30m:]')).toMatchObject({ type: 'SubqueryExpr', rangeMs: 1800000, stepMs: 0, offsetMs: 0 });
    expect(tree('x[1h:1m] offset 1d @ end()')).toMatchObject({
      stepMs: 60000,
      offsetMs: 86400000,
      at: { kind: 'end' },
    });
  });

  it('rejects modifiers in the wrong place with upstream messages and positions', () => {
    expect(errors('some_metric OFFSET 1m[5m]')).toEqual(['1:22: no offset modifiers allowed before range']);
    expect(errors('some_metric @ 1234 [5m]')).toEqual(['1:20: no @ modifiers allowed before range']);
    expect(errors('(foo + bar)[5m]')).toEqual(['1:12: ranges only allowed for vector selectors']);
    expect(errors('some_metric[5m] @')).toEqual(['1:18: unexpected end of input in @, expected timestamp']);
    expect(errors('some_metric[5m] OFFSET')).toEqual([
      '1:23: unexpected end of input in offset, expected number or duration',
    ]);
    expect(errors('foo[5mm]')).toEqual(['1:5: bad number or duration syntax: "5mm"']);
    expect(errors('foo[5m1h]')).toEqual(['1:5: not a valid duration string: "5m1h"']);
    expect(errors('foo[5y1hs]')).toEqual(['1:5: unknown unit "hs" in duration "5y1hs"']);
    expect(errors('foo[0m]')).toEqual(['1:5: duration must be greater than 0']);
    expect(errors('foo offset 1m offset 2m')).toEqual(['1:1: offset may not be set multiple times']);
    expect(errors('foo @ 1 @ 2')).toEqual(['1:1: @ <timestamp> may not be set multiple times']);
    expect(errors('sum(foo) offset 1m')).toEqual([
      '1:1: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    ]);
  });
});

describe('parse: operators', () => {
  it('binds unary minus like * and below ^ (upstream -2^2 = -(2^2))', () => {
    expect(tree('-2^2')).toEqual({
      type: 'UnaryExpr',
      op: '-',
      expr: { type: 'BinaryExpr', op: '^', lhs: num(2), rhs: num(2), returnBool: false },
    });
    expect(tree('- -2')).toEqual(num(2));
    expect(tree('-x * y')).toMatchObject({ type: 'BinaryExpr', op: '*', lhs: { type: 'UnaryExpr' } });
  });

  it('makes ^ right-associative and the rest left-associative', () => {
    expect(tree('2^3^2')).toMatchObject({ op: '^', lhs: num(2), rhs: { op: '^' } });
    expect(tree('1-2-3')).toMatchObject({ op: '-', lhs: { op: '-' }, rhs: num(3) });
    expect(tree('a or b and c')).toMatchObject({ op: 'or', rhs: { op: 'and' } });
    expect(tree('a + b * c > d')).toMatchObject({ op: '>', lhs: { op: '+', rhs: { op: '*' } } });
  });

  it('reads bool, on/ignoring and group modifiers', () => {
    expect(tree('a > bool on(x) group_left(y, z) b')).toMatchObject({
      op: '>',
      returnBool: true,
      matching: { card: 'many-to-one', on: true, labels: ['x'], include: ['y', 'z'] },
    });
    expect(tree('a / ignoring(x) group_right b')).toMatchObject({
      matching: { card: 'one-to-many', on: false, labels: ['x'], include: [] },
    });
    expect(tree('a and b')).toMatchObject({ matching: { card: 'many-to-many', on: false, labels: [], include: [] } });
    expect(tree('a + b')).not.toHaveProperty('matching');
  });
});

describe('parse: aggregations and calls', () => {
  it('accepts the grouping clause before or after the body, keywords case-insensitively', () => {
    const want = { type: 'AggregateExpr', op: 'sum', expr: sel('x'), grouping: ['job'], without: false };
    expect(tree('sum by (job) (x)')).toEqual(want);
    expect(tree('sum(x) by (job)')).toEqual(want);
    expect(tree('SUM BY (job) (x)')).toEqual(want);
    expect(tree('topk without (a) (3, x)')).toEqual({
      type: 'AggregateExpr',
      op: 'topk',
      expr: sel('x'),
      param: num(3),
      grouping: ['a'],
      without: true,
    });
  });

  it('treats keywords as metric names where Prometheus does', () => {
    expect(tree('sum')).toEqual(sel('sum'));
    expect(tree('offset')).toEqual(sel('offset'));
  });

  it('reports call and aggregation mistakes found while parsing', () => {
    expect(errors('foo_bar(x)')).toEqual(['1:1: unknown function with name "foo_bar"']);
    expect(errors('rate(x[5m],)')).toEqual(['1:11: trailing commas not allowed in function call args']);
    expect(errors('sum()')).toEqual(['1:1: no arguments for aggregate expression provided']);
    expect(errors('topk(x)')).toEqual([
      '1:1: wrong number of arguments for aggregate expression provided, expected 2, got 1',
    ]);
    expect(errors('sort_by_label(x, "a")')).toEqual(['1:1: function "sort_by_label" is not enabled']);
    expect(parse('sort_by_label(x, "a")', { experimentalFunctions: true }).diagnostics).toEqual([]);
    expect(errors('limitk(1, x)')[0]).toContain('limitk() and limit_ratio() are experimental');
  });
});

describe('parse: syntax errors', () => {
  it('reports line and column with Prometheus wording', () => {
    expect(errors('')).toEqual(['1:1: no expression found in input']);
    expect(errors('foo bar')).toEqual(['1:5: unexpected identifier "bar"']);
    expect(errors('1 +')).toEqual(['1:4: unexpected end of input']);
    expect(errors('sum(x')).toEqual(['1:6: unclosed left parenthesis']);
    expect(errors('x{a="b"')).toEqual(['1:8: unexpected end of input inside braces']);
    expect(errors('x{a}')).toEqual(['1:4: unexpected "}" in label matching, expected label matching operator']);
    expect(errors('sum by (a:b) (x)')).toEqual([
      '1:9: unexpected metric identifier "a:b" in grouping opts, expected label',
    ]);
    expect(errors('rate(x[5m])\n  + )')).toEqual(["2:6: unexpected right parenthesis ')'"]);
    expect(errors('x{a=~"("}')).toEqual(['1:3: error parsing regexp: missing closing ): `(`']);
  });

  it('parseOrThrow throws PromQLSyntaxError with the diagnostics', () => {
    expect(() => parseOrThrow('foo bar')).toThrow(PromQLSyntaxError);
    try {
      parseOrThrow('foo bar');
    } catch (err) {
      expect((err as PromQLSyntaxError).code).toBe('promql/syntax');
      expect((err as PromQLSyntaxError).diagnostics[0]).toMatchObject({
        code: 'promql/parse',
        severity: 'error',
        line: 1,
        column: 5,
      });
    }
  });

  it('records source ranges', () => {
    const e = parse('sum(rate(foo[5m] offset 1m))').expr!;
    expect(e.range).toEqual({ start: 0, end: 28 });
    const call = (e as { expr: { range: unknown; args: Array<{ range: unknown }> } }).expr;
    expect(call.range).toEqual({ start: 4, end: 27 });
    expect(call.args[0]!.range).toEqual({ start: 9, end: 26 });
  });
});

describe('parseOrThrow', () => {
  it('rejects type errors too, like Prometheus ParseExpr', () => {
    expect(() => parseOrThrow('rate(x)')).toThrow(
      'expected type range vector in call to function "rate", got instant vector',
    );
    expect(parseOrThrow('rate(x[5m])')).toMatchObject({ type: 'Call', func: 'rate' });
  });
});
