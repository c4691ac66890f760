/**
 * Two-sided tabular CUSUM (Page's test) on a standardised series. The first `warmup` samples set
 * the reference: median and MAD·1.4826 (robust to spikes in the warm-up). With zᵢ = (xᵢ − μ)/σ:
 * S⁺ = max(0, S⁺ + z − k), S⁻ = max(0, S⁻ − z − k); flag when max(S⁺, S⁻) > h, then restart
 * with a new reference from the next `warmup` samples. A warm-up with zero spread uses σ = 1 in
 * the series' units (documented: a constant series only alarms on a change of more than
 * k + h units).
 */
import { mad, MAD_NORMAL_SCALE, median } from '../robust.js';
import { checkSeries, DetectorInputError, emptyOutput, squash, type DetectorOutput } from './types.js';

export interface CusumOptions {
  warmup: number;
  /** Slack, in σ: shifts smaller than k are absorbed. */
  k: number;
  /** Decision interval, in σ. */
  h: number;
}

export function cusumDetector(times: ArrayLike<number>, values: ArrayLike<number>, o: CusumOptions): DetectorOutput {
  if (!(o.k >= 0 && o.h > 0) || !Number.isFinite(o.k + o.h))
    throw new DetectorInputError('cusum', `need k ≥ 0 and h > 0, got k=${o.k}, h=${o.h}`);
  if (!(o.warmup >= 3) || !Number.isInteger(o.warmup))
    throw new DetectorInputError('cusum', `warmup must be an integer ≥ 3, got ${o.warmup}`);
  checkSeries('cusum', times, values, o.warmup + 1);
  const out = emptyOutput(values.length, o.warmup);
  let refStart = 0;
  let mu = NaN;
  let sigma = NaN;
  let sp = 0;
  let sn = 0;
  for (let i = 0; i < values.length; i++) {
    if (i - refStart < o.warmup) continue;
    if (Number.isNaN(mu)) {
      const ref = Array.prototype.slice.call(values, refStart, i) as number[];
      mu = median(ref);
      sigma = mad(ref, MAD_NORMAL_SCALE) || 1;
    }
    const z = (values[i]! - mu) / sigma;
    sp = Math.max(0, sp + z - o.k);
    sn = Math.max(0, sn - z - o.k);
    const s = Math.max(sp, sn);
    out.scores[i] = squash(s, o.h);
    if (s > o.h) {
      out.flags[i] = 1;
      refStart = i + 1;
      mu = NaN;
      sp = 0;
      sn = 0;
    }
  }
  return out;
}
