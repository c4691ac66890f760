/**
 * PELT (Killick, Fearnhead & Eckley 2012): optimal segmentation of a series into pieces of
 * constant mean, minimising Σ cost(segment) + β·(number of change points), with the cost of a
 * segment its sum of squared deviations from its mean divided by the variance (σ² estimated
 * from first differences: MAD(Δx)·1.4826/√2, robust to the changes themselves). Offline (it
 * reads the whole series); the streaming change-point detector is `changepointDetector`.
 */
import { mad, MAD_NORMAL_SCALE } from '../robust.js';
import { checkSeries, DetectorInputError } from './types.js';

export interface PeltOptions {
  /** Penalty β per change point; default 2·ln(n) (BIC-like for a mean change). */
  penalty?: number;
  /** Shortest segment, samples (≥ 1). Default 2. */
  minSize?: number;
}

/** Indices where a new segment starts (ascending, excluding 0). */
export function pelt(values: ArrayLike<number>, o: PeltOptions = {}): number[] {
  const n = values.length;
  const minSize = o.minSize ?? 2;
  if (!(minSize >= 1) || !Number.isInteger(minSize))
    throw new DetectorInputError('pelt', `minSize must be a positive integer, got ${minSize}`);
  checkSeries(
    'pelt',
    Float64Array.from({ length: n }, (_, i) => i),
    values,
    2 * minSize,
  );
  const diffs = Array.from({ length: n - 1 }, (_, i) => values[i + 1]! - values[i]!);
  const sigma = mad(diffs, MAD_NORMAL_SCALE) / Math.SQRT2 || 1;
  const beta = o.penalty ?? 2 * Math.log(n);
  if (!(beta >= 0) || !Number.isFinite(beta))
    throw new DetectorInputError('pelt', `penalty must be finite and ≥ 0, got ${beta}`);
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const x = values[i]! / sigma;
    s1[i + 1] = s1[i]! + x;
    s2[i + 1] = s2[i]! + x * x;
  }
  const cost = (a: number, b: number) => s2[b]! - s2[a]! - (s1[b]! - s1[a]!) ** 2 / (b - a);
  const F = new Float64Array(n + 1).fill(Infinity);
  const last = new Int32Array(n + 1);
  F[0] = -beta;
  let candidates: number[] = [0];
  for (let t = minSize; t <= n; t++) {
    let best = Infinity;
    let arg = 0;
    const vals: number[] = [];
    for (const s of candidates) {
      if (t - s < minSize) {
        vals.push(NaN);
        continue;
      }
      const v = F[s]! + cost(s, t) + beta;
      vals.push(v);
      if (v < best) {
        best = v;
        arg = s;
      }
    }
    F[t] = best;
    last[t] = arg;
    // Prune: keep s whose F[s] + cost(s, t) ≤ F[t] (and those still too close to t to judge).
    candidates = candidates.filter((_s, j) => Number.isNaN(vals[j]!) || vals[j]! - beta <= best);
    candidates.push(t);
  }
  const cps: number[] = [];
  for (let t = n; t > 0; t = last[t]!) if (last[t]! > 0) cps.push(last[t]!);
  return cps.reverse();
}
