/**
 * Aggregation operators (Prometheus v2.54.1 `aggregation`, `aggregationK`, `aggregationCountValues`).
 * The evaluator evaluates the parameter and the input; these only compute.
 */
import type { AggregateExpr } from '../ast.js';
import { PromQLEvalError } from '../errors.js';
import { isValidLabelName, keepLabels, deleteLabels, labelsKey, METRIC_NAME, setLabel } from '../labels.js';
import type { Labels } from '../values.js';
import { formatFloatPlain, kahanSumInc } from './math.js';
import { anyPresent, OutBuilder } from './out-builder.js';
import { quantile, warnInvalidQuantile } from './quantile.js';
import { labelsHash } from './xxhash64.js';
import type { Annotations, EvalValue, StepSeries } from './types.js';

function groupLabels(labels: Labels, grouping: readonly string[], without: boolean): Labels {
  if (without) return deleteLabels(labels, [...grouping, METRIC_NAME]);
  if (grouping.length === 0) return {};
  return keepLabels(labels, grouping);
}

const kb = new Float64Array(2);

interface HeapItem {
  s: StepSeries;
  v: number;
}

// Go container/heap over a Less function.
function up(h: HeapItem[], j: number, less: (a: HeapItem, b: HeapItem) => boolean): void {
  for (;;) {
    const i = ((j - 1) / 2) | 0;
    if (i === j || j <= 0 || !less(h[j]!, h[i]!)) break;
    [h[i], h[j]] = [h[j]!, h[i]!];
    j = i;
  }
}
function down(h: HeapItem[], i0: number, n: number, less: (a: HeapItem, b: HeapItem) => boolean): boolean {
  let i = i0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n || j1 < 0) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(h[j2]!, h[j1]!)) j = j2;
    if (!less(h[j]!, h[i]!)) break;
    [h[i], h[j]] = [h[j]!, h[i]!];
    i = j;
  }
  return i > i0;
}
function heapPush(h: HeapItem[], x: HeapItem, less: (a: HeapItem, b: HeapItem) => boolean): void {
  h.push(x);
  up(h, h.length - 1, less);
}
function heapFix(h: HeapItem[], i: number, less: (a: HeapItem, b: HeapItem) => boolean): void {
  if (!down(h, i, h.length, less)) up(h, i, less);
}
const byValueLess = (a: HeapItem, b: HeapItem) => Number.isNaN(a.v) || a.v < b.v;
const byReverseValueLess = (a: HeapItem, b: HeapItem) => Number.isNaN(a.v) || a.v > b.v;

/** Go's sort.Sort(sort.Reverse(h)) for small inputs (insertion sort, stable). */
function sortReverse(h: HeapItem[], less: (a: HeapItem, b: HeapItem) => boolean): HeapItem[] {
  const a = h.slice();
  for (let i = 1; i < a.length; i++) {
    for (let j = i; j > 0 && less(a[j - 1]!, a[j]!); j--) {
      [a[j], a[j - 1]] = [a[j - 1]!, a[j]!];
    }
  }
  return a;
}

/**
 * count_values, topk, bottomk, limitk, limit_ratio and quantile of `input` (the evaluated
 * operand) at each of `n` steps; `param` is the evaluated parameter. The other operators are
 * folded series by series with `streamingAggregation`.
 */
export function aggregate(
  ann: Annotations,
  e: AggregateExpr,
  param: EvalValue | undefined,
  input: StepSeries[],
  n: number,
): StepSeries[] {
  const grouping = [...e.grouping].sort();
  if (e.op === 'count_values') {
    if (param?.kind !== 'string') throw new PromQLEvalError('count_values needs a string parameter');
    const valueLabel = param.value;
    if (!isValidLabelName(valueLabel)) throw new PromQLEvalError(`invalid label name ${JSON.stringify(valueLabel)}`);
    const g2 = e.without ? grouping : [...grouping, valueLabel].sort();
    const b = new OutBuilder(n);
    for (let i = 0; i < n; i++) {
      const counts = new Map<string, { labels: Labels; count: number }>();
      for (const s of input) {
        if (!s.has[i]) continue;
        const metric = setLabel(s.labels, valueLabel, formatFloatPlain(s.vals[i]!));
        const gl = groupLabels(metric, g2, e.without);
        const key = labelsKey(gl);
        const c = counts.get(key);
        if (c) c.count++;
        else counts.set(key, { labels: gl, count: 1 });
      }
      for (const c of counts.values()) b.add(c.labels, i, c.count);
    }
    return b.result();
  }

  if (param !== undefined && param.kind !== 'scalar')
    throw new PromQLEvalError(`${e.op} needs a scalar parameter, got ${param.kind}`);
  const fParam = param ? param.vals[0]! : 0;

  // Map input series to groups.
  const groupIndex = new Map<string, number>();
  const seriesGroup = new Int32Array(input.length);
  const groupLbls: Labels[] = [];
  for (let si = 0; si < input.length; si++) {
    const s = input[si]!;
    let key: string;
    let gl: Labels | undefined;
    if (e.without) {
      gl = groupLabels(s.labels, grouping, true);
      key = labelsKey(gl);
    } else if (grouping.length === 0) {
      key = '';
    } else {
      gl = groupLabels(s.labels, grouping, false);
      key = labelsKey(gl);
    }
    let gi = groupIndex.get(key);
    if (gi === undefined) {
      gi = groupLbls.length;
      groupIndex.set(key, gi);
      groupLbls.push(gl ?? {});
    }
    seriesGroup[si] = gi;
  }
  const G = groupLbls.length;

  switch (e.op) {
    case 'topk':
    case 'bottomk':
    case 'limitk':
    case 'limit_ratio': {
      if (e.op === 'limit_ratio') return limitRatio(ann, input, seriesGroup, G, fParam, n);
      if (!Number.isFinite(fParam) || Math.abs(fParam) >= 9.223372036854776e18) {
        throw new PromQLEvalError(`Scalar value ${fParam} overflows int64`);
      }
      let k = Math.trunc(fParam);
      if (k > input.length) k = input.length;
      if (k < 1) return [];
      const less = e.op === 'bottomk' ? byReverseValueLess : byValueLess;
      const b = new OutBuilder(n);
      const instantOut: StepSeries[] = [];
      for (let i = 0; i < n; i++) {
        const heaps: (HeapItem[] | undefined)[] = new Array(G);
        for (let si = 0; si < input.length; si++) {
          const s = input[si]!;
          if (!s.has[i]) continue;
          const item = { s, v: s.vals[i]! };
          const gi = seriesGroup[si]!;
          const h = heaps[gi];
          if (!h) {
            heaps[gi] = [item];
            continue;
          }
          if (e.op === 'topk') {
            if (h.length < k) heapPush(h, item, less);
            else if (h[0]!.v < item.v || (Number.isNaN(h[0]!.v) && !Number.isNaN(item.v))) {
              h[0] = item;
              if (k > 1) heapFix(h, 0, less);
            }
          } else if (e.op === 'bottomk') {
            if (h.length < k) heapPush(h, item, less);
            else if (h[0]!.v > item.v || (Number.isNaN(h[0]!.v) && !Number.isNaN(item.v))) {
              h[0] = item;
              if (k > 1) heapFix(h, 0, less);
            }
          } else if (h.length < k) heapPush(h, item, less);
        }
        for (const h of heaps) {
          if (!h) continue;
          const items = e.op === 'limitk' ? h : h.length > 1 ? sortReverse(h, less) : h;
          for (const it of items) {
            if (n === 1) instantOut.push({ labels: it.s.labels, vals: Float64Array.of(it.v), has: Uint8Array.of(1) });
            else b.add(it.s.labels, i, it.v);
          }
        }
      }
      return n === 1 ? instantOut : b.result();
    }
    case 'quantile': {
      warnInvalidQuantile(ann, [fParam]);
      const out: StepSeries[] = groupLbls.map((labels) => ({
        labels,
        vals: new Float64Array(n),
        has: new Uint8Array(n),
      }));
      for (let i = 0; i < n; i++) {
        const buckets: number[][] = new Array(G);
        for (let si = 0; si < input.length; si++) {
          const s = input[si]!;
          if (!s.has[i]) continue;
          const gi = seriesGroup[si]!;
          (buckets[gi] ??= []).push(s.vals[i]!);
        }
        for (let gi = 0; gi < G; gi++) {
          const vs = buckets[gi];
          if (!vs) continue;
          out[gi]!.vals[i] = quantile(fParam, vs);
          out[gi]!.has[i] = 1;
        }
      }
      return out.filter((s) => s.has.some((x) => x));
    }
  }

  throw new PromQLEvalError(`unsupported aggregation ${e.op}`);
}

const STREAMING = new Set(['sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar']);

/** Whether `op` is folded series by series (`streamingAggregation`) rather than over the whole input (`aggregate`). */
export function isStreamingAggregation(op: string): boolean {
  return STREAMING.has(op);
}

/** A fold of input series into the groups of one aggregation. */
export interface StreamingAggregation {
  /** Folds one input series in; `vals`/`has` are read during the call only (the caller may reuse them). */
  add(labels: Labels, vals: Float64Array, has: Uint8Array): void;
  /** The groups with at least one value. */
  result(): StepSeries[];
}

/**
 * sum/avg/count/min/max/group/stddev/stdvar over `n` steps, series by series (the input can be
 * streamed: a window function under the aggregation never materialises all its series). Per
 * (group, step) the inputs are folded in input order, as Prometheus does step by step.
 */
export function streamingAggregation(e: AggregateExpr, n: number): StreamingAggregation {
  const grouping = [...e.grouping].sort();
  const op = e.op;
  const needAux = op === 'sum' || op === 'avg' || op === 'stddev' || op === 'stdvar';
  const needCnt = op === 'avg' || op === 'count' || op === 'stddev' || op === 'stdvar';
  interface Group {
    labels: Labels;
    vals: Float64Array;
    has: Uint8Array;
    aux?: Float64Array;
    cnt?: Float64Array;
  }
  const groups: Group[] = [];
  const index = new Map<string, Group>();
  const noGrouping = !e.without && grouping.length === 0;
  const add = (labels: Labels, sv: Float64Array, sh: Uint8Array): void => {
    let g: Group | undefined;
    if (noGrouping) g = groups[0];
    let gl: Labels | undefined;
    if (!g) {
      gl = noGrouping ? {} : groupLabels(labels, grouping, e.without);
      const key = noGrouping ? '' : labelsKey(gl);
      g = index.get(key);
      if (!g) {
        g = { labels: gl, vals: new Float64Array(n), has: new Uint8Array(n) };
        if (needAux) g.aux = new Float64Array(n);
        if (needCnt) g.cnt = new Float64Array(n);
        index.set(key, g);
        groups.push(g);
      }
    }
    const gv = g.vals;
    const gh = g.has;
    const ga = g.aux;
    const gc = g.cnt;
    for (let i = 0; i < n; i++) {
      if (!sh[i]) continue;
      const f = sv[i]!;
      if (!gh[i]) {
        gh[i] = 1;
        switch (op) {
          case 'sum':
            gv[i] = f;
            ga![i] = 0;
            break;
          case 'avg':
            gv[i] = f;
            ga![i] = f; // mean
            gc![i] = 1;
            break;
          case 'stddev':
          case 'stdvar':
            ga![i] = f; // mean
            gv[i] = 0;
            gc![i] = 1;
            break;
          case 'count':
            gc![i] = 1;
            break;
          case 'group':
            gv[i] = 1;
            break;
          default:
            gv[i] = f;
        }
        continue;
      }
      switch (op) {
        case 'sum':
          kahanSumInc(f, gv[i]!, ga![i]!, kb);
          gv[i] = kb[0]!;
          ga![i] = kb[1]!;
          break;
        case 'avg': {
          const c = gc![i]! + 1;
          gc![i] = c;
          const mean = ga![i]!;
          if (mean === Infinity || mean === -Infinity) {
            if ((f === Infinity || f === -Infinity) && mean > 0 === f > 0) break;
            if (!(f === Infinity || f === -Infinity) && !Number.isNaN(f)) break;
          }
          ga![i] = mean + (f / c - mean / c);
          break;
        }
        case 'max':
          if (gv[i]! < f || Number.isNaN(gv[i]!)) gv[i] = f;
          break;
        case 'min':
          if (gv[i]! > f || Number.isNaN(gv[i]!)) gv[i] = f;
          break;
        case 'count':
          gc![i] = gc![i]! + 1;
          break;
        case 'stddev':
        case 'stdvar': {
          const c = gc![i]! + 1;
          gc![i] = c;
          const delta = f - ga![i]!;
          ga![i] = ga![i]! + delta / c;
          gv[i] = gv[i]! + delta * (f - ga![i]!);
          break;
        }
        case 'group':
          break;
        default:
          throw new PromQLEvalError(`unsupported aggregation ${op}`);
      }
    }
  };
  const result = (): StepSeries[] => {
    const out: StepSeries[] = [];
    for (const g of groups) {
      const gv = g.vals;
      const gh = g.has;
      for (let i = 0; i < n; i++) {
        if (!gh[i]) continue;
        switch (op) {
          case 'sum':
            gv[i] = gv[i]! + g.aux![i]!;
            break;
          case 'avg':
            gv[i] = g.aux![i]!;
            break;
          case 'count':
            gv[i] = g.cnt![i]!;
            break;
          case 'stdvar':
            gv[i] = gv[i]! / g.cnt![i]!;
            break;
          case 'stddev':
            gv[i] = Math.sqrt(gv[i]! / g.cnt![i]!);
            break;
        }
      }
      if (anyPresent(gh)) out.push({ labels: g.labels, vals: gv, has: gh });
    }
    return out;
  };
  return { add, result };
}

const MAX_UINT64_F = 2 ** 64; // float64(math.MaxUint64) in Go

/** limit_ratio: keeps a series when its label hash, scaled to [0, 1], falls in the ratio (Prometheus HashRatioSampler). */
function limitRatio(
  ann: Annotations,
  input: StepSeries[],
  seriesGroup: Int32Array,
  G: number,
  param: number,
  n: number,
): StepSeries[] {
  if (Number.isNaN(param)) throw new PromQLEvalError(`Ratio value ${param} is NaN`);
  if (param === 0) return [];
  let ratio = param;
  if (param < -1) ratio = -1;
  else if (param > 1) ratio = 1;
  if (ratio !== param)
    ann.warnings.push(`PromQL warning: ratio value should be between -1 and 1, got ${param}, capping to ${ratio}`);
  const keep = input.map((s) => {
    const offset = Number(labelsHash(s.labels)) / MAX_UINT64_F;
    return (ratio >= 0 && offset < ratio) || (ratio < 0 && offset >= 1 + ratio);
  });
  const b = new OutBuilder(n);
  const instantOut: StepSeries[] = [];
  for (let i = 0; i < n; i++) {
    const heaps: HeapItem[][] = new Array(G);
    for (let si = 0; si < input.length; si++) {
      const s = input[si]!;
      if (!s.has[i]) continue;
      const h = (heaps[seriesGroup[si]!] ??= []);
      if (keep[si]) heapPush(h, { s, v: s.vals[i]! }, byValueLess);
    }
    for (const h of heaps) {
      if (!h) continue;
      for (const it of h) {
        if (n === 1) instantOut.push({ labels: it.s.labels, vals: Float64Array.of(it.v), has: Uint8Array.of(1) });
        else b.add(it.s.labels, i, it.v);
      }
    }
  }
  return n === 1 ? instantOut : b.result();
}
