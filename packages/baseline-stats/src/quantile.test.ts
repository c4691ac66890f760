import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mean, quantile, summarize } from './quantile.js';

describe('quantile (NumPy linear interpolation)', () => {
  it('matches np.percentile on a worked example', () => {
    // np.percentile([1, 2, 3, 4], [50, 90, 95]) == [2.5, 3.7, 3.85]: h = 3q, between ranks.
    const r = summarize([4, 1, 3, 2], ['p50', 'p90', 'p95', 'max', 'min', 'mean']);
    expect(r.p50).toBeCloseTo(2.5, 12);
    expect(r.p90).toBeCloseTo(3.7, 12);
    expect(r.p95).toBeCloseTo(3.85, 12);
    expect(r).toMatchObject({ max: 4, min: 1, mean: 2.5 });
  });

  it('mean sums in the given order, ignores NaN and is NaN for an empty sample', () => {
    expect(mean([240, 60, NaN, 120])).toBe(140);
    expect(mean([0.1, 0.2, 0.3])).toBe((0.1 + 0.2 + 0.3) / 3);
    expect(mean([])).toBeNaN();
    expect(mean([NaN])).toBeNaN();
  });

  it('ignores NaN steps and gives NaN for an empty sample', () => {
    expect(quantile([NaN, 5, NaN], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeNaN();
    expect(() => quantile([1], 1.5)).toThrow(/\[0, 1\]/);
  });

  it('is monotone in q and bounded by min and max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const qa = quantile(xs, lo);
          const qb = quantile(xs, hi);
          expect(qa).toBeLessThanOrEqual(qb);
          expect(qa).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(qb).toBeLessThanOrEqual(Math.max(...xs));
        },
      ),
    );
  });
});
