/**
 * Streaming change-point detector for seed 000's `changepoint_detection` (min_effect_size,
 * confidence). At each sample the `recent` newest samples are compared with the `reference`
 * samples before them: a change is flagged when the effect size |μ_recent − μ_ref| / s_pooled
 * (Cohen's d) is at least `minEffectSize` and Welch's test rejects equal means at `confidence`
 * (two-sided, normal approximation of the t statistic). After a flag the detector waits until
 * both windows lie after the change. Warm-up: reference + recent samples. Zero pooled spread:
 * any difference in means is a change (d = ∞), none is not.
 */
import { mean, sampleVariance } from 'simple-statistics';
import { normalCdf } from '../distributions.js';
import { checkSeries, DetectorInputError, emptyOutput, type DetectorOutput } from './types.js';

export interface ChangepointOptions {
  minEffectSize: number;
  confidence: number;
  reference: number;
  recent: number;
}

function meanVar(values: ArrayLike<number>, lo: number, hi: number): [number, number] {
  const xs = Array.prototype.slice.call(values, lo, hi) as number[];
  return [mean(xs), sampleVariance(xs)];
}

export function changepointDetector(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  o: ChangepointOptions,
): DetectorOutput {
  if (!(o.minEffectSize >= 0))
    throw new DetectorInputError('changepoint', `min_effect_size must be ≥ 0, got ${o.minEffectSize}`);
  if (!(o.confidence > 0 && o.confidence < 1))
    throw new DetectorInputError('changepoint', `confidence must be in (0, 1), got ${o.confidence}`);
  if (!(o.reference >= 2 && o.recent >= 2))
    throw new DetectorInputError('changepoint', 'reference and recent windows need at least 2 samples each');
  const warm = o.reference + o.recent;
  checkSeries('changepoint', times, values, warm);
  const out = emptyOutput(values.length, warm - 1);
  let blockedUntil = warm - 1;
  for (let i = warm - 1; i < values.length; i++) {
    if (i < blockedUntil) continue;
    const [mr, vr] = meanVar(values, i + 1 - o.recent, i + 1);
    const [m0, v0] = meanVar(values, i + 1 - warm, i + 1 - o.recent);
    const diff = Math.abs(mr - m0);
    const pooled = Math.sqrt(((o.recent - 1) * vr + (o.reference - 1) * v0) / (warm - 2));
    const se = Math.sqrt(vr / o.recent + v0 / o.reference);
    const d = pooled > 0 ? diff / pooled : diff > 0 ? Infinity : 0;
    const z = se > 0 ? diff / se : diff > 0 ? Infinity : 0;
    const p = 2 * (1 - normalCdf(Math.min(z, 40)));
    const confident = z === Infinity || p < 1 - o.confidence;
    // Score: the evidence against "no change", when the effect is large enough.
    out.scores[i] = d >= o.minEffectSize ? 1 - p : 0;
    if (d >= o.minEffectSize && confident && diff > 0) {
      out.flags[i] = 1;
      blockedUntil = i + warm;
    }
  }
  return out;
}
