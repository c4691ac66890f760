/**
 * Comparison of two range-query results step by step: same label sets, same series count, values
 * equal within a relative tolerance (NaN equals NaN, ±Inf equal only to themselves).
 */
import type { Labels, SeriesData } from '@alertcraft/promql';

/** Relative tolerance of value comparisons. */
export const REL_TOLERANCE = 1e-9;
/** Smallest positive normal float64 (Go's `math.SmallestNonzeroFloat64` is subnormal; promqltest uses this one). */
const MIN_NORMAL = 2.2250738585072014e-308;

/** promqltest's `almostEqual` with our tolerance: exact near zero, relative elsewhere, NaN = NaN. */
export function almostEqual(a: number, b: number, eps = REL_TOLERANCE): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < eps * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < eps;
}

export function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}

/** One series' sample that differs at one time. */
export interface SampleDiff {
  labels: string;
  ours?: number;
  theirs?: number;
}

/** An (expression, time) pair whose results differ. */
export interface PairMismatch {
  t: number;
  diffs: SampleDiff[];
  oursCount: number;
  theirsCount: number;
}

export interface StepComparison {
  pairs: number;
  /** Pairs where at least one side had a sample. */
  nonEmptyPairs: number;
  samples: number;
  mismatches: PairMismatch[];
}

/** Samples by time, then by label key. */
function byTime(result: readonly SeriesData[]): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  for (const s of result) {
    const k = labelKey(s.labels);
    for (let i = 0; i < s.timestamps.length; i++) {
      const t = s.timestamps[i]!;
      let m = out.get(t);
      if (!m) out.set(t, (m = new Map()));
      m.set(k, s.values[i]!);
    }
  }
  return out;
}

/** Compare at each of `times`. */
export function compareRangeResults(
  ours: readonly SeriesData[],
  theirs: readonly SeriesData[],
  times: readonly number[],
): StepComparison {
  const a = byTime(ours);
  const b = byTime(theirs);
  const res: StepComparison = { pairs: 0, nonEmptyPairs: 0, samples: 0, mismatches: [] };
  const empty = new Map<string, number>();
  for (const t of times) {
    res.pairs++;
    const x = a.get(t) ?? empty;
    const y = b.get(t) ?? empty;
    if (x.size || y.size) res.nonEmptyPairs++;
    res.samples += Math.max(x.size, y.size);
    const diffs: SampleDiff[] = [];
    for (const [k, v] of x) {
      const w = y.get(k);
      if (w === undefined) diffs.push({ labels: k, ours: v });
      else if (!almostEqual(v, w)) diffs.push({ labels: k, ours: v, theirs: w });
    }
    for (const [k, w] of y) if (!x.has(k)) diffs.push({ labels: k, theirs: w });
    if (diffs.length) res.mismatches.push({ t, diffs, oursCount: x.size, theirsCount: y.size });
  }
  return res;
}
