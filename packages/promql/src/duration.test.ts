import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  goDurationString,
  isDuration,
  parseDuration,
  parseDurationResult,
  tryParseDuration,
} from './duration.js';
import { PromQLError } from './errors.js';

const DAY = 86_400_000;

describe('parseDuration (model.ParseDuration)', () => {
  it('reads every unit, biggest first, and a bare 0', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1y2w3d4h5m6s7ms')).toBe(
      365 * DAY + 14 * DAY + 3 * DAY + 4 * 3_600_000 + 5 * 60_000 + 6000 + 7,
    );
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('0s')).toBe(0);
  });

  it('rejects with Prometheus wording and the promql/duration code', () => {
    expect(parseDurationResult('')).toEqual({ error: 'empty duration string' });
    expect(parseDurationResult('5')).toEqual({ error: 'not a valid duration string: "5"' });
    expect(parseDurationResult('1m1h')).toEqual({ error: 'not a valid duration string: "1m1h"' });
    expect(parseDurationResult('5 minutes')).toEqual({ error: 'unknown unit " minutes" in duration "5 minutes"' });
    expect(parseDurationResult('300y')).toEqual({ error: 'duration out of range' });
    const err = (() => {
      try {
        parseDuration('5x');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PromQLError);
    expect((err as PromQLError).code).toBe('promql/duration');
    expect(tryParseDuration('5x')).toBeUndefined();
    expect(tryParseDuration('5m')).toBe(300_000);
    expect(isDuration('5m')).toBe(true);
    expect(isDuration('0')).toBe(true);
    expect(isDuration('-5m')).toBe(false);
  });
});

describe('formatDuration (model.Duration.String)', () => {
  it('uses y and w only for exact multiples, like Prometheus (issue #11: 8d, 366d)', () => {
    expect(formatDuration(8 * DAY)).toBe('8d');
    expect(formatDuration(366 * DAY)).toBe('366d');
    expect(formatDuration(7 * DAY)).toBe('1w');
    expect(formatDuration(365 * DAY)).toBe('1y');
    expect(formatDuration(371 * DAY)).toBe('53w');
    expect(formatDuration(8 * DAY + 1)).toBe('8d1ms');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(90_500)).toBe('1m30s500ms');
  });

  it('rejects what is not a non-negative integer number of ms', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity]) expect(() => formatDuration(bad)).toThrow(PromQLError);
  });

  it('parse ∘ format is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 * 365 * DAY }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
  });
});

describe('goDurationString (time.Duration.String)', () => {
  it('prints hours, minutes and fractional seconds', () => {
    expect(goDurationString(0)).toBe('0s');
    expect(goDurationString(8 * DAY)).toBe('192h0m0s');
    expect(goDurationString(1500)).toBe('1.5s');
    expect(goDurationString(500)).toBe('500ms');
    expect(goDurationString(-90_000)).toBe('-1m30s');
  });
});
