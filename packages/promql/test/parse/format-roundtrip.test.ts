import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast.js';
import { check } from '../../src/check/check.js';
import { format } from '../../src/format.js';
import { generateExpr } from '../../src/generate/generate-expr.js';
import { mulberry32 } from '../../src/generate/prng.js';
import { parse } from '../../src/parser/parser.js';
import { conformanceExpressions, edgeExpressions, seedExpressions, tokenSoupExpressions } from './corpus.js';
import { stripRanges } from './strip-ranges.js';

describe('format', () => {
  it('parse(format(e)) gives back e for generated well-typed trees (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 5 }), (seed, maxDepth) => {
        const e = generateExpr(mulberry32(seed), { maxDepth });
        const text = format(e);
        const parsed = parse(text);
        expect(parsed.diagnostics, text).toEqual([]);
        expect(stripRanges(parsed.expr), text).toEqual(stripRanges(e));
        // The generator promises well-typed trees.
        expect(check(parsed.expr as Expr, text), text).toEqual([]);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('parse(format(parse(x))) = parse(x) for every parseable corpus expression', () => {
    const corpus = [
      ...conformanceExpressions(),
      ...seedExpressions(),
      ...edgeExpressions(),
      ...tokenSoupExpressions(1500, 5),
    ];
    let n = 0;
    for (const { source, expr } of corpus) {
      const first = parse(expr);
      if (!first.expr) continue;
      n++;
      const text = format(first.expr);
      const second = parse(text);
      expect(second.diagnostics, `${source}: ${expr} -> ${text}`).toEqual([]);
      expect(stripRanges(second.expr), `${source}: ${expr} -> ${text}`).toEqual(stripRanges(first.expr));
      // Canonical: formatting is idempotent.
      expect(format(second.expr!)).toBe(text);
    }
    console.log(`[format round trip] ${n} of ${corpus.length} corpus expressions parse and round-trip`);
    expect(n).toBeGreaterThan(conformanceExpressions().length > 0 ? 700 : 150);
  });

  it('prints like Prometheus String()', () => {
    const cases: Array<[string, string]> = [
      ['sum(rate(x[5m])) by (job)', 'sum by (job) (rate(x[5m]))'],
      ['foo[90m:1m]', 'foo[1h30m:1m]'],
      ['foo offset -5m @ 10', 'foo @ 10.000 offset -5m'],
      ['a+on(b)group_left(c)d', 'a + on (b) group_left (c) d'],
      ['a - ignoring() c', 'a - c'],
      ['x == bool 1', 'x == bool 1'],
      ['1e6', '1e+06'],
      ['0.00001', '1e-05'],
      ['Inf', '+Inf'],
      ["'a\"b'", '"a\\"b"'],
      ['topk(3,x)', 'topk(3, x)'],
      ['sum without (a, b) (x)', 'sum without (a, b) (x)'],
      ['foo[14d]', 'foo[2w]'],
      ['foo[8d]', 'foo[8d]'],
    ];
    for (const [input, want] of cases) expect(format(parse(input).expr!), input).toBe(want);
  });
});
