/**
 * Anomaly likelihood over a rolling z-score (after Numenta's "anomaly likelihood", Ahmad et al.
 * 2017, here on a statistical raw score instead of HTM's): the raw score is |x − μ|/σ of the
 * previous `windowMs` of samples; its short-term mean (last `short` samples) is compared with the
 * distribution of raw scores over the longer `historyMs`: z = (short − μ_r)/σ_r, flagged when
 * Φ(z) ≥ `alarm` (the probability that the recent behaviour is unusual); the score is
 * z/(z + level) for z > 0, else 0. After a flag, the
 * detector stays quiet for `quietMs` (one alarm per anomaly, as a pager would want). Warm-up:
 * `minSamples` samples in the window. Zero spread: a sample equal to the mean has raw score 0,
 * any other 10 (a fixed cap, documented, rather than Infinity).
 */
import { normalCdf } from '../distributions.js';
import { checkSeries, DetectorInputError, emptyOutput, type DetectorOutput } from './types.js';

export interface LikelihoodOptions {
  windowMs: number;
  historyMs: number;
  short: number;
  minSamples: number;
  alarm: number;
  quietMs: number;
  /** The z at which the score is 0.5 (the score is z/(z + level)). */
  level: number;
}

const RAW_CAP = 10;

/** Rolling mean and variance over a time window, by running sums. */
class Rolling {
  private sum = 0;
  private sum2 = 0;
  private lo = 0;
  n = 0;
  constructor(
    private readonly times: ArrayLike<number>,
    private readonly xs: Float64Array,
    private readonly spanMs: number,
  ) {}
  /** Window (t − span, t) over xs[lo..hi). */
  advance(hi: number, t: number): void {
    while (this.lo + this.n < hi) {
      const x = this.xs[this.lo + this.n]!;
      this.sum += x;
      this.sum2 += x * x;
      this.n++;
    }
    while (this.n > 0 && this.times[this.lo]! <= t - this.spanMs) {
      const x = this.xs[this.lo]!;
      this.sum -= x;
      this.sum2 -= x * x;
      this.lo++;
      this.n--;
    }
  }
  mean(): number {
    return this.sum / this.n;
  }
  sd(): number {
    const m = this.mean();
    return Math.sqrt(Math.max(0, this.sum2 / this.n - m * m));
  }
}

export function likelihoodDetector(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  o: LikelihoodOptions,
): DetectorOutput {
  if (!(o.alarm > 0.5 && o.alarm < 1))
    throw new DetectorInputError('likelihood', `alarm must be in (0.5, 1), got ${o.alarm}`);
  if (!(o.short >= 1 && o.minSamples >= 3))
    throw new DetectorInputError('likelihood', 'need short ≥ 1 and minSamples ≥ 3');
  if (!(o.level > 0) || !Number.isFinite(o.level))
    throw new DetectorInputError('likelihood', `level must be a finite positive number, got ${o.level}`);
  checkSeries('likelihood', times, values, o.minSamples + 1);
  const n = values.length;
  const xs = Float64Array.from(values);
  const raw = new Float64Array(n).fill(NaN);
  const win = new Rolling(times, xs, o.windowMs);
  for (let i = 0; i < n; i++) {
    win.advance(i, times[i]!);
    if (win.n < o.minSamples) continue;
    const m = win.mean();
    const sd = win.sd();
    const dev = Math.abs(xs[i]! - m);
    raw[i] = sd > 1e-12 * Math.max(1, Math.abs(m)) ? Math.min(RAW_CAP, dev / sd) : dev > 0 ? RAW_CAP : 0;
  }
  const first = raw.findIndex((r) => !Number.isNaN(r));
  const out = emptyOutput(n, n);
  if (first < 0) return out;
  const rs = raw.map((r) => (Number.isNaN(r) ? 0 : r));
  const hist = new Rolling(times, rs, o.historyMs);
  let quietUntil = -Infinity;
  let shortSum = 0;
  for (let i = first; i < n; i++) {
    shortSum += rs[i]!;
    if (i - o.short >= first) shortSum -= rs[i - o.short]!;
    hist.advance(i, times[i]!);
    if (hist.n < o.minSamples) continue;
    if (out.warmup > i) out.warmup = i;
    const shortMean = shortSum / Math.min(o.short, i - first + 1);
    const sd = hist.sd();
    const z = sd > 0 ? (shortMean - hist.mean()) / sd : shortMean > hist.mean() ? 10 : 0;
    // Continuous in z (no saturation at 1, so a corpus-wide threshold can still rank strong alarms).
    const score = z > 0 ? z / (z + o.level) : 0;
    if (times[i]! < quietUntil) continue;
    out.scores[i] = score;
    if (normalCdf(z) >= o.alarm) {
      out.flags[i] = 1;
      quietUntil = times[i]! + o.quietMs;
    }
  }
  return out;
}
