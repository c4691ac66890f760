/**
 * Sample quantiles with the interpolation NumPy uses by default (`method='linear'`, R type 7),
 * which is what seed 000's `collect-baselines.py` computes with `np.percentile`. NaN values are
 * ignored, as a baseline over a range query skips steps with no data.
 */

/** Sorted finite-or-infinite, non-NaN copy of `values`. */
export function sortedSample(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) out[j++] = values[i]!;
  return out.sort();
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of an already sorted sample, linear interpolation between closest
 * ranks: h = (n − 1)·q, Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). NaN for an empty sample.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a === b ? a : a + (h - lo) * (b - a);
}

/** The q-quantile of `values` (unsorted; NaN ignored). */
export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileSorted(sortedSample(values), q);
}

/** The arithmetic mean of `values`, summed in the given order (NaN ignored); NaN for an empty sample. */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    s += v;
    n++;
  }
  return n ? s / n : NaN;
}

/** The statistics seed 000's baselines carry: `p<N>` (percentiles), `max`, `min`, `mean`, `median`. */
export type BaselineStat = `p${number}` | 'max' | 'min' | 'mean' | 'median';

/** The seed's default set: p50, p90, p95, p99 and max. */
export const DEFAULT_BASELINE_STATS: readonly BaselineStat[] = ['p50', 'p90', 'p95', 'p99', 'max'];

/**
 * Summarises a sample into the named statistics, e.g. `{ p50, p90, p95, p99, max }` (the shape of
 * `week1-baselines.json`). An empty sample (no data at all) gives NaN for every statistic.
 */
export function summarize(
  values: ArrayLike<number>,
  stats: readonly BaselineStat[] = DEFAULT_BASELINE_STATS,
): Record<string, number> {
  const sorted = sortedSample(values);
  const out: Record<string, number> = {};
  for (const stat of stats) {
    if (stat === 'max') out[stat] = sorted.length ? sorted[sorted.length - 1]! : NaN;
    else if (stat === 'min') out[stat] = sorted.length ? sorted[0]! : NaN;
    else if (stat === 'median') out[stat] = quantileSorted(sorted, 0.5);
    else if (stat === 'mean') out[stat] = mean(sorted);
    else {
      const p = Number(stat.slice(1));
      if (!Number.isFinite(p) || p < 0 || p > 100)
        throw new RangeError(`unknown baseline statistic '${stat}': use p0..p100, min, max, mean or median`);
      out[stat] = quantileSorted(sorted, p / 100);
    }
  }
  return out;
}
