/**
 * Functions over a range-vector window of one series: samples ts[lo..hi), vs[lo..hi) (hi exclusive),
 * never empty. They return undefined for "no output sample". Semantics follow Prometheus v2.54.1
 * `promql/functions.go`.
 */
import type { Expr } from '../ast.js';
import { PromQLEvalError } from '../errors.js';
import { absentLabels } from './function-args.js';
import { kahanSumInc } from './math.js';
import { anyPresent } from './out-builder.js';
import { quantile } from './quantile.js';
import type { StepSeries } from './types.js';

export interface WindowParams {
  /** The evaluation step time (ms): `enh.Ts`. */
  stepT: number;
  /** Window bounds (ms) after offset/@: [rangeStart, rangeEnd]. */
  rangeStart: number;
  rangeEnd: number;
  /** Range in seconds. */
  rangeSec: number;
  /** Scalar arguments at this step, in argument order (the range argument excluded). */
  args: number[];
  /** True when the whole series never decreases (lets counter functions skip the reset scan). */
  monotonic: boolean;
  /**
   * For counter functions on a series that does decrease: the indices k (ascending) where
   * vs[k] < vs[k-1], so a window adds its resets without scanning every sample (same additions,
   * same order as Prometheus' loop). Undefined: scan the window.
   */
  resets?: Int32Array;
}

/** Indices k ≥ 1 with vs[k] < vs[k-1] (counter resets), ascending. */
export function counterResets(vs: Float64Array): Int32Array {
  let n = 0;
  for (let k = 1; k < vs.length; k++) if (vs[k]! < vs[k - 1]!) n++;
  const out = new Int32Array(n);
  let j = 0;
  for (let k = 1; k < vs.length; k++) if (vs[k]! < vs[k - 1]!) out[j++] = k;
  return out;
}

/** Sum of vs[k-1] over the resets lo < k < hi, added in order (Prometheus' counter correction). */
function addResets(result: number, vs: Float64Array, lo: number, hi: number, resets: Int32Array): number {
  // First reset index > lo.
  let a = 0;
  let b = resets.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (resets[m]! <= lo) a = m + 1;
    else b = m;
  }
  for (let r = a; r < resets.length; r++) {
    const k = resets[r]!;
    if (k >= hi) break;
    result += vs[k - 1]!;
  }
  return result;
}

export type WindowFn = (
  ts: Float64Array,
  vs: Float64Array,
  lo: number,
  hi: number,
  p: WindowParams,
) => number | undefined;

const kb = new Float64Array(2);

function extrapolatedRate(
  ts: Float64Array,
  vs: Float64Array,
  lo: number,
  hi: number,
  p: WindowParams,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  const n = hi - lo;
  if (n < 2) return undefined;
  const firstT = ts[lo]!;
  const lastT = ts[hi - 1]!;
  const firstV = vs[lo]!;
  let result = vs[hi - 1]! - firstV;
  if (isCounter && !p.monotonic) {
    if (p.resets) result = addResets(result, vs, lo, hi, p.resets);
    else {
      let prev = firstV;
      for (let i = lo + 1; i < hi; i++) {
        const cur = vs[i]!;
        if (cur < prev) result += prev;
        prev = cur;
      }
    }
  }
  let durationToStart = (firstT - p.rangeStart) / 1000;
  let durationToEnd = (p.rangeEnd - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const avgBetween = sampledInterval / (n - 1);
  const threshold = avgBetween * 1.1;
  let extrapolateTo = sampledInterval;
  if (durationToStart >= threshold) durationToStart = avgBetween / 2;
  if (isCounter && result > 0 && firstV >= 0) {
    const durationToZero = sampledInterval * (firstV / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  extrapolateTo += durationToStart;
  if (durationToEnd >= threshold) durationToEnd = avgBetween / 2;
  extrapolateTo += durationToEnd;
  let factor = extrapolateTo / sampledInterval;
  if (isRate) factor /= p.rangeSec;
  return result * factor;
}

function instantValue(ts: Float64Array, vs: Float64Array, lo: number, hi: number, isRate: boolean): number | undefined {
  if (hi - lo < 2) return undefined;
  const last = vs[hi - 1]!;
  const prev = vs[hi - 2]!;
  let r = isRate && last < prev ? last : last - prev;
  const interval = ts[hi - 1]! - ts[hi - 2]!;
  if (interval === 0) return undefined;
  if (isRate) r /= interval / 1000;
  return r;
}

/** Prometheus linearRegression (Kahan sums); returns [slope, intercept]. */
function linearRegression(
  ts: Float64Array,
  vs: Float64Array,
  lo: number,
  hi: number,
  interceptTime: number,
): [number, number] {
  let n = 0;
  let sumX = 0,
    cX = 0,
    sumY = 0,
    cY = 0,
    sumXY = 0,
    cXY = 0,
    sumX2 = 0,
    cX2 = 0;
  const initY = vs[lo]!;
  let constY = true;
  for (let i = lo; i < hi; i++) {
    const y = vs[i]!;
    if (constY && i > lo && y !== initY) constY = false;
    n += 1;
    const x = (ts[i]! - interceptTime) / 1e3;
    kahanSumInc(x, sumX, cX, kb);
    sumX = kb[0]!;
    cX = kb[1]!;
    kahanSumInc(y, sumY, cY, kb);
    sumY = kb[0]!;
    cY = kb[1]!;
    kahanSumInc(x * y, sumXY, cXY, kb);
    sumXY = kb[0]!;
    cXY = kb[1]!;
    kahanSumInc(x * x, sumX2, cX2, kb);
    sumX2 = kb[0]!;
    cX2 = kb[1]!;
  }
  if (constY) {
    if (initY === Infinity || initY === -Infinity) return [NaN, NaN];
    return [0, initY];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  const intercept = sumY / n - (slope * sumX) / n;
  return [slope, intercept];
}

function windowValues(vs: Float64Array, lo: number, hi: number): number[] {
  const out: number[] = new Array(hi - lo);
  for (let i = lo; i < hi; i++) out[i - lo] = vs[i]!;
  return out;
}

/** Every range function's per-window computation, by name. */
export const WINDOW_FUNCTIONS = {
  rate: (ts, vs, lo, hi, p) => extrapolatedRate(ts, vs, lo, hi, p, true, true),
  increase: (ts, vs, lo, hi, p) => extrapolatedRate(ts, vs, lo, hi, p, true, false),
  delta: (ts, vs, lo, hi, p) => extrapolatedRate(ts, vs, lo, hi, p, false, false),
  irate: (ts, vs, lo, hi) => instantValue(ts, vs, lo, hi, true),
  idelta: (ts, vs, lo, hi) => instantValue(ts, vs, lo, hi, false),
  deriv: (ts, vs, lo, hi) => (hi - lo < 2 ? undefined : linearRegression(ts, vs, lo, hi, ts[lo]!)[0]),
  predict_linear: (ts, vs, lo, hi, p) => {
    if (hi - lo < 2) return undefined;
    const [slope, intercept] = linearRegression(ts, vs, lo, hi, p.stepT);
    return slope * p.args[0]! + intercept;
  },
  holt_winters: (_ts, vs, lo, hi, p) => {
    const sf = p.args[0]!;
    const tf = p.args[1]!;
    if (!(sf > 0 && sf < 1))
      throw new PromQLEvalError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
    if (!(tf > 0 && tf < 1))
      throw new PromQLEvalError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
    const l = hi - lo;
    if (l < 2) return undefined;
    let s0 = 0;
    let s1 = vs[lo]!;
    let b = vs[lo + 1]! - vs[lo]!;
    for (let i = 1; i < l; i++) {
      const x = sf * vs[lo + i]!;
      if (i - 1 !== 0) b = tf * (s1 - s0) + (1 - tf) * b;
      const y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    return s1;
  },
  avg_over_time: (_ts, vs, lo, hi) => {
    let mean = 0,
      count = 0,
      c = 0;
    for (let i = lo; i < hi; i++) {
      const f = vs[i]!;
      count++;
      if (mean === Infinity || mean === -Infinity) {
        if ((f === Infinity || f === -Infinity) && mean > 0 === f > 0) continue;
        if (!(f === Infinity || f === -Infinity) && !Number.isNaN(f)) continue;
      }
      kahanSumInc(f / count - mean / count, mean, c, kb);
      mean = kb[0]!;
      c = kb[1]!;
    }
    if (mean === Infinity || mean === -Infinity) return mean;
    return mean + c;
  },
  sum_over_time: (_ts, vs, lo, hi) => {
    let sum = 0,
      c = 0;
    for (let i = lo; i < hi; i++) {
      kahanSumInc(vs[i]!, sum, c, kb);
      sum = kb[0]!;
      c = kb[1]!;
    }
    if (sum === Infinity || sum === -Infinity) return sum;
    return sum + c;
  },
  count_over_time: (_ts, _vs, lo, hi) => hi - lo,
  last_over_time: (_ts, vs, _lo, hi) => vs[hi - 1]!,
  present_over_time: () => 1,
  absent_over_time: () => 1,
  max_over_time: (_ts, vs, lo, hi) => {
    let max = vs[lo]!;
    for (let i = lo; i < hi; i++) {
      const f = vs[i]!;
      if (f > max || Number.isNaN(max)) max = f;
    }
    return max;
  },
  min_over_time: (_ts, vs, lo, hi) => {
    let min = vs[lo]!;
    for (let i = lo; i < hi; i++) {
      const f = vs[i]!;
      if (f < min || Number.isNaN(min)) min = f;
    }
    return min;
  },
  quantile_over_time: (_ts, vs, lo, hi, p) => quantile(p.args[0]!, windowValues(vs, lo, hi)),
  stddev_over_time: (_ts, vs, lo, hi) => Math.sqrt(stdvar(vs, lo, hi)),
  stdvar_over_time: (_ts, vs, lo, hi) => stdvar(vs, lo, hi),
  mad_over_time: (_ts, vs, lo, hi) => {
    const values = windowValues(vs, lo, hi);
    const median = quantile(0.5, values.slice());
    return quantile(
      0.5,
      values.map((v) => Math.abs(v - median)),
    );
  },
  changes: (_ts, vs, lo, hi) => {
    let changes = 0;
    let prev = vs[lo]!;
    for (let i = lo + 1; i < hi; i++) {
      const cur = vs[i]!;
      if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) changes++;
      prev = cur;
    }
    return changes;
  },
  resets: (_ts, vs, lo, hi) => {
    let resets = 0;
    let prev = vs[lo]!;
    for (let i = lo + 1; i < hi; i++) {
      const cur = vs[i]!;
      if (cur < prev) resets++;
      prev = cur;
    }
    return resets;
  },
} satisfies Record<string, WindowFn>;

/**
 * absent_over_time() over the results of every series: 1 at the steps where no series had a
 * sample in its window, labelled from the argument's matchers (Prometheus post-processes the
 * same way after calling funcAbsentOverTime per series).
 */
export function absentOverTime(present: readonly StepSeries[], astArgs: readonly Expr[], n: number): StepSeries[] {
  const has = new Uint8Array(n).fill(1);
  for (const s of present) for (let i = 0; i < n; i++) if (s.has[i]) has[i] = 0;
  if (!anyPresent(has)) return [];
  return [{ labels: absentLabels(astArgs[0]), vals: new Float64Array(n).fill(1), has }];
}

function stdvar(vs: Float64Array, lo: number, hi: number): number {
  let count = 0,
    mean = 0,
    cMean = 0,
    aux = 0,
    cAux = 0;
  for (let i = lo; i < hi; i++) {
    const f = vs[i]!;
    count++;
    const delta = f - (mean + cMean);
    kahanSumInc(delta / count, mean, cMean, kb);
    mean = kb[0]!;
    cMean = kb[1]!;
    kahanSumInc(delta * (f - (mean + cMean)), aux, cAux, kb);
    aux = kb[0]!;
    cAux = kb[1]!;
  }
  return (aux + cAux) / count;
}
