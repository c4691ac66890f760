import { describe, expect, it } from 'vitest';
import { almostEqual, compareRangeResults } from './compare.js';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);

describe('differential comparison', () => {
  it('almostEqual: NaN = NaN, infinities only equal themselves, relative elsewhere, exact at zero', () => {
    expect(almostEqual(NaN, NaN)).toBe(true);
    expect(almostEqual(NaN, 0)).toBe(false);
    expect(almostEqual(Infinity, Infinity)).toBe(true);
    expect(almostEqual(Infinity, -Infinity)).toBe(false);
    expect(almostEqual(Infinity, 1.7976931348623157e308)).toBe(false);
    expect(almostEqual(1, 1 + 1e-12)).toBe(true);
    expect(almostEqual(1, 1 + 1e-8)).toBe(false);
    expect(almostEqual(0, 1e-300)).toBe(false);
    expect(almostEqual(-0, 0)).toBe(true);
  });

  it('finds missing series, extra series and differing values per time, and counts pairs', () => {
    const ours = [
      { labels: { a: '1' }, timestamps: f([0, 60, 120]), values: f([1, 2, 3]) },
      { labels: { a: '2' }, timestamps: f([60]), values: f([5]) },
    ];
    const theirs = [
      { labels: { a: '1' }, timestamps: f([0, 60, 120]), values: f([1, 2, 3.5]) },
      { labels: { a: '3' }, timestamps: f([60]), values: f([5]) },
    ];
    const r = compareRangeResults(ours, theirs, [0, 60, 120, 180]);
    expect(r.pairs).toBe(4);
    expect(r.nonEmptyPairs).toBe(3);
    expect(r.mismatches.map((m) => [m.t, m.diffs.map((d) => [d.labels, d.ours, d.theirs])])).toEqual([
      [
        60,
        [
          ['a="2"', 5, undefined],
          ['a="3"', undefined, 5],
        ],
      ],
      [120, [['a="1"', 3, 3.5]]],
    ]);
  });
});
