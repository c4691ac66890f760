/**
 * DBSCAN (Ester et al. 1996) and seed 000's `dbscan` detector (eps, min_samples).
 *
 * `dbscan` clusters points: a core point has at least `minSamples` points (itself included)
 * within `eps` (Euclidean); clusters are the core points' reachability components plus their
 * border points; everything else is noise (label −1).
 *
 * The detector clusters each sample with the trailing window's samples in a standardised
 * feature space (value and change from the previous sample, each as (x − median)/(MAD·1.4826)
 * of the window; a zero spread uses 1), so `eps` 0.3 means 0.3 robust standard deviations; a
 * sample that DBSCAN would call noise is flagged. Per series: for a metric `by (workflow_type)`
 * run it on each series.
 */
import { mad, MAD_NORMAL_SCALE, median } from '../robust.js';
import { checkSeries, DetectorInputError, emptyOutput, type DetectorOutput } from './types.js';

/** Cluster labels 0, 1, … or −1 for noise. */
export function dbscan(points: readonly (readonly number[])[], eps: number, minSamples: number): Int32Array {
  if (!(eps > 0) || !(minSamples >= 1))
    throw new DetectorInputError('dbscan', `need eps > 0 and min_samples ≥ 1, got ${eps}, ${minSamples}`);
  const n = points.length;
  const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((x, i) => x - b[i]!));
  const neighbours = (i: number) => {
    const out: number[] = [];
    for (let j = 0; j < n; j++) if (dist(points[i]!, points[j]!) <= eps) out.push(j);
    return out;
  };
  const labels = new Int32Array(n).fill(-2); // −2 unvisited
  let cluster = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -2) continue;
    const nb = neighbours(i);
    if (nb.length < minSamples) {
      labels[i] = -1;
      continue;
    }
    labels[i] = cluster;
    const queue = nb.filter((j) => j !== i);
    while (queue.length) {
      const j = queue.pop()!;
      if (labels[j] === -1) labels[j] = cluster;
      if (labels[j] !== -2) continue;
      labels[j] = cluster;
      const nj = neighbours(j);
      if (nj.length >= minSamples) queue.push(...nj);
    }
    cluster++;
  }
  return labels;
}

export interface DbscanDetectorOptions {
  eps: number;
  minSamples: number;
  windowMs: number;
  /** Window samples needed before scoring. Default 3·minSamples. */
  minHistory?: number;
}

export function dbscanDetector(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  o: DbscanDetectorOptions,
): DetectorOutput {
  if (!(o.eps > 0) || !(o.minSamples >= 2) || !Number.isInteger(o.minSamples)) {
    throw new DetectorInputError(
      'dbscan',
      `need eps > 0 and an integer min_samples ≥ 2, got ${o.eps}, ${o.minSamples}`,
    );
  }
  const minHistory = o.minHistory ?? 3 * o.minSamples;
  checkSeries('dbscan', times, values, minHistory + 2);
  const out = emptyOutput(values.length, values.length);
  const diff = (i: number) => values[i]! - values[i - 1]!;
  const eps2 = o.eps * o.eps;
  let lo = 1;
  for (let i = 1; i < values.length; i++) {
    while (times[lo]! < times[i]! - o.windowMs) lo++;
    if (i - lo < minHistory) continue;
    if (out.warmup > i) out.warmup = i;
    const vs: number[] = [];
    const ds: number[] = [];
    for (let j = lo; j <= i; j++) {
      vs.push(values[j]!);
      ds.push(diff(j));
    }
    const mv = median(vs);
    const sv = mad(vs, MAD_NORMAL_SCALE) || 1;
    const md = median(ds);
    const sd = mad(ds, MAD_NORMAL_SCALE) || 1;
    const pts = vs.map((v, j) => [(v - mv) / sv, (ds[j]! - md) / sd] as const);
    const me = pts[pts.length - 1]!;
    const near = (a: readonly number[]) => {
      const out2: number[] = [];
      for (let j = 0; j < pts.length; j++) {
        const dx = a[0]! - pts[j]![0];
        const dy = a[1]! - pts[j]![1];
        if (dx * dx + dy * dy <= eps2) out2.push(j);
      }
      return out2;
    };
    const nb = near(me);
    // Noise: not core itself and no core point among its neighbours.
    const noise =
      nb.length < o.minSamples && nb.every((j) => j === pts.length - 1 || near(pts[j]!).length < o.minSamples);
    const fraction = Math.min(1, nb.length / o.minSamples);
    out.scores[i] = noise ? 1 - 0.5 * fraction : 0.5 * (1 - fraction) * 0.5;
    out.flags[i] = noise ? 1 : 0;
  }
  return out;
}
