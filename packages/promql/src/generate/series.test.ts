import { describe, expect, it } from 'vitest';
import { isStaleNaN } from '../storage/stale.js';
import { mulberry32 } from './prng.js';
import { generateSeries } from './series.js';

const START = Date.UTC(2026, 0, 1);
const opts = { startMs: START, endMs: START + 3 * 3_600_000, jitterMs: 2_000, gapChance: 0.02, resetChance: 0.01 };

describe('generateSeries', () => {
  it('is deterministic for a seed', () => {
    const a = generateSeries(mulberry32(7), opts);
    const b = generateSeries(mulberry32(7), opts);
    expect(a.map((s) => s.labels)).toEqual(b.map((s) => s.labels));
    expect(a.map((s) => Array.from(s.values))).toEqual(b.map((s) => Array.from(s.values)));
    expect(generateSeries(mulberry32(8), opts).map((s) => Array.from(s.values))).not.toEqual(
      a.map((s) => Array.from(s.values)),
    );
  });

  it('gives strictly increasing timestamps inside the window, with gaps', () => {
    let gaps = 0;
    for (const s of generateSeries(mulberry32(1), opts)) {
      expect(s.labels.__name__).toBeTruthy();
      for (let i = 0; i < s.timestamps.length; i++) {
        expect(s.timestamps[i]).toBeGreaterThanOrEqual(opts.startMs);
        expect(s.timestamps[i]).toBeLessThanOrEqual(opts.endMs);
        if (i > 0) {
          expect(s.timestamps[i]!).toBeGreaterThan(s.timestamps[i - 1]!);
          if (s.timestamps[i]! - s.timestamps[i - 1]! > 30_000) gaps++;
        }
      }
    }
    expect(gaps).toBeGreaterThan(0);
  });

  it('counters only go down on a reset (to a small value), and some reset', () => {
    let resets = 0;
    for (const s of generateSeries(mulberry32(2), { ...opts, counters: 20 }).filter(
      (x) => x.labels.__name__ === 'http_requests_total',
    )) {
      for (let i = 1; i < s.values.length; i++) {
        if (s.values[i]! < s.values[i - 1]!) {
          resets++;
          expect(s.values[i]).toBeLessThanOrEqual(5);
        }
      }
    }
    expect(resets).toBeGreaterThan(0);
  });

  it('classic histograms: buckets cumulative in le, +Inf bucket equals _count, same scrape times', () => {
    const all = generateSeries(mulberry32(3), { ...opts, histograms: 2 });
    const buckets = all.filter(
      (s) =>
        s.labels.__name__ === 'request_duration_seconds_bucket' &&
        s.labels.instance === all.find((x) => x.labels.__name__ === 'request_duration_seconds_bucket')!.labels.instance,
    );
    const les = buckets.map((b) => (b.labels.le === '+Inf' ? Infinity : Number(b.labels.le)));
    expect(les).toEqual([...les].sort((a, b) => a - b));
    expect(les[les.length - 1]).toBe(Infinity);
    const count = all.find(
      (s) =>
        s.labels.__name__ === 'request_duration_seconds_count' && s.labels.instance === buckets[0]!.labels.instance,
    )!;
    for (let i = 0; i < count.values.length; i++) {
      for (let b = 1; b < buckets.length; b++)
        expect(buckets[b]!.values[i]).toBeGreaterThanOrEqual(buckets[b - 1]!.values[i]!);
      expect(buckets[buckets.length - 1]!.values[i]).toBe(count.values[i]);
      expect(buckets[0]!.timestamps[i]).toBe(count.timestamps[i]);
    }
  });

  // Count on the typed arrays: copying into JS arrays may canonicalise the StaleNaN payload.
  const staleCount = (v: Float64Array): number => {
    let c = 0;
    for (let i = 0; i < v.length; i++) if (isStaleNaN(v[i]!)) c++;
    return c;
  };

  it('writes staleness markers at gap starts only when asked', () => {
    const without = generateSeries(mulberry32(4), opts);
    expect(without.reduce((a, s) => a + staleCount(s.values), 0)).toBe(0);
    const withMarkers = generateSeries(mulberry32(4), { ...opts, staleMarkers: true });
    const markers = withMarkers.reduce((a, s) => a + staleCount(s.values), 0);
    expect(markers).toBeGreaterThan(0);
    // Same samples otherwise.
    expect(withMarkers.map((s) => s.values.length - staleCount(s.values))).toEqual(without.map((s) => s.values.length));
  });
});
