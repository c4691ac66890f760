/**
 * PromQL's range functions over one window of samples, with Prometheus v2.54.1 semantics, so a
 * baseline computed here equals what a recording rule computes: `quantile_over_time`,
 * `holt_winters` (renamed `double_exponential_smoothing` in Prometheus 3) and `predict_linear`.
 * A window is the samples a range selector selects (timestamps in Unix ms, ascending).
 */

/**
 * `quantile_over_time(q, …)`: q < 0 gives −Inf, q > 1 gives +Inf, NaN q or an empty window NaN;
 * NaN samples sort first; otherwise linear interpolation at rank q·(n − 1), weighted as
 * x[lo]·(1 − w) + x[hi]·w (type 7, written as Prometheus writes it).
 */
export function quantileOverTime(q: number, values: ArrayLike<number>): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const xs = Array.from(values).sort((a, b) =>
    Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b,
  );
  const rank = q * (xs.length - 1);
  const lo = Math.max(0, Math.floor(rank));
  const hi = Math.min(xs.length - 1, lo + 1);
  const w = rank - Math.floor(rank);
  return xs[lo]! * (1 - w) + xs[hi]! * w;
}

/**
 * `holt_winters(v[range], sf, tf)`: Holt's double exponential smoothing (level and trend, no
 * season) over the window's values; the result is the last smoothed level. 0 < sf, tf < 1, else
 * a RangeError (Prometheus' query error). Fewer than two samples: undefined (no output sample).
 */
export function holtWinters(values: ArrayLike<number>, sf: number, tf: number): number | undefined {
  if (!(sf > 0 && sf < 1)) throw new RangeError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf}`);
  if (!(tf > 0 && tf < 1)) throw new RangeError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf}`);
  const n = values.length;
  if (n < 2) return undefined;
  let prevLevel = 0;
  let level = values[0]!;
  let trend = values[1]! - values[0]!;
  for (let i = 1; i < n; i++) {
    // The trend is updated from the second step on; the first step uses the initial trend.
    if (i > 1) trend = tf * (level - prevLevel) + (1 - tf) * trend;
    const next = sf * values[i]! + (1 - sf) * (level + trend);
    prevLevel = level;
    level = next;
  }
  return level;
}

/** Neumaier-compensated increment, as Prometheus' `kahanSumInc` (an infinite sum drops the compensation). */
function kahanInc(inc: number, acc: [number, number]): void {
  const [sum, c] = acc;
  const t = sum + inc;
  if (t === Infinity || t === -Infinity) acc[1] = 0;
  else if (Math.abs(sum) >= Math.abs(inc)) acc[1] = c + (sum - t + inc);
  else acc[1] = c + (inc - t + sum);
  acc[0] = t;
}

/**
 * `avg_over_time`: the incremental mean Prometheus computes (Kahan-compensated mean of
 * increments f/n − mean/n; an infinite mean stays infinite). NaN for an empty window.
 */
export function avgOverTime(values: ArrayLike<number>, lo = 0, hi = values.length): number {
  if (hi <= lo) return NaN;
  let mean = 0;
  let c = 0;
  let count = 0;
  for (let i = lo; i < hi; i++) {
    const f = values[i]!;
    count++;
    if (mean === Infinity || mean === -Infinity) {
      if ((f === Infinity || f === -Infinity) && mean > 0 === f > 0) continue;
      if (!(f === Infinity || f === -Infinity) && !Number.isNaN(f)) continue;
    }
    // kahanSumInc(f/count − mean/count, mean, c), inlined.
    const inc = f / count - mean / count;
    const t = mean + inc;
    if (t === Infinity || t === -Infinity) c = 0;
    else if (Math.abs(mean) >= Math.abs(inc)) c += mean - t + inc;
    else c += inc - t + mean;
    mean = t;
  }
  return mean === Infinity || mean === -Infinity ? mean : mean + c;
}

/** `stdvar_over_time`: Welford's update with Kahan-compensated sums, population variance. */
export function stdvarOverTime(values: ArrayLike<number>, lo = 0, hi = values.length): number {
  if (hi <= lo) return NaN;
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (let i = lo; i < hi; i++) {
    const f = values[i]!;
    count++;
    const delta = f - (mean + cMean);
    const inc = delta / count;
    let t = mean + inc;
    if (t === Infinity || t === -Infinity) cMean = 0;
    else if (Math.abs(mean) >= Math.abs(inc)) cMean += mean - t + inc;
    else cMean += inc - t + mean;
    mean = t;
    const inc2 = delta * (f - (mean + cMean));
    t = aux + inc2;
    if (t === Infinity || t === -Infinity) cAux = 0;
    else if (Math.abs(aux) >= Math.abs(inc2)) cAux += aux - t + inc2;
    else cAux += inc2 - t + aux;
    aux = t;
  }
  return (aux + cAux) / count;
}

/** `stddev_over_time`: the square root of `stdvarOverTime`. */
export function stddevOverTime(values: ArrayLike<number>, lo = 0, hi = values.length): number {
  return Math.sqrt(stdvarOverTime(values, lo, hi));
}

/**
 * Least-squares line through (t, v) with x in seconds relative to `interceptTimeMs`, as PromQL's
 * `linearRegression`: returns [slope per second, value at interceptTime]. A constant window gives
 * slope 0 (NaN, NaN for a constant infinite value).
 */
export function linearRegression(
  timestampsMs: ArrayLike<number>,
  values: ArrayLike<number>,
  interceptTimeMs: number,
): [number, number] {
  const n = values.length;
  if (n !== timestampsMs.length)
    throw new RangeError(`timestamps (${timestampsMs.length}) and values (${n}) differ in length`);
  if (n === 0) return [NaN, NaN];
  const sx: [number, number] = [0, 0];
  const sy: [number, number] = [0, 0];
  const sxy: [number, number] = [0, 0];
  const sx2: [number, number] = [0, 0];
  const initY = values[0]!;
  let constY = true;
  for (let i = 0; i < n; i++) {
    const y = values[i]!;
    if (constY && i > 0 && y !== initY) constY = false;
    const x = (timestampsMs[i]! - interceptTimeMs) / 1e3;
    kahanInc(x, sx);
    kahanInc(y, sy);
    kahanInc(x * y, sxy);
    kahanInc(x * x, sx2);
  }
  if (constY) return initY === Infinity || initY === -Infinity ? [NaN, NaN] : [0, initY];
  const sumX = sx[0] + sx[1];
  const sumY = sy[0] + sy[1];
  const sumXY = sxy[0] + sxy[1];
  const sumX2 = sx2[0] + sx2[1];
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

/**
 * `predict_linear(v[range], seconds)` evaluated at `evalTimeMs`: the regression line's value
 * `seconds` after the evaluation time. Fewer than two samples: undefined (no output sample).
 */
export function predictLinear(
  timestampsMs: ArrayLike<number>,
  values: ArrayLike<number>,
  evalTimeMs: number,
  seconds: number,
): number | undefined {
  if (values.length < 2) return undefined;
  const [slope, intercept] = linearRegression(timestampsMs, values, evalTimeMs);
  return slope * seconds + intercept;
}
