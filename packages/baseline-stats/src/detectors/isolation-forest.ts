/**
 * Isolation forest (Liu, Ting & Zhou 2008) for seed 000's `isolation_forest` detector
 * (`sensitivity`, `training_window`, `alert_threshold`). Features per sample: the value and its
 * change from the previous sample. The forest (`trees` trees on subsamples of `subsample`
 * points, height limit ⌈log₂ ψ⌉) is trained on the trailing `training_window` and retrained
 * every `retrainEvery` samples; the score is s(x) = 2^(−E[h(x)]/c(ψ)) in (0, 1].
 *
 * The seed's parameters mean: `alert_threshold` is the quantile of the training window's own
 * scores that a normal point stays under (0.95: a normal week's top 5 % marks the edge), and
 * `sensitivity` ∈ (0, 1] narrows the margin above it: flag when
 * s ≥ q + (1 − sensitivity)·(1 − q), q that quantile (sensitivity 1 flags at q itself).
 * Deterministic: the trees come from a seeded generator. One departure from the paper: a point
 * more than a tenth of the training range outside a tree's training box (in any feature) has
 * path length 1 (the paper sends it down the outermost branch, scoring a far outlier like the
 * most extreme training point).
 */
import { quantile } from '../quantile.js';
import { checkSeries, DetectorInputError, emptyOutput, type DetectorOutput } from './types.js';

export interface IsolationForestOptions {
  trainingWindowMs: number;
  sensitivity: number;
  alertThreshold: number;
  trees?: number;
  subsample?: number;
  retrainEvery?: number;
  /** Training points needed before scoring. Default 64. */
  minTraining?: number;
  seed?: number;
}

interface Box {
  lo: number[];
  hi: number[];
}
type Node = ({ leaf: true; size: number } | { leaf: false; dim: number; split: number; left: Node; right: Node }) & Box;

function boxOf(points: number[][]): Box {
  const dims = points[0]?.length ?? 0;
  const lo = new Array<number>(dims).fill(Infinity);
  const hi = new Array<number>(dims).fill(-Infinity);
  for (const p of points) {
    for (let d = 0; d < dims; d++) {
      if (p[d]! < lo[d]!) lo[d] = p[d]!;
      if (p[d]! > hi[d]!) hi[d] = p[d]!;
    }
  }
  return { lo, hi };
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Average path length of an unsuccessful BST search among n points. */
export function cFactor(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649015329) - (2 * (n - 1)) / n;
}

function build(points: number[][], depth: number, limit: number, rand: () => number): Node {
  const box = boxOf(points);
  if (depth >= limit || points.length <= 1) return { leaf: true, size: points.length, ...box };
  const dim = Math.floor(rand() * box.lo.length);
  const lo = box.lo[dim]!;
  const hi = box.hi[dim]!;
  if (!(hi > lo)) return { leaf: true, size: points.length, ...box };
  const split = lo + rand() * (hi - lo);
  const left = points.filter((p) => p[dim]! < split);
  const right = points.filter((p) => p[dim]! >= split);
  return {
    leaf: false,
    dim,
    split,
    left: build(left, depth + 1, limit, rand),
    right: build(right, depth + 1, limit, rand),
    ...box,
  };
}

function pathLength(node: Node, x: number[], depth: number): number {
  let n = node;
  let d = depth;
  // Far outside the tree's training box: one split isolates it (see the module comment).
  for (let k = 0; k < x.length; k++) {
    const margin = 0.1 * (n.hi[k]! - n.lo[k]!);
    if (x[k]! < n.lo[k]! - margin || x[k]! > n.hi[k]! + margin) return 1;
  }
  for (;;) {
    if (n.leaf) return d + cFactor(n.size);
    n = x[n.dim]! < n.split ? n.left : n.right;
    d++;
  }
}

/** A trained forest: `score(x)` in (0, 1]. */
export function trainIsolationForest(
  points: number[][],
  trees = 100,
  subsample = 256,
  seed = 1,
): (x: number[]) => number {
  if (points.length < 2)
    throw new DetectorInputError('isolation-forest', `needs at least 2 training points, got ${points.length}`);
  const rand = rng(seed);
  const psi = Math.min(subsample, points.length);
  const limit = Math.ceil(Math.log2(psi));
  const forest: Node[] = [];
  for (let t = 0; t < trees; t++) {
    const sample: number[][] = [];
    for (let j = 0; j < psi; j++) sample.push(points[Math.floor(rand() * points.length)]!);
    forest.push(build(sample, 0, limit, rand));
  }
  const c = cFactor(psi);
  return (x) => {
    let sum = 0;
    for (const tree of forest) sum += pathLength(tree, x, 0);
    return 2 ** (-(sum / forest.length) / c);
  };
}

export function isolationForestDetector(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  o: IsolationForestOptions,
): DetectorOutput {
  if (!(o.sensitivity > 0 && o.sensitivity <= 1))
    throw new DetectorInputError('isolation-forest', `sensitivity must be in (0, 1], got ${o.sensitivity}`);
  if (!(o.alertThreshold > 0 && o.alertThreshold < 1))
    throw new DetectorInputError('isolation-forest', `alert_threshold must be in (0, 1), got ${o.alertThreshold}`);
  if (!(o.trainingWindowMs > 0))
    throw new DetectorInputError('isolation-forest', `training_window must be positive, got ${o.trainingWindowMs} ms`);
  const minTraining = o.minTraining ?? 64;
  checkSeries('isolation-forest', times, values, minTraining + 1);
  const feats = Array.from({ length: values.length }, (_, i) => [values[i]!, i > 0 ? values[i]! - values[i - 1]! : 0]);
  const out = emptyOutput(values.length, values.length);
  const every = o.retrainEvery ?? 288;
  let score: ((x: number[]) => number) | undefined;
  let level = 1;
  let trainedAt = -Infinity;
  let lo = 0;
  for (let i = 1; i < values.length; i++) {
    while (times[lo]! < times[i]! - o.trainingWindowMs) lo++;
    if (i - lo < minTraining) continue;
    if (!score || i - trainedAt >= every) {
      const train = feats.slice(Math.max(lo, 1), i);
      score = trainIsolationForest(train, o.trees ?? 100, o.subsample ?? 256, (o.seed ?? 1) + i);
      // The level: the quantile of (at most 512 evenly spaced) training points' own scores.
      const stride = Math.max(1, Math.floor(train.length / 512));
      const q = quantile(train.filter((_, j) => j % stride === 0).map(score), o.alertThreshold);
      level = q + (1 - o.sensitivity) * (1 - q);
      trainedAt = i;
    }
    if (out.warmup > i) out.warmup = i;
    const s = score(feats[i]!);
    // Score in [0, 1] with the alarm level at 0.5.
    out.scores[i] = s >= level ? 0.5 + (0.5 * (s - level)) / (1 - level || 1) : (0.5 * s) / level;
    out.flags[i] = s >= level ? 1 : 0;
  }
  return out;
}
