import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration as promqlParseDuration } from '@alertcraft/promql';
import { formatDuration, isDuration, parseDuration } from './duration.js';
import { RuleDslInputError } from './errors.js';

describe('durations', () => {
  it('parses and formats Prometheus durations', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(8 * 24 * 3600 * 1000 + 1)).toBe('1w1d1ms');
    expect(isDuration('5m')).toBe(true);
    expect(isDuration('5')).toBe(false);
    expect(isDuration('1m1h')).toBe(false);
    expect(() => parseDuration('5 minutes')).toThrow(RuleDslInputError);
  });

  it('format then parse is the identity, and agrees with the PromQL package', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 24 * 3600 * 1000 }), (ms) => {
        const s = formatDuration(ms);
        expect(parseDuration(s)).toBe(ms);
        expect(promqlParseDuration(s)).toEqual({ ms });
      }),
    );
  });
});
