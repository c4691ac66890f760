import { describe, expect, it } from 'vitest';
import { medianAbsoluteDeviation } from 'simple-statistics';
import { mulberry32 } from '@alertcraft/promql/testing';
import { iqr, mad, MAD_NORMAL_SCALE, median, trimmedMean } from './robust.js';
import { ewma, EwmaStats, holtSmooth } from './smoothing.js';
import { holtWinters } from './promql-functions.js';
import { seasonalBaseline, seasonBucket } from './seasonal.js';

describe('robust statistics', () => {
  it('worked examples (by hand)', () => {
    // sorted 1 1 2 3 4 5 9: median 3; |x−3| = 2 2 1 0 1 2 6 → sorted 0 1 1 2 2 2 6 → MAD 2.
    expect(median([3, 1, 4, 1, 5, 9, 2])).toBe(3);
    expect(mad([3, 1, 4, 1, 5, 9, 2])).toBe(2);
    expect(mad([3, 1, 4, 1, 5, 9, 2], MAD_NORMAL_SCALE)).toBeCloseTo(2.965204437, 8);
    // type 7 on 1..8: Q1 at h = 1.75 → 2.75, Q3 at h = 5.25 → 6.25; IQR 3.5.
    expect(iqr([1, 2, 3, 4, 5, 6, 7, 8])).toBe(3.5);
    // 10 values, 10 % trim drops one from each end: mean of 2..9 = 5.5 (100 is dropped).
    expect(trimmedMean([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 0.1)).toBe(5.5);
    expect(() => trimmedMean([1], 0.5)).toThrow(/\[0, 0.5\)/);
    expect(median([])).toBeNaN();
    expect(mad([NaN, 4, NaN])).toBe(0);
  });

  it('MAD equals simple-statistics on random samples', () => {
    const rng = mulberry32(7);
    for (let k = 0; k < 50; k++) {
      const xs = Array.from({ length: 1 + Math.floor(rng() * 40) }, () => rng() * 100 - 50);
      expect(mad(xs)).toBeCloseTo(medianAbsoluteDeviation(xs), 10);
    }
  });
});

describe('smoothing and seasons', () => {
  it('EWMA recurrence and NaN carry-over', () => {
    // m0 = 10, m1 = 0.5·20 + 0.5·10 = 15, NaN keeps 15, m3 = 0.5·5 + 0.5·15 = 10.
    expect(Array.from(ewma([10, 20, NaN, 5], 0.5))).toEqual([10, 15, 15, 10]);
    const s = new EwmaStats(0.5);
    for (const x of [10, 20]) s.push(x);
    // d = 10, mean 15, variance (1 − 0.5)(0 + 10·5) = 25.
    expect([s.mean, s.variance]).toEqual([15, 25]);
  });

  it('holtSmooth at i equals holtWinters over the prefix', () => {
    const xs = [3, 5, 4, 8, 9, 7, 12, 15];
    const h = holtSmooth(xs, 0.4, 0.3);
    expect(h[0]).toBeNaN();
    for (let i = 1; i < xs.length; i++) expect(h[i]).toBe(holtWinters(xs.slice(0, i + 1), 0.4, 0.3));
  });

  it('hour-of-week buckets start Monday 00:00 UTC; empty buckets are NaN with count 0', () => {
    const mon = Date.UTC(2026, 10, 30, 0, 30); // Monday 30 Nov 2026 00:30
    expect(seasonBucket(mon, 'hour-of-week')).toBe(0);
    expect(seasonBucket(mon - 3600_000, 'hour-of-week')).toBe(167);
    expect(seasonBucket(mon + 14 * 3600_000, 'hour-of-day')).toBe(14);
    const b = seasonalBaseline([mon, mon + 60_000, mon + 86_400_000], [1, 3, 10], 'hour-of-day', ['median', 'max']);
    expect(b[0]).toEqual({ median: 3, max: 10, count: 3 }); // 1, 3, 10 → median 3
    expect(b[1]!.count).toBe(0);
    expect(b[1]!.median).toBeNaN();
  });
});
