import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '@alertcraft/promql';
import { formatNumber } from './number-format.js';

describe('formatNumber', () => {
  it('writes plain decimals where JavaScript would switch to exponent notation', () => {
    expect(formatNumber(1e-7)).toBe('0.0000001');
    expect(formatNumber(1.5e-7)).toBe('0.00000015');
    expect(formatNumber(-2.5e-8)).toBe('-0.000000025');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('+Inf');
    expect(formatNumber(-Infinity)).toBe('-Inf');
  });

  it('round-trips every finite double exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(formatNumber(x))).toBe(Object.is(x, -0) ? 0 : x);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives literals the PromQL parser reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: 0, noDefaultInfinity: true }), (x) => {
        const res = parse(formatNumber(x));
        expect(res.diagnostics).toEqual([]);
        expect(res.expr).toMatchObject({ type: 'NumberLiteral', value: x });
      }),
      { numRuns: 500 },
    );
  });
});
