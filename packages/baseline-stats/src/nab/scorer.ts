/**
 * The Numenta Anomaly Benchmark's scorer (NAB v1.1 semantics): anomaly windows, the scaled
 * sigmoid, the probationary period, cost profiles, a threshold sweep, threshold optimisation
 * over a corpus and normalisation against the null and perfect detectors.
 *
 * A detector gives each row of a file an anomaly score in [0, 1]; at threshold θ a row with
 * score ≥ θ is a detection. Within a window only the best (earliest) detection counts:
 * tpWeight·S(p)/S(−1) at relative position p ∈ [−1, 0) from the window's right edge; a window
 * without one costs −fnWeight. A detection outside every window costs fpWeight·S(d), d its
 * distance past the previous window's right edge in window widths (−fpWeight before the first
 * window or 3 widths past one). Rows in the probationary period (the first
 * min(⌊0.15·n⌋, 750) rows) are not scored.
 */

/** A cost profile (NAB's `profiles.json` CostMatrix). */
export interface NabCostMatrix {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
  tnWeight?: number;
}

/** NAB's three published profiles. */
export const NAB_PROFILES: Readonly<Record<NabProfileName, NabCostMatrix>> = {
  standard: { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 },
  reward_low_FP_rate: { tpWeight: 1, fpWeight: 0.22, fnWeight: 1 },
  reward_low_FN_rate: { tpWeight: 1, fpWeight: 0.11, fnWeight: 2 },
};

export type NabProfileName = 'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate';

/** One labelled file: its row timestamps (as strings, compared exactly) and windows [start, end]. */
export interface NabFile {
  name: string;
  timestamps: readonly string[];
  windows: ReadonlyArray<readonly [string, string]>;
}

/** A scored row: its anomaly score, its sweep score and its window (`null` outside, 'probationary'). */
export interface NabPoint {
  anomalyScore: number;
  sweepScore: number;
  window: string | null;
}

export interface NabThresholdScore {
  threshold: number;
  score: number;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
}

export const NAB_PROBATION_PERCENT = 0.15;

/** S(x) = 2·sigmoid(−5x) − 1, and −1 from 3 window widths on. */
export function scaledSigmoid(x: number): number {
  return x >= 3 ? -1 : 2 / (1 + Math.exp(5 * x)) - 1;
}

/** Rows at the start of a file that are not scored. */
export function probationaryLength(rows: number, percent = NAB_PROBATION_PERCENT): number {
  return Math.min(Math.floor(percent * rows), percent * 5000);
}

/** The sweep score of every row of one file (NAB's `calcSweepScore`). */
export function sweepFile(
  file: NabFile,
  scores: ArrayLike<number>,
  cost: NabCostMatrix,
  probationPercent = NAB_PROBATION_PERCENT,
): NabPoint[] {
  const ts = file.timestamps;
  if (ts.length !== scores.length)
    throw new RangeError(`${file.name}: ${ts.length} timestamps but ${scores.length} anomaly scores`);
  const index = new Map<string, number>();
  ts.forEach((t, i) => {
    if (!index.has(t)) index.set(t, i);
  });
  const windows = file.windows.slice();
  for (const [a, b] of windows) {
    if (!index.has(a) || !index.has(b))
      throw new RangeError(`${file.name}: window [${a}, ${b}] does not start and end on a row timestamp`);
  }
  const maxTP = scaledSigmoid(-1);
  const probation = probationaryLength(ts.length, probationPercent);
  const out: NabPoint[] = new Array(ts.length);
  let cur: readonly [string, string] | undefined;
  let curName: string | null = null;
  let curWidth = 0;
  let curRight = 0;
  let prevWidth: number | undefined;
  let prevRight: number | undefined;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (windows.length > 0 && t === windows[0]![0]) {
      cur = windows.shift()!;
      curName = `${file.name}|${cur[0]}`;
      curRight = index.get(cur[1])!;
      curWidth = curRight - index.get(cur[0])! + 1;
    }
    let weighted: number;
    if (cur) {
      weighted = (scaledSigmoid(-(curRight - i + 1) / curWidth) * cost.tpWeight) / maxTP;
    } else {
      const past = prevRight === undefined ? 3 : Math.abs(prevRight - i) / (prevWidth! - 1);
      weighted = scaledSigmoid(past) * cost.fpWeight;
    }
    out[i] = { anomalyScore: scores[i]!, sweepScore: weighted, window: i >= probation ? curName : 'probationary' };
    if (cur && t === cur[1]) {
      prevRight = i;
      prevWidth = curWidth;
      cur = undefined;
      curName = null;
    }
  }
  return out;
}

/**
 * The score at every distinct threshold, highest first (NAB's `calcScoreByThreshold`): the row
 * for θ counts every point with anomaly score ≥ θ as a detection; the first row (θ = 1.1) none.
 */
export function scoresByThreshold(points: readonly NabPoint[], cost: NabCostMatrix): NabThresholdScore[] {
  const scorable = points.filter((p) => p.window !== 'probationary').sort((a, b) => b.anomalyScore - a.anomalyScore);
  const windowPart = new Map<string, number>();
  for (const p of scorable) if (p.window !== null) windowPart.set(p.window, -cost.fnWeight);
  let fpPart = 0;
  let windowSum = -cost.fnWeight * windowPart.size;
  let tn = 0;
  let fn = 0;
  for (const p of scorable) p.window === null ? tn++ : fn++;
  let tp = 0;
  let fp = 0;
  const out: NabThresholdScore[] = [];
  let threshold = 1.1;
  for (const p of scorable) {
    if (p.anomalyScore !== threshold) {
      out.push({ threshold, score: fpPart + windowSum, tp, tn, fp, fn });
      threshold = p.anomalyScore;
    }
    if (p.window === null) {
      fp++;
      tn--;
      fpPart += p.sweepScore;
    } else {
      tp++;
      fn--;
      const prev = windowPart.get(p.window)!;
      if (p.sweepScore > prev) {
        windowPart.set(p.window, p.sweepScore);
        windowSum += p.sweepScore - prev;
      }
    }
  }
  out.push({ threshold, score: fpPart + windowSum, tp, tn, fp, fn });
  return out;
}

/** The row of a sweep that applies at `threshold` (NAB's `scoreDataSet` matching). */
export function scoreAtThreshold(
  sweep: readonly NabThresholdScore[],
  threshold: number,
): NabThresholdScore | undefined {
  let prev: NabThresholdScore | undefined;
  for (const row of sweep) {
    if (row.threshold === threshold) return row;
    if (row.threshold < threshold) return prev;
    prev = row;
  }
  return prev;
}

/** One detector's result on a corpus for one profile. */
export interface NabProfileResult {
  threshold: number;
  /** Raw score summed over files at the optimised threshold. */
  raw: number;
  /** Raw score per file. */
  perFile: Record<string, number>;
}

/**
 * Optimises the threshold over the whole corpus (the best score of the joint sweep of every
 * file's points) and scores each file at it.
 */
export function scoreCorpus(
  files: readonly NabFile[],
  scoresOf: (file: NabFile) => ArrayLike<number>,
  cost: NabCostMatrix,
  probationPercent = NAB_PROBATION_PERCENT,
): NabProfileResult {
  const sweeps = files.map((f) => sweepFile(f, scoresOf(f), cost, probationPercent));
  const joint = scoresByThreshold(sweeps.flat(), cost);
  let best = joint[0]!;
  for (const row of joint) if (row.score > best.score) best = row;
  const perFile: Record<string, number> = {};
  let raw = 0;
  files.forEach((f, i) => {
    const row = scoreAtThreshold(scoresByThreshold(sweeps[i]!, cost), best.threshold)!;
    perFile[f.name] = row.score;
    raw += row.score;
  });
  return { threshold: best.threshold, raw, perFile };
}

/** The perfect detector's raw score: every window detected at its left edge. */
export function perfectScore(files: readonly NabFile[], cost: NabCostMatrix): number {
  let n = 0;
  for (const f of files) n += f.windows.length;
  return n * cost.tpWeight;
}

/** NAB's normalised score: 100·(raw − null)/(perfect − null). */
export function normalizeScore(raw: number, nullRaw: number, perfect: number): number {
  return (100 * (raw - nullRaw)) / (perfect - nullRaw);
}
