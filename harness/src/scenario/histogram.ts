/**
 * Classic-histogram sampling: per step, `n` observations from a log-normal latency distribution
 * become cumulative bucket increments (monotone in `le`), a `_sum` increment and a `_count` increment.
 */
import type { Rng } from './prng.js';

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** P(X ≤ le) for a log-normal with the given median and log-sd. */
export function lognormalCdf(le: number, median: number, sigma: number): number {
  if (le === Infinity) return 1;
  if (le <= 0) return 0;
  return normalCdf(Math.log(le / median) / sigma);
}

/** The `le` label value for a bucket bound, as Prometheus clients print it. */
export function formatLe(le: number): string {
  return le === Infinity ? '+Inf' : String(le);
}

/**
 * One step of about `n` observations: writes cumulative bucket increments to `bucketsOut` (same
 * order as `bounds`, the last bound must be +Inf; `bucketsOut[last]` is the `_count` increment)
 * and returns the `_sum` increment. Each interval count is Poisson around its expectation.
 */
export function observeStep(
  rng: Rng,
  n: number,
  bounds: readonly number[],
  median: number,
  sigma: number,
  bucketsOut: Float64Array,
): number {
  let prevCdf = 0;
  let cumulative = 0;
  for (let b = 0; b < bounds.length; b++) {
    const cdf = lognormalCdf(bounds[b]!, median, sigma);
    const p = cdf - prevCdf;
    prevCdf = cdf;
    cumulative += rng.poisson(n * p);
    bucketsOut[b] = cumulative;
  }
  const mean = median * Math.exp((sigma * sigma) / 2);
  return cumulative * mean * Math.max(0, 1 + 0.05 * rng.normal());
}
