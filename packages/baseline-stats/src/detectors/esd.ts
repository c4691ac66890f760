/**
 * Seasonal hybrid ESD (Hochenbaum, Vallis & Kejariwal 2017, Twitter's AnomalyDetection):
 * residual = x − seasonal − median(x), with the seasonal component the per-phase median over
 * the window (the paper uses STL; a per-phase median is its robust stand-in), then the
 * generalised ESD test with median and MAD (the "hybrid" part) for at most `maxAnoms`·n
 * anomalies at significance `alpha`. Streaming: every `stride` samples the trailing `window`
 * samples are tested and the newest `stride` samples get their flags and scores
 * (score: the largest ratio of a test statistic to its critical value, squashed to 0.5 at 1).
 */
import { normalQuantile } from '../distributions.js';
import { MAD_NORMAL_SCALE } from '../robust.js';
import { quantileSorted } from '../quantile.js';
import { checkSeries, DetectorInputError, emptyOutput, squash, type DetectorOutput } from './types.js';

export interface EsdOptions {
  /** Samples per season (e.g. 288 for a day of 5-minute samples); 1 for no seasonality. */
  period: number;
  window: number;
  stride: number;
  maxAnoms: number;
  alpha: number;
}

/** Student-t quantile by the Cornish–Fisher expansion around the normal (good for ν ≥ 10). */
export function tQuantile(p: number, nu: number): number {
  const z = normalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * nu) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * nu ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu ** 3)
  );
}

function med(xs: ArrayLike<number>): number {
  return quantileSorted(Float64Array.from(xs).sort(), 0.5);
}

/** Generalised ESD on `r`: per index, the ratio R/λ of the step that removed it (0 if never tested). */
export function hybridEsd(
  r: Float64Array,
  maxAnoms: number,
  alpha: number,
): { ratio: Float64Array; anomalies: number[] } {
  const n = r.length;
  const k = Math.max(1, Math.floor(maxAnoms * n));
  const active = new Uint8Array(n).fill(1);
  const ratio = new Float64Array(n);
  const removed: number[] = [];
  let lastSignificant = 0;
  for (let i = 1; i <= k && n - i - 1 > 1; i++) {
    const live: number[] = [];
    for (let j = 0; j < n; j++) if (active[j]) live.push(r[j]!);
    const m = med(live);
    const s = MAD_NORMAL_SCALE * med(live.map((x) => Math.abs(x - m)));
    let best = -1;
    let bestR = -1;
    for (let j = 0; j < n; j++) {
      if (!active[j]) continue;
      const dev = Math.abs(r[j]! - m);
      if (dev > bestR) {
        bestR = dev;
        best = j;
      }
    }
    const R = s > 0 ? bestR / s : bestR > 0 ? Infinity : 0;
    const p = 1 - alpha / (2 * (n - i + 1));
    const t = tQuantile(p, n - i - 1);
    const lambda = ((n - i) * t) / Math.sqrt((n - i - 1 + t * t) * (n - i + 1));
    ratio[best] = R / lambda;
    active[best] = 0;
    removed.push(best);
    if (R > lambda) lastSignificant = i;
  }
  return { ratio, anomalies: removed.slice(0, lastSignificant) };
}

export function esdDetector(times: ArrayLike<number>, values: ArrayLike<number>, o: EsdOptions): DetectorOutput {
  if (!(o.alpha > 0 && o.alpha < 1))
    throw new DetectorInputError('seasonal-esd', `alpha must be in (0, 1), got ${o.alpha}`);
  if (!(o.maxAnoms > 0 && o.maxAnoms <= 0.49))
    throw new DetectorInputError('seasonal-esd', `maxAnoms must be in (0, 0.49], got ${o.maxAnoms}`);
  if (!(o.period >= 1 && o.window >= 2 * o.period && o.window >= 16)) {
    throw new DetectorInputError(
      'seasonal-esd',
      `window (${o.window}) must cover two periods (${o.period}) and at least 16 samples`,
    );
  }
  if (!(o.stride >= 1 && o.stride <= o.window))
    throw new DetectorInputError('seasonal-esd', `stride must be in [1, window], got ${o.stride}`);
  checkSeries('seasonal-esd', times, values, o.window);
  const out = emptyOutput(values.length, o.window - 1);
  let prevEnd = o.window - 1;
  for (let end = o.window; prevEnd < values.length; end = Math.min(end + o.stride, values.length)) {
    const lo = end - o.window;
    const x = Float64Array.from({ length: o.window }, (_, j) => values[lo + j]!);
    const seasonal = new Float64Array(o.period);
    for (let ph = 0; ph < o.period; ph++) {
      const xs: number[] = [];
      for (let j = ph; j < o.window; j += o.period) xs.push(x[j]!);
      seasonal[ph] = med(xs);
    }
    const mx = med(x);
    const r = x.map((v, j) => v - seasonal[j % o.period]! - mx);
    const { ratio, anomalies } = hybridEsd(r, o.maxAnoms, o.alpha);
    const flagged = new Set(anomalies);
    for (let i = prevEnd; i < end; i++) {
      const j = i - lo;
      out.scores[i] = squash(ratio[j]!, 1);
      out.flags[i] = flagged.has(j) ? 1 : 0;
    }
    prevEnd = end;
  }
  return out;
}
