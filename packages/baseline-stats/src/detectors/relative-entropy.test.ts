import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@alertcraft/promql/testing';
import { chiSquaredQuantile, relativeEntropyDetector, type RelativeEntropyOptions } from './relative-entropy.js';
import { DetectorInputError } from './types.js';

const MIN = 60_000;
const times = (n: number) => Float64Array.from({ length: n }, (_, i) => i * MIN);
const flagged = (f: Uint8Array) => [...f.keys()].filter((i) => f[i]);
function noise(n: number, seed: number): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => 10 + rng() + rng() + rng());
}
const O: RelativeEntropyOptions = { window: 52, bins: 5, confidence: 0.99, minCount: 1, rangeSamples: 200 };

describe('relative-entropy detector', () => {
  it('χ² quantiles match tables', () => {
    // χ²(0.99, 4) = 13.2767, χ²(0.95, 1) = 3.8415, χ²(0.99, 10) = 23.2093.
    expect(chiSquaredQuantile(0.99, 4)).toBeCloseTo(13.2767, 3);
    expect(chiSquaredQuantile(0.95, 1)).toBeCloseTo(3.8415, 3);
    expect(chiSquaredQuantile(0.99, 10)).toBeCloseTo(23.2093, 3);
  });

  it('warm-up: scores 0 and no flags until the range is learned and a window is full', () => {
    const r = relativeEntropyDetector(times(600), noise(600, 1), O);
    expect(r.warmup).toBe(199);
    expect(Array.from(r.scores.subarray(0, 199)).every((s) => s === 0)).toBe(true);
    expect(Array.from(r.scores).every((s) => s === 0 || s === 1)).toBe(true);
  });

  it('a constant series is never tested: no flags', () => {
    const r = relativeEntropyDetector(times(400), new Array(400).fill(3), O);
    expect(flagged(r.flags)).toEqual([]);
    expect(r.warmup).toBe(400);
  });

  it('flags a planted level shift once, within half a window of it, and not the stationary noise', () => {
    const v = noise(900, 2);
    // On noise each window is rejected by a given hypothesis at about 1 %, and the few windows
    // that are rejected by all become hypotheses that cover later ones (observed: 3 of 700 tests).
    expect(flagged(relativeEntropyDetector(times(900), v, O).flags).length).toBeLessThanOrEqual(5);
    const shifted = v.map((x, i) => x + (i >= 600 ? 4 : 0));
    const f = flagged(relativeEntropyDetector(times(900), shifted, O).flags).filter((i) => i >= 600);
    expect(f.length).toBeGreaterThanOrEqual(1);
    // The window must hold enough new-level samples for the test to reject: well within half a window.
    expect(f[0]).toBeLessThan(600 + 26);
    // The new level becomes a hypothesis: later windows at that level are not flagged again.
    expect(f.filter((i) => i >= 700)).toEqual([]);
  });

  it('a known range starts testing with the first full window', () => {
    const r = relativeEntropyDetector(times(300), noise(300, 3), { ...O, range: [10, 13] });
    expect(r.warmup).toBe(51);
    expect(() => relativeEntropyDetector(times(300), noise(300, 3), { ...O, range: [5, 5] })).toThrow(/range/);
  });

  it('NaN input is a clear error naming the sample', () => {
    const v = noise(300, 4);
    v[123] = Number.NaN;
    expect(() => relativeEntropyDetector(times(300), v, O)).toThrow(DetectorInputError);
    expect(() => relativeEntropyDetector(times(300), v, O)).toThrow(/relativeEntropy: sample 123 .* is NaN/);
    expect(() => relativeEntropyDetector(times(300), noise(300, 4), { ...O, window: 1 })).toThrow(/window/);
  });
});
