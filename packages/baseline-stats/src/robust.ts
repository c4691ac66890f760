/**
 * Robust statistics of a sample: median, median absolute deviation, interquartile range and
 * trimmed mean. Quantiles are Hyndman–Fan type 7 (`quantile`); NaN values are ignored and an
 * empty sample gives NaN, as for `quantile`.
 */
import { quantileSorted, sortedSample } from './quantile.js';

/** The factor that makes the MAD a consistent estimator of σ for normal data (1 / Φ⁻¹(3/4)). */
export const MAD_NORMAL_SCALE = 1.482602218505602;

/** The median (type 7 0.5-quantile) of `values`. */
export function median(values: ArrayLike<number>): number {
  return quantileSorted(sortedSample(values), 0.5);
}

/**
 * The median absolute deviation from the median, median(|xᵢ − median(x)|), unscaled (as PromQL's
 * `mad_over_time`); pass `scale: MAD_NORMAL_SCALE` to estimate σ.
 */
export function mad(values: ArrayLike<number>, scale = 1): number {
  const sorted = sortedSample(values);
  const m = quantileSorted(sorted, 0.5);
  const dev = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) dev[i] = Math.abs(sorted[i]! - m);
  return scale * quantileSorted(dev.sort(), 0.5);
}

/** The interquartile range Q3 − Q1 (type 7 quantiles). */
export function iqr(values: ArrayLike<number>): number {
  const sorted = sortedSample(values);
  return quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
}

/**
 * The mean after dropping ⌊n·proportion⌋ values from each end of the sorted sample (as SciPy's
 * `trim_mean`); `proportion` in [0, 0.5).
 */
export function trimmedMean(values: ArrayLike<number>, proportion: number): number {
  if (!(proportion >= 0 && proportion < 0.5))
    throw new RangeError(`trim proportion must be in [0, 0.5), got ${proportion}`);
  const sorted = sortedSample(values);
  const cut = Math.floor(sorted.length * proportion);
  let s = 0;
  for (let i = cut; i < sorted.length - cut; i++) s += sorted[i]!;
  const n = sorted.length - 2 * cut;
  return n > 0 ? s / n : NaN;
}
