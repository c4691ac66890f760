/** Runs the examples that docs/packages/baseline-stats.md embeds. */
import { describe, expect, it } from 'vitest';
import { forecasts, robustSummary, signupBand } from '../examples/baselines.js';

describe('baseline-stats documentation examples', () => {
  it('robust summary (by hand: median 3, |x − 3| → MAD 1, type 7 IQR 4 − 2 = 2)', () => {
    expect(robustSummary([1, 2, 3, 4, 100])).toEqual({ median: 3, mad: 1, iqr: 2 });
  });

  it('forecasts of a straight line continue it', () => {
    const ts = [0, 60_000, 120_000, 180_000];
    // v = 10 + t/60 s: at t = 180 s plus one hour the line is at 10 + 3 + 60 = 73.
    expect(forecasts(ts, [10, 11, 12, 13], 180_000).inOneHour).toBeCloseTo(73, 9);
    // Holt on an exact line tracks it: the level ends at the last value.
    expect(forecasts(ts, [10, 11, 12, 13], 180_000).smoothed).toBeCloseTo(13, 9);
  });

  it('signup band flags the drop and emits the rules', () => {
    const ts = Array.from({ length: 120 }, (_, i) => i * 60_000);
    const vs = ts.map((_, i) => (i === 100 ? 5 : 100 + (i % 7)));
    const { flagged, yaml } = signupBand(ts, vs);
    expect(flagged).toEqual([100 * 60_000]);
    expect(yaml).toContain('alert: BusinessSignupAnomaly');
    expect(yaml).toContain('stddev_over_time(signups:rate5m[1h])');
  });
});
