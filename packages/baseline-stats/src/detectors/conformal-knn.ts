/**
 * Conformal k-nearest-neighbour anomaly detection over delay embeddings (after KNN-CAD, Burnaev
 * & Ishimtsev 2016, the "knncad" detector of the Numenta Anomaly Benchmark).
 *
 * Each sample i ≥ dim − 1 is embedded as the vector of its last `dim` values. Its
 * non-conformity is the sum of squared Mahalanobis distances to its `k` nearest neighbours in a
 * training set of earlier embeddings; the metric is the inverse of the training set's
 * (uncentred) second-moment matrix, so the detector is invariant to the series' scale. The
 * anomaly score is the conformal rank: the fraction of the last `calibration` non-conformity
 * scores that are below the sample's. A rank ≥ `alarm` is flagged, after which the detector is
 * quiet (score 0, no flag) for `quiet` samples: one alarm per anomaly.
 *
 * Streaming, no look-ahead: sample i is scored from samples ≤ i only. The first `minTraining`
 * samples fill the training set (warm-up: score 0); their leave-one-out non-conformity scores
 * seed the calibration set. From then on each scored sample's non-conformity joins the
 * calibration set (which keeps the last `training − dim + 1`), and its embedding joins the
 * training set until that holds `training − dim + 1` embeddings; after that the training set
 * slides, lagging the newest sample by as many embeddings as it holds. The metric is refitted
 * on the training set every `refitEvery` samples.
 *
 * Range check (`rangeTolerance`, off by default; after the range check of Numenta's HTM detector
 * in NAB): a scored sample beyond the range of every earlier sample, [lo, hi] widened by
 * rangeTolerance·(hi − lo) on each side, scores 1 and is flagged (then the quiet period starts)
 * whatever its rank. The k-NN score sees shapes; this catches a new extreme whose shape the
 * embedding's scale-invariant metric finds unremarkable. Undefined while hi = lo.
 *
 * A constant series has zero distances everywhere: every rank is 0, nothing is flagged. A
 * second-moment matrix that is singular (e.g. a series that is constant within the training
 * set) gets a small ridge (1e-9 of its mean diagonal) so the metric stays defined.
 */
import { checkSeries, DetectorInputError, emptyOutput, type DetectorOutput } from './types.js';

export interface ConformalKnnOptions {
  /** Embedding length (samples per vector). */
  dim: number;
  /** Neighbours summed in the non-conformity score. */
  k: number;
  /** The training set's span in samples (its size is training − dim + 1 embeddings). */
  training: number;
  /**
   * Samples before the first score (default `training`). When smaller, the training and
   * calibration sets grow from this many samples up to `training`, so short series are scored
   * sooner.
   */
  minTraining?: number;
  /** Rank at which a sample is flagged, in (0, 1]. */
  alarm: number;
  /** Samples after a flag with score 0 and no flag. */
  quiet: number;
  /** Refit the metric every this many samples (default `training / 2`). */
  refitEvery?: number;
  /**
   * Break rank ties (default false): the score becomes (below + s/(s + max))/(size + 1), with
   * `below` the calibration scores under the sample's non-conformity s and `max` their largest:
   * still increasing in s, but samples above every calibration score are ranked by how far
   * above they are instead of all scoring 1. Flags use the plain rank unless `flagOnScore`.
   */
  tieBreak?: boolean;
  /**
   * Flag when the score (tie-broken if `tieBreak`) reaches `alarm`, instead of the plain rank
   * (default false). With tieBreak, an alarm near 1 then demands a non-conformity well above every
   * calibration score, not merely above them all.
   */
  flagOnScore?: boolean;
  /**
   * Flag samples outside the range of all earlier samples widened by this fraction of it on
   * each side (default: no range check). See the module comment.
   */
  rangeTolerance?: number;
}

/** Lower-triangular L with L·Lᵀ = G + ridge (row-major dim×dim), or undefined if not positive definite. */
function cholesky(g: Float64Array, dim: number): Float64Array | undefined {
  let trace = 0;
  for (let i = 0; i < dim; i++) trace += g[i * dim + i]!;
  const ridge = 1e-9 * (trace / dim) + 1e-300;
  const l = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j <= i; j++) {
      let s = g[i * dim + j]! + (i === j ? ridge : 0);
      for (let q = 0; q < j; q++) s -= l[i * dim + q]! * l[j * dim + q]!;
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * dim + i] = Math.sqrt(s);
      } else l[i * dim + j] = s / l[j * dim + j]!;
    }
  }
  return l;
}

export function conformalKnnDetector(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  o: ConformalKnnOptions,
): DetectorOutput {
  const { dim, k, training, alarm, quiet } = o;
  const minTraining = o.minTraining ?? training;
  const refitEvery = o.refitEvery ?? Math.max(1, Math.floor(training / 2));
  if (!(Number.isInteger(dim) && dim >= 1))
    throw new DetectorInputError('conformalKnn', `dim must be an integer ≥ 1, got ${dim}`);
  if (!(Number.isInteger(k) && k >= 1))
    throw new DetectorInputError('conformalKnn', `k must be an integer ≥ 1, got ${k}`);
  if (!(Number.isInteger(minTraining) && minTraining - dim + 1 > k + 1))
    throw new DetectorInputError(
      'conformalKnn',
      `minTraining (${minTraining}) must leave more than k + 1 = ${k + 1} embeddings of dim ${dim}`,
    );
  if (!(Number.isInteger(training) && training >= minTraining))
    throw new DetectorInputError(
      'conformalKnn',
      `training (${training}) must be an integer ≥ minTraining (${minTraining})`,
    );
  if (!(alarm > 0 && alarm <= 1)) throw new DetectorInputError('conformalKnn', `alarm must be in (0, 1], got ${alarm}`);
  if (!(Number.isInteger(quiet) && quiet >= 0))
    throw new DetectorInputError('conformalKnn', `quiet must be an integer ≥ 0, got ${quiet}`);
  if (!(Number.isInteger(refitEvery) && refitEvery >= 1))
    throw new DetectorInputError('conformalKnn', `refitEvery must be an integer ≥ 1, got ${refitEvery}`);
  const tol = o.rangeTolerance;
  if (tol !== undefined && !(tol >= 0 && Number.isFinite(tol)))
    throw new DetectorInputError('conformalKnn', `rangeTolerance must be a finite number ≥ 0, got ${tol}`);
  checkSeries('conformalKnn', times, values, minTraining + 1);

  const n = values.length;
  const xs = Float64Array.from(values);
  const out = emptyOutput(n, minTraining);
  const size = training - dim + 1; // most embeddings in the training set, and calibration scores kept
  // Training set: the embeddings ending at rows trainFirst .. trainFirst + tn − 1, stored
  // transformed (y = L⁻¹x, so the Mahalanobis distance is the squared Euclidean one of y).
  let trainFirst = dim - 1;
  let tn = minTraining - dim + 1;
  const ys = new Float64Array(size * dim); // ring buffer, slot (row − (dim − 1)) mod size
  let chol: Float64Array | undefined;
  const tmp = new Float64Array(dim);
  const transform = (row: number, into: Float64Array, at: number) => {
    const base = row - dim + 1;
    for (let a = 0; a < dim; a++) {
      let s = xs[base + a]!;
      if (chol) {
        for (let b = 0; b < a; b++) s -= chol[a * dim + b]! * tmp[b]!;
        s /= chol[a * dim + a]!;
      }
      tmp[a] = s;
      into[at + a] = s;
    }
  };
  const slot = (row: number) => ((row - (dim - 1)) % size) * dim;
  const refit = () => {
    const g = new Float64Array(dim * dim);
    for (let r = trainFirst; r < trainFirst + tn; r++) {
      const base = r - dim + 1;
      for (let a = 0; a < dim; a++) {
        const xa = xs[base + a]!;
        for (let b = 0; b <= a; b++) g[a * dim + b] += xa * xs[base + b]!;
      }
    }
    for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) g[b * dim + a] = g[a * dim + b]!;
    const l = cholesky(g, dim);
    if (l) chol = l;
    for (let r = trainFirst; r < trainFirst + tn; r++) transform(r, ys, slot(r));
  };

  const best = new Float64Array(k + 1);
  const q = new Float64Array(dim);
  /** Sum of the k smallest distances from q to the training set (skipping row `self`). */
  const nonconformity = (self: number): number => {
    let m = 0;
    for (let r = trainFirst; r < trainFirst + tn; r++) {
      if (r === self) continue;
      const at = slot(r);
      let d = 0;
      for (let a = 0; a < dim; a++) {
        const e = ys[at + a]! - q[a]!;
        d += e * e;
      }
      if (m < k) {
        let j = m++;
        while (j > 0 && best[j - 1]! > d) {
          best[j] = best[j - 1]!;
          j--;
        }
        best[j] = d;
      } else if (d < best[k - 1]!) {
        let j = k - 1;
        while (j > 0 && best[j - 1]! > d) {
          best[j] = best[j - 1]!;
          j--;
        }
        best[j] = d;
      }
    }
    let s = 0;
    for (let j = 0; j < m; j++) s += best[j]!;
    return s;
  };

  refit();
  // Calibration scores: a ring of up to `size`, seeded with the training set's leave-one-out scores.
  const cal = new Float64Array(size);
  let cn = 0;
  for (let r = trainFirst; r < trainFirst + tn; r++) {
    q.set(ys.subarray(slot(r), slot(r) + dim));
    cal[cn++] = nonconformity(r);
  }
  let calNext = cn % size;
  let quietLeft = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < minTraining; i++) {
    if (xs[i]! < lo) lo = xs[i]!;
    if (xs[i]! > hi) hi = xs[i]!;
  }
  for (let i = minTraining; i < n; i++) {
    const x = xs[i]!;
    const margin = (hi - lo) * (tol ?? 0);
    const outside = tol !== undefined && hi > lo && (x > hi + margin || x < lo - margin);
    if (x < lo) lo = x;
    if (x > hi) hi = x;
    if ((i - minTraining) % refitEvery === 0 && i > minTraining) refit();
    transform(i, q, 0);
    const s = nonconformity(-1);
    let below = 0;
    let maxCal = 0;
    for (let j = 0; j < cn; j++) {
      const c = cal[j]!;
      if (c < s) below++;
      if (c > maxCal) maxCal = c;
    }
    const rank = below / cn;
    const score = o.tieBreak ? (below + (s > 0 ? s / (s + maxCal) : 0)) / (cn + 1) : rank;
    cal[calNext] = s;
    calNext = (calNext + 1) % size;
    if (cn < size) cn++;
    if (tn < size) {
      // Growing: the sample's embedding joins the training set (rows stay contiguous).
      const at = slot(i);
      transform(i, ys, at);
      tn++;
    } else if (i - (trainFirst + size - 1) >= size) {
      // Full: slide, keeping the training set `size` embeddings behind the newest sample.
      trainFirst++;
      const r = trainFirst + size - 1;
      transform(r, ys, slot(r));
    }
    if (quietLeft > 0) {
      quietLeft--;
      continue;
    }
    out.scores[i] = outside ? 1 : score;
    if (outside || (o.flagOnScore ? score : rank) >= alarm) {
      out.flags[i] = 1;
      quietLeft = quiet;
    }
  }
  return out;
}
