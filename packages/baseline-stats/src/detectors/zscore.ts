/**
 * Z-score band in GitLab's form: z = (x − avg_over_time(x[W])) / stddev_over_time(x[W]), flag
 * when |z| > k, computed exactly as PromQL computes it, so the emitted rules page on the same
 * samples. Warm-up: the window must hold at least `minSamples` samples. A window with zero
 * spread gives z = 0/0 (no flag) when the sample equals the mean and ±Inf (flag) otherwise, as
 * in PromQL.
 */
import { formatNumber, formatDuration, assertValidExpr } from '@alertcraft/rule-dsl';
import type { RuleGroup } from '@alertcraft/rule-dsl';
import { avgOverTime, stddevOverTime } from '../promql-functions.js';
import { checkSeries, DetectorInputError, emptyOutput, squash, type DetectorOutput } from './types.js';

export interface ZScoreOptions {
  /** Trailing window (ms), closed at both ends as Prometheus 2.x selects a range. */
  windowMs: number;
  /** Band half-width in standard deviations. */
  k: number;
  /** Samples the window must hold before flagging. */
  minSamples: number;
}

function checkOptions(o: ZScoreOptions): void {
  if (!(o.windowMs > 0) || !Number.isInteger(o.windowMs))
    throw new DetectorInputError('zscore', `windowMs must be a positive integer, got ${o.windowMs}`);
  if (!(o.k > 0) || !Number.isFinite(o.k))
    throw new DetectorInputError('zscore', `k must be a finite positive number, got ${o.k}`);
  if (!(o.minSamples >= 2) || !Number.isInteger(o.minSamples))
    throw new DetectorInputError('zscore', `minSamples must be an integer ≥ 2, got ${o.minSamples}`);
}

/** |z| per sample (NaN in the warm-up). */
export function zScores(times: ArrayLike<number>, values: ArrayLike<number>, o: ZScoreOptions): Float64Array {
  const z = new Float64Array(values.length).fill(NaN);
  let lo = 0;
  for (let i = 0; i < values.length; i++) {
    while (times[lo]! < times[i]! - o.windowMs) lo++;
    if (i + 1 - lo < o.minSamples) continue;
    const m = avgOverTime(values, lo, i + 1);
    const sd = stddevOverTime(values, lo, i + 1);
    z[i] = Math.abs(values[i]! - m) / sd;
  }
  return z;
}

export function zscoreDetector(times: ArrayLike<number>, values: ArrayLike<number>, o: ZScoreOptions): DetectorOutput {
  checkOptions(o);
  checkSeries('zscore', times, values, o.minSamples);
  const z = zScores(times, values, o);
  const out = emptyOutput(values.length, o.minSamples - 1);
  for (let i = 0; i < z.length; i++) {
    out.scores[i] = squash(z[i]!, o.k);
    out.flags[i] = z[i]! > o.k ? 1 : 0;
  }
  return out;
}

export interface ZScoreRuleOptions extends ZScoreOptions {
  /** Selector of the series, e.g. `signups_total:rate5m{job="api"}`. */
  selector: string;
  /** Prefix of the recorded series, e.g. `signups:zscore`. */
  record: string;
  alert: string;
  interval?: string;
  labels?: Record<string, string>;
}

/**
 * Recording rules (mean, stddev, sample count over the window) and an alert `|z| > k` once the
 * window holds `minSamples`; a rule group in the rule-file model. Thresholds are checked finite.
 */
export function zscoreRules(o: ZScoreRuleOptions): RuleGroup {
  checkOptions(o);
  const w = formatDuration(o.windowMs);
  const rules = [
    { record: `${o.record}:avg`, expr: `avg_over_time(${o.selector}[${w}])` },
    { record: `${o.record}:stddev`, expr: `stddev_over_time(${o.selector}[${w}])` },
    { record: `${o.record}:count`, expr: `count_over_time(${o.selector}[${w}])` },
    {
      alert: o.alert,
      expr: `abs(${o.selector} - ${o.record}:avg) / ${o.record}:stddev > ${formatNumber(o.k)} and ${o.record}:count >= ${o.minSamples}`,
      labels: o.labels ?? { detector: 'zscore' },
      annotations: {
        summary: `{{ $labels }} is more than ${formatNumber(o.k)} standard deviations from its ${w} mean`,
      },
    },
  ];
  for (const r of rules) assertValidExpr(('record' in r ? r.record : r.alert) ?? o.alert, undefined, r.expr);
  return { name: `${o.record}:zscore`, ...(o.interval ? { interval: o.interval } : {}), rules };
}
