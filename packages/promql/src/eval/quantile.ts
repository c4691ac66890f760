/** Quantile helpers with Prometheus v2.54.1 semantics (`promql/quantile.go`). */
import { almostEqual } from './math.js';
import type { Annotations } from './types.js';

/** Warns (once) when a quantile argument is NaN or outside [0, 1] at some step, as Prometheus does. */
export function warnInvalidQuantile(ann: Annotations, qs: ArrayLike<number>): void {
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i]!;
    if (Number.isNaN(q) || q < 0 || q > 1) {
      ann.warnings.push(`PromQL warning: quantile value should be between 0 and 1, got ${q}`);
      return;
    }
  }
}

/** Prometheus `quantile` over values (sorts `values` in place, NaN first like vectorByValueHeap). */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  values.sort((a, b) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b));
  const n = values.length;
  const rank = q * (n - 1);
  const lowerIndex = Math.max(0, Math.floor(rank));
  const upperIndex = Math.min(n - 1, lowerIndex + 1);
  const weight = rank - Math.floor(rank);
  return values[lowerIndex]! * (1 - weight) + values[upperIndex]! * weight;
}

export interface Bucket {
  upperBound: number;
  count: number;
}

/**
 * Classic-histogram quantile (`bucketQuantile`), with 2.54's coalescing and monotonicity fix.
 * Returns [value, forcedMonotonicity].
 */
export function bucketQuantile(q: number, buckets: Bucket[]): [number, boolean] {
  if (Number.isNaN(q)) return [NaN, false];
  if (q < 0) return [-Infinity, false];
  if (q > 1) return [Infinity, false];
  buckets.sort((a, b) => (a.upperBound < b.upperBound ? -1 : a.upperBound > b.upperBound ? 1 : 0));
  if (buckets[buckets.length - 1]!.upperBound !== Infinity) return [NaN, false];
  // coalesce equal upper bounds
  const co: Bucket[] = [];
  for (const b of buckets) {
    const last = co[co.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else co.push({ upperBound: b.upperBound, count: b.count });
  }
  let forced = false;
  let prev = co[0]!.count;
  for (let i = 1; i < co.length; i++) {
    const curr = co[i]!.count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, 1e-12)) {
      co[i]!.count = prev;
      continue;
    }
    if (curr < prev) {
      co[i]!.count = prev;
      forced = true;
      continue;
    }
    prev = curr;
  }
  if (co.length < 2) return [NaN, forced];
  const observations = co[co.length - 1]!.count;
  if (observations === 0) return [NaN, forced];
  let rank = q * observations;
  // sort.Search over len-1 buckets for count >= rank
  let b = 0;
  {
    let lo = 0,
      hi = co.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (co[mid]!.count >= rank) hi = mid;
      else lo = mid + 1;
    }
    b = lo;
  }
  if (b === co.length - 1) return [co[co.length - 2]!.upperBound, forced];
  if (b === 0 && co[0]!.upperBound <= 0) return [co[0]!.upperBound, forced];
  let bucketStart = 0;
  const bucketEnd = co[b]!.upperBound;
  let count = co[b]!.count;
  if (b > 0) {
    bucketStart = co[b - 1]!.upperBound;
    count -= co[b - 1]!.count;
    rank -= co[b - 1]!.count;
  }
  return [bucketStart + (bucketEnd - bucketStart) * (rank / count), forced];
}
