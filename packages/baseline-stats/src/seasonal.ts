/**
 * Seasonal baselines: a sample's statistics per hour of day (24 buckets) or hour of week (168
 * buckets, Monday 00:00 UTC first), e.g. "p95 of the error rate at 14:00 on weekdays".
 */
import { summarize, type BaselineStat } from './quantile.js';

export type Season = 'hour-of-day' | 'hour-of-week';

/** Bucket index of a Unix-ms time: 0..23 (hour of day) or 0..167 (hour of week, Monday 00h UTC = 0), UTC. */
export function seasonBucket(tMs: number, season: Season): number {
  const d = new Date(tMs);
  const hour = d.getUTCHours();
  if (season === 'hour-of-day') return hour;
  return ((d.getUTCDay() + 6) % 7) * 24 + hour;
}

/** The number of buckets of a season. */
export function seasonLength(season: Season): number {
  return season === 'hour-of-day' ? 24 : 168;
}

/**
 * Per-bucket statistics of a series. Buckets without data have NaN statistics (never an invented
 * value); `count` per bucket says how many samples each one saw.
 */
export function seasonalBaseline(
  timestampsMs: ArrayLike<number>,
  values: ArrayLike<number>,
  season: Season,
  stats: readonly BaselineStat[] = ['median', 'p95'],
): Array<Record<string, number> & { count: number }> {
  if (timestampsMs.length !== values.length)
    throw new RangeError(`timestamps (${timestampsMs.length}) and values (${values.length}) differ in length`);
  const buckets: number[][] = Array.from({ length: seasonLength(season) }, () => []);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    buckets[seasonBucket(timestampsMs[i]!, season)]!.push(v);
  }
  return buckets.map((b) => ({ ...summarize(b, stats), count: b.length }));
}
