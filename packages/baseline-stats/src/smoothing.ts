/**
 * Streaming smoothers: exponentially weighted moving average and variance, and Holt's double
 * exponential smoothing as a running forecaster (the same recurrences as `holtWinters`).
 */

/**
 * EWMA with weight `alpha` (0 < alpha ≤ 1) on the newest value: m₀ = x₀, mᵢ = α·xᵢ + (1 − α)·mᵢ₋₁.
 * NaN values are skipped (the previous mean carries over); the output has the input's length.
 */
export function ewma(values: ArrayLike<number>, alpha: number): Float64Array {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`EWMA alpha must be in (0, 1], got ${alpha}`);
  const out = new Float64Array(values.length);
  let m = NaN;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!Number.isNaN(x)) m = Number.isNaN(m) ? x : alpha * x + (1 - alpha) * m;
    out[i] = m;
  }
  return out;
}

/** Running EWMA mean and variance (West's incremental form), for streaming z-scores. */
export class EwmaStats {
  mean = NaN;
  variance = 0;
  count = 0;
  constructor(readonly alpha: number) {
    if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`EWMA alpha must be in (0, 1], got ${alpha}`);
  }

  push(x: number): void {
    if (!Number.isFinite(x)) return;
    this.count++;
    if (this.count === 1) {
      this.mean = x;
      return;
    }
    const d = x - this.mean;
    const inc = this.alpha * d;
    this.mean += inc;
    this.variance = (1 - this.alpha) * (this.variance + d * inc);
  }
}

/**
 * Holt's double exponential smoothing over a whole series: the smoothed level after each value
 * (undefined before the second value), equal at index i to `holtWinters(values[0..i], sf, tf)`.
 */
export function holtSmooth(values: ArrayLike<number>, sf: number, tf: number): Float64Array {
  if (!(sf > 0 && sf < 1)) throw new RangeError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf}`);
  if (!(tf > 0 && tf < 1)) throw new RangeError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf}`);
  const out = new Float64Array(values.length).fill(NaN);
  if (values.length < 2) return out;
  let prevLevel = 0;
  let level = values[0]!;
  let trend = values[1]! - values[0]!;
  for (let i = 1; i < values.length; i++) {
    if (i > 1) trend = tf * (level - prevLevel) + (1 - tf) * trend;
    const next = sf * values[i]! + (1 - sf) * (level + trend);
    prevLevel = level;
    level = next;
    out[i] = level;
  }
  return out;
}
