import { describe, expect, it } from 'vitest';
import { parseAndCheck } from '../../src/check/parse-and-check.js';
import { typeOf } from '../../src/check/type-of.js';
import { walkExpr } from '../../src/check/walk.js';
import { parse } from '../../src/parser/parser.js';
import { format } from '../../src/format.js';
import { generateExpr, generateInvalidExpr } from '../../src/generate/generate-expr.js';
import { mulberry32 } from '../../src/generate/prng.js';

describe('generateExpr', () => {
  it('is deterministic for a seed', () => {
    const a = Array.from(
      { length: 20 },
      (
        (rng) => () =>
          format(generateExpr(rng))
      )(mulberry32(99)),
    );
    const b = Array.from(
      { length: 20 },
      (
        (rng) => () =>
          format(generateExpr(rng))
      )(mulberry32(99)),
    );
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(15);
  });

  it('honours metric, label and function options and the requested type', () => {
    const rng = mulberry32(5);
    for (let i = 0; i < 200; i++) {
      const e = generateExpr(rng, {
        metrics: ['m_total'],
        labels: ['svc'],
        functions: ['rate', 'abs'],
        type: 'vector',
      });
      const text = format(e);
      expect(parseAndCheck(text).ok, text).toBe(true);
      expect(typeOf(e)).toBe('vector');
      walkExpr(e, (n) => {
        if (n.type === 'Call') expect(['rate', 'abs'], text).toContain(n.func);
        if (n.type === 'VectorSelector') {
          if (n.name !== undefined) expect(n.name).toBe('m_total');
          for (const m of n.matchers) expect(['svc', '__name__'], text).toContain(m.name);
        }
        if (n.type === 'AggregateExpr') for (const g of n.grouping) expect(g).toBe('svc');
      });
    }
    for (let i = 0; i < 50; i++) {
      const e = generateExpr(rng, { type: 'scalar' });
      expect(typeOf(e)).toBe('scalar');
      expect(parseAndCheck(format(e)).ok, format(e)).toBe(true);
    }
  });
});

describe('generateInvalidExpr', () => {
  it('produces expressions that are rejected', () => {
    const rng = mulberry32(11);
    let rejected = 0;
    for (let i = 0; i < 300; i++) if (!parseAndCheck(generateInvalidExpr(rng)).ok) rejected++;
    expect(rejected).toBe(300);
  });
});

describe('walkExpr', () => {
  it('visits parents before children with their ancestors', () => {
    const seen: string[] = [];
    walkExpr(parse('sum(rate(x[5m])) / on(a) y').expr!, (n, anc) => {
      seen.push(`${'  '.repeat(anc.length)}${n.type}`);
    });
    expect(seen).toEqual([
      'BinaryExpr',
      '  AggregateExpr',
      '    Call',
      '      MatrixSelector',
      '        VectorSelector',
      '  VectorSelector',
    ]);
  });
});
