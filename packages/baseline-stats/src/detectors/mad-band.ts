/**
 * Robust band (the "robust" form of grafana/promql-anomaly-detection): the reference is the
 * median of a trailing history and the spread its MAD scaled to σ (×1.4826); flag when
 * |x − median| > k·σ̂. With `periodMs` the history is seasonal: the samples at the same phase
 * (± `phaseToleranceMs`) in each of the previous `seasons` periods (1 d for hour of day, 7 d
 * for hour of week), else the trailing `windowMs`. Warm-up: `minSamples` history samples. When
 * the MAD is 0 (over half the history equal) σ̂ falls back to the mean absolute deviation
 * ×√(π/2); a history with zero spread (constant) flags any sample that differs from its median (score 1) and scores 0
 * one that equals it.
 */
import { MAD_NORMAL_SCALE } from '../robust.js';
import { quantileSorted } from '../quantile.js';
import { checkSeries, DetectorInputError, emptyOutput, squash, type DetectorOutput } from './types.js';

export interface MadBandOptions {
  k: number;
  minSamples: number;
  /** Trailing window (ms) when not seasonal; the current sample is not part of its own history. */
  windowMs?: number;
  periodMs?: number;
  seasons?: number;
  phaseToleranceMs?: number;
}

function medianOf(xs: number[]): number {
  return quantileSorted(Float64Array.from(xs).sort(), 0.5);
}

/** The history of sample i: trailing window or same-phase samples of previous seasons. */
function history(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  i: number,
  o: MadBandOptions,
  cursor: { lo: number },
): number[] {
  const t = times[i]!;
  const out: number[] = [];
  if (o.periodMs) {
    const tol = o.phaseToleranceMs ?? 0;
    for (let s = 1; s <= (o.seasons ?? 1); s++) {
      const c = t - s * o.periodMs;
      // Binary search for the first sample at or after c − tol.
      let a = 0;
      let b = i;
      while (a < b) {
        const m = (a + b) >> 1;
        if (times[m]! < c - tol) a = m + 1;
        else b = m;
      }
      for (let j = a; j < i && times[j]! <= c + tol; j++) out.push(values[j]!);
    }
    return out;
  }
  while (times[cursor.lo]! < t - o.windowMs!) cursor.lo++;
  for (let j = cursor.lo; j < i; j++) out.push(values[j]!);
  return out;
}

export function madBandDetector(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  o: MadBandOptions,
): DetectorOutput {
  if (!(o.k > 0) || !Number.isFinite(o.k))
    throw new DetectorInputError('mad-band', `k must be a finite positive number, got ${o.k}`);
  if (!o.periodMs && !(o.windowMs! > 0))
    throw new DetectorInputError('mad-band', 'give windowMs (trailing) or periodMs (seasonal)');
  if (!(o.minSamples >= 3)) throw new DetectorInputError('mad-band', `minSamples must be ≥ 3, got ${o.minSamples}`);
  checkSeries('mad-band', times, values, o.minSamples + 1);
  const out = emptyOutput(values.length, values.length);
  const cursor = { lo: 0 };
  for (let i = 0; i < values.length; i++) {
    const h = history(times, values, i, o, cursor);
    if (h.length < o.minSamples) continue;
    if (out.warmup > i) out.warmup = i;
    const med = medianOf(h);
    let sigma = MAD_NORMAL_SCALE * medianOf(h.map((x) => Math.abs(x - med)));
    // More than half the history at the median (quantised data): fall back to the mean absolute
    // deviation from the median, scaled to σ (√(π/2)); zero only when the history is constant.
    if (sigma === 0) sigma = (Math.sqrt(Math.PI / 2) * h.reduce((a, x) => a + Math.abs(x - med), 0)) / h.length;
    const dev = Math.abs(values[i]! - med);
    const stat = sigma > 0 ? dev / sigma : dev > 0 ? Infinity : 0;
    out.scores[i] = squash(stat, o.k);
    out.flags[i] = stat > o.k ? 1 : 0;
  }
  return out;
}
