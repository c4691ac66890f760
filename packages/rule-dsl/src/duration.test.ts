import {
  PromQLError,
  formatDuration as promqlFormatDuration,
  parseDuration as promqlParseDuration,
} from '@alertcraft/promql';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationString, formatDuration, isDuration, parseDuration } from './duration.js';
import { RuleDslInputError } from './errors.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('durations', () => {
  it('parses and formats Prometheus durations', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(8 * 24 * 3600 * 1000 + 1)).toBe('8d1ms');
    expect(isDuration('5m')).toBe(true);
    expect(isDuration('5')).toBe(false);
    expect(isDuration('1m1h')).toBe(false);
    expect(durationString({ ms: 90_000 })).toBe('1m30s');
  });

  it("rethrows promql's errors as RuleDslInputError with the promql error as cause", () => {
    const p = thrown(() => parseDuration('5 minutes'));
    expect(p).toBeInstanceOf(RuleDslInputError);
    expect((p as RuleDslInputError).code).toBe('rule-dsl/invalid-duration');
    expect((p as Error).message).toBe(
      'invalid duration "5 minutes": expected a Prometheus duration like 30s, 5m, 1h30m',
    );
    expect((p as Error).cause).toBeInstanceOf(PromQLError);
    const f = thrown(() => formatDuration(-1));
    expect(f).toBeInstanceOf(RuleDslInputError);
    expect((f as Error).cause).toBeInstanceOf(PromQLError);
  });

  it('format then parse is the identity, and is the PromQL package (same results)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 24 * 3600 * 1000 }), (ms) => {
        const s = formatDuration(ms);
        expect(s).toBe(promqlFormatDuration(ms));
        expect(parseDuration(s)).toBe(ms);
        expect(promqlParseDuration(s)).toBe(ms);
      }),
    );
  });
});
