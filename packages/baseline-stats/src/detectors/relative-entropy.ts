/**
 * Relative-entropy (multiple-hypothesis) anomaly detection over sliding windows (after Wang et
 * al. 2011, "Statistical techniques for online anomaly detection in data centers", the
 * "relativeEntropy" detector of the Numenta Anomaly Benchmark).
 *
 * Values are quantised into bins of a fixed width; each sliding window of the last `window`
 * samples gives an empirical histogram P̂. The detector keeps a list of hypotheses (histograms of
 * earlier windows, each with a count of the windows that agreed with it). A window agrees with
 * a hypothesis P when its test statistic 2·window·D(P̂‖P) (D the relative entropy, natural log)
 * is below the χ² quantile at `confidence` with bins − 1 degrees of freedom; it is assigned to
 * the agreeing hypothesis with the smallest statistic, whose count grows. A window that agrees
 * with none becomes a new hypothesis and is anomalous (score 1, flagged); a window that agrees
 * with a hypothesis seen at most `minCount` times is anomalous too.
 *
 * The bin grid is learned online, not from the whole series: the range [lo, hi] of the first
 * `rangeSamples` samples (extended, if they are all equal, until a different value arrives)
 * gives the bin width (hi − lo)/bins. Bin j ≥ 1 holds (lo + (j − 1)·w, lo + j·w], bin 0 holds
 * lo itself, and the top two bins of the range are one (as NAB's detector quantises); values
 * outside the learned range count in the edge bin on their side (so a new level still makes a
 * histogram, all in one edge bin, that earlier hypotheses may not explain). NAB's detector takes
 * the range of the whole file, which is look-ahead; `range` passes a known one instead.
 *
 * Streaming, no look-ahead. Warm-up: the range is learned and the first window filled (score 0)
 * before the first test; the first full window is the first hypothesis. A constant series never
 * leaves its warm-up: nothing is flagged.
 */
import { checkSeries, DetectorInputError, emptyOutput, type DetectorOutput } from './types.js';

export interface RelativeEntropyOptions {
  /** Samples per window (NAB: 52). */
  window: number;
  /** Bins across the learned range (NAB: 5). */
  bins: number;
  /** χ² confidence of the agreement test (NAB: 0.99). */
  confidence: number;
  /** A window agreeing with a hypothesis seen at most this many times is still anomalous (NAB: 1). */
  minCount: number;
  /** Samples from which the value range (and so the bin width) is learned. */
  rangeSamples: number;
  /**
   * A known value range [lo, hi] (e.g. [0, 100] for a percentage), used instead of learning one:
   * testing starts with the first full window.
   */
  range?: readonly [number, number];
}

/** Regularised upper incomplete gamma Q(a, x) (series / continued fraction, Numerical Recipes style). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnGammaA = lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGammaA);
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGammaA) * h;
}

function lnGamma(z: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The χ² quantile: x with P(χ²_dof ≤ x) = p (bisection on the survival function). */
export function chiSquaredQuantile(p: number, dof: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`chiSquaredQuantile: p must be in (0, 1), got ${p}`);
  if (!(dof > 0)) throw new RangeError(`chiSquaredQuantile: dof must be > 0, got ${dof}`);
  let lo = 0;
  let hi = Math.max(1, dof);
  while (1 - gammaQ(dof / 2, hi / 2) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (1 - gammaQ(dof / 2, mid / 2) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** A histogram: bin index → relative frequency (only non-empty bins). */
type Histogram = Map<number, number>;

/** D(p‖q) = Σ p·ln(p/q) over p's bins; Infinity where q lacks one of them. */
function relativeEntropy(p: Histogram, q: Histogram): number {
  let d = 0;
  for (const [bin, pv] of p) {
    const qv = q.get(bin);
    if (qv === undefined) return Infinity;
    d += pv * Math.log(pv / qv);
  }
  return d;
}

export function relativeEntropyDetector(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  o: RelativeEntropyOptions,
): DetectorOutput {
  const { window, bins, confidence, minCount, rangeSamples } = o;
  if (!(Number.isInteger(window) && window >= 2))
    throw new DetectorInputError('relativeEntropy', `window must be an integer ≥ 2, got ${window}`);
  if (!(Number.isInteger(bins) && bins >= 2))
    throw new DetectorInputError('relativeEntropy', `bins must be an integer ≥ 2, got ${bins}`);
  if (!(confidence > 0 && confidence < 1))
    throw new DetectorInputError('relativeEntropy', `confidence must be in (0, 1), got ${confidence}`);
  if (!(Number.isInteger(minCount) && minCount >= 1))
    throw new DetectorInputError('relativeEntropy', `minCount must be an integer ≥ 1, got ${minCount}`);
  if (!(Number.isInteger(rangeSamples) && rangeSamples >= 2))
    throw new DetectorInputError('relativeEntropy', `rangeSamples must be an integer ≥ 2, got ${rangeSamples}`);
  checkSeries('relativeEntropy', times, values, Math.max(window, rangeSamples));

  const n = values.length;
  const threshold = chiSquaredQuantile(confidence, bins - 1);
  // Learn the range: the first rangeSamples samples, extended while they are all equal.
  let lo = o.range ? o.range[0] : Infinity;
  let hi = o.range ? o.range[1] : -Infinity;
  let learned = o.range ? 0 : n;
  if (o.range && !(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo))
    throw new DetectorInputError('relativeEntropy', `range must be finite with lo < hi, got [${lo}, ${hi}]`);
  for (let i = 0; i < n && !o.range; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (i + 1 >= rangeSamples && hi > lo) {
      learned = i + 1;
      break;
    }
  }
  const out = emptyOutput(n, n);
  if (learned === n) return out; // constant (so far) to the end: nothing to test
  const width = (hi - lo) / bins;
  const bin = (v: number) => {
    const b = Math.ceil((v - lo) / width);
    return b < 0 ? 0 : b >= bins ? bins - 1 : b;
  };
  const binOf = Int32Array.from({ length: n }, (_, i) => bin(values[i]!));

  const counts = new Map<number, number>();
  const add = (b: number, d: number) => {
    const c = (counts.get(b) ?? 0) + d;
    if (c === 0) counts.delete(b);
    else counts.set(b, c);
  };
  const hypotheses: Histogram[] = [];
  const seen: number[] = [];
  const start = Math.max(learned, window) - window; // first sample of the first tested window
  for (let i = start; i < start + window - 1; i++) add(binOf[i]!, 1);
  out.warmup = start + window - 1;
  for (let i = start + window - 1; i < n; i++) {
    add(binOf[i]!, 1);
    if (i - window >= start) add(binOf[i - window]!, -1);
    const pHat: Histogram = new Map();
    for (const [b, c] of counts) pHat.set(b, c / window);
    if (hypotheses.length === 0) {
      hypotheses.push(pHat);
      seen.push(1);
      continue;
    }
    let best = -1;
    let bestStat = Infinity;
    for (let h = 0; h < hypotheses.length; h++) {
      const stat = 2 * window * relativeEntropy(pHat, hypotheses[h]!);
      if (stat < threshold && stat < bestStat) {
        bestStat = stat;
        best = h;
      }
    }
    let anomalous: boolean;
    if (best < 0) {
      hypotheses.push(pHat);
      seen.push(1);
      anomalous = true;
    } else {
      seen[best]!++;
      anomalous = seen[best]! <= minCount;
    }
    if (anomalous) {
      out.scores[i] = 1;
      out.flags[i] = 1;
    }
  }
  return out;
}
