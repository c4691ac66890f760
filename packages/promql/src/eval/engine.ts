/**
 * The embedded PromQL evaluator (float subset of Prometheus v2.54.1).
 *
 * Every node is evaluated over an ascending array of evaluation times at once (an instant
 * query is one step), over typed arrays: selectors walk each series with moving pointers,
 * range functions slide a [t-range, t] window (both ends inclusive, as in 2.x).
 *
 * This file is the only one that evaluates expressions: it evaluates the operands of operators
 * and the arguments of functions, then hands the values to `binary.ts`, `aggregate.ts` and the
 * function table (`function-calls.ts`), which only compute (as Prometheus' evaluator does with
 * `FunctionCalls`).
 */
import type { AggregateExpr, AtModifier, Call, Expr, MatrixSelector, SubqueryExpr, VectorSelector } from '../ast.js';
import { documentedType } from '../check/type-of.js';
import { PromQLEvalError } from '../errors.js';
import { getFunction } from '../functions.js';
import { dropMetricName, labelsKey, METRIC_NAME } from '../labels.js';
import type { StoredSeries } from '../storage/memory-storage.js';
import { isStaleNaN } from '../storage/stale.js';
import type { Labels } from '../values.js';
import { aggregate, isStreamingAggregation, streamingAggregation } from './aggregate.js';
import { binaryOp } from './binary.js';
import { unwrapParens } from './function-args.js';
import { FUNCTION_CALLS, type RangeFunction } from './function-calls.js';
import { checkDistinctLabelsets, DUPLICATE_LABELSET } from './out-builder.js';
import { counterResets, type WindowParams } from './range-functions.js';
import type { EvalContext, EvalValue, RangeSeries, StepSeries } from './types.js';
import { charge, fits, refund } from './sample-budget.js';

export function resolveAt(at: AtModifier | undefined, ctx: EvalContext): number | undefined {
  if (!at) return undefined;
  if (at.kind === 'start') return ctx.queryStart;
  if (at.kind === 'end') return ctx.queryEnd;
  return at.timestampMs;
}

/** Evaluates `e` at each of `times` (ascending). */
export function evalExpr(ctx: EvalContext, e: Expr, times: Float64Array): EvalValue {
  switch (e.type) {
    case 'NumberLiteral':
      return { kind: 'scalar', vals: new Float64Array(times.length).fill(e.value) };
    case 'StringLiteral':
      return { kind: 'string', value: e.value };
    case 'ParenExpr':
      return evalExpr(ctx, e.expr, times);
    case 'VectorSelector':
      return { kind: 'vector', series: evalVectorSelector(ctx, e, times) };
    case 'MatrixSelector':
    case 'SubqueryExpr': {
      if (times.length !== 1)
        throw new PromQLEvalError('cannot do range evaluation of a range vector; wrap it in a function such as rate()');
      const w = rangeSource(ctx, e, times);
      const t = w.refs[0]!;
      const out: RangeSeries[] = [];
      for (const s of w.sources) {
        const [lo, hi] = windowBounds(s.ts, t - w.rangeMs, t);
        if (hi > lo) charge(ctx.budget, hi - lo);
        if (hi > lo) out.push({ labels: s.labels, ts: s.ts.slice(lo, hi), vs: s.vs.slice(lo, hi) });
      }
      return { kind: 'matrix', series: out };
    }
    case 'UnaryExpr': {
      const v = evalExpr(ctx, e.expr, times);
      if (e.op === '+') return v;
      if (v.kind === 'scalar') return { kind: 'scalar', vals: v.vals.map((x) => -x) };
      if (v.kind !== 'vector') throw new PromQLEvalError(`unary minus is not defined on a ${v.kind}`);
      const series = v.series.map((s) => ({
        labels: dropMetricName(s.labels),
        vals: s.vals.map((x) => -x),
        has: s.has,
      }));
      checkDistinctLabelsets(series);
      return { kind: 'vector', series };
    }
    case 'BinaryExpr':
      return binaryOp(e, evalExpr(ctx, e.lhs, times), evalExpr(ctx, e.rhs, times), times.length);
    case 'AggregateExpr':
      return { kind: 'vector', series: evalAggregate(ctx, e, times) };
    case 'Call':
      return evalCall(ctx, e, times);
  }
}

export function evalScalar(ctx: EvalContext, e: Expr, times: Float64Array): Float64Array {
  const v = evalExpr(ctx, e, times);
  if (v.kind !== 'scalar') throw new PromQLEvalError(`expected a scalar expression, got ${v.kind}`);
  return v.vals;
}

export function evalVector(ctx: EvalContext, e: Expr, times: Float64Array): StepSeries[] {
  const v = evalExpr(ctx, e, times);
  if (v.kind !== 'vector') throw new PromQLEvalError(`expected an instant vector expression, got ${v.kind}`);
  return v.series;
}

/** The series a selector selects, at each step; `sampleTimestamps` also records each sample's own timestamp. */
function evalVectorSelector(
  ctx: EvalContext,
  node: VectorSelector,
  times: Float64Array,
  sampleTimestamps = false,
): StepSeries[] {
  const stored = ctx.storage.select(node.matchers);
  const n = times.length;
  const at = resolveAt(node.at, ctx);
  const offset = node.offsetMs;
  const lookback = ctx.lookbackMs;
  const out: StepSeries[] = [];
  for (const s of stored) {
    const ts = s.timestamps;
    const vs = s.values;
    const len = ts.length;
    charge(ctx.budget, n);
    const vals = new Float64Array(n);
    const has = new Uint8Array(n);
    const sampleTs = sampleTimestamps ? new Float64Array(n) : undefined;
    let any = false;
    // Start at the first step's position by binary search (instant queries on long series).
    let j = n > 0 ? upperBound(ts, (at ?? times[0]!) - offset) : 0;
    for (let i = 0; i < n; i++) {
      const ref = (at ?? times[i]!) - offset;
      while (j < len && ts[j]! <= ref) j++;
      const k = j - 1;
      if (k < 0) continue;
      const t = ts[k]!;
      if (t < ref - lookback) continue;
      const v = vs[k]!;
      if (v !== v && isStaleNaN(v)) continue;
      vals[i] = v;
      if (sampleTs) sampleTs[i] = t;
      has[i] = 1;
      any = true;
      if (at !== undefined) {
        // Step invariant: the same sample at every step.
        vals.fill(v);
        sampleTs?.fill(t);
        has.fill(1);
        break;
      }
    }
    if (!any) refund(ctx.budget, n);
    if (any) out.push(sampleTs ? { labels: s.labels, vals, has, sampleTs } : { labels: s.labels, vals, has });
  }
  return out;
}

/** Index of the first sample with timestamp > t. */
export function upperBound(ts: Float64Array, t: number): number {
  let a = 0,
    b = ts.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (ts[mid]! <= t) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** [lo, hi) indexes of samples with mint <= t <= maxt. */
export function windowBounds(ts: Float64Array, mint: number, maxt: number): [number, number] {
  let lo = 0,
    hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < mint) lo = mid + 1;
    else hi = mid;
  }
  let a = lo,
    b = ts.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (ts[mid]! <= maxt) a = mid + 1;
    else b = mid;
  }
  return [lo, a];
}

interface RangeSourceResult {
  sources: RangeSeries[];
  /** Window end per step (after @ and offset). */
  refs: Float64Array;
  rangeMs: number;
}

function withoutStale(s: StoredSeries): RangeSeries {
  if (!s.hasStale) return { labels: s.labels, ts: s.timestamps, vs: s.values, monotonic: s.monotonic };
  const v = s.nonStale();
  return { labels: s.labels, ts: v.timestamps, vs: v.values, monotonic: s.monotonic };
}

/** Resolves a matrix selector or subquery into per-series samples and per-step windows. */
function rangeSource(ctx: EvalContext, e: MatrixSelector | SubqueryExpr, times: Float64Array): RangeSourceResult {
  const n = times.length;
  const refs = new Float64Array(n);
  if (e.type === 'MatrixSelector') {
    const vs = e.vector;
    const at = resolveAt(vs.at, ctx);
    for (let i = 0; i < n; i++) refs[i] = (at ?? times[i]!) - vs.offsetMs;
    const sources = ctx.storage.select(vs.matchers).map(withoutStale);
    return { sources, refs, rangeMs: e.rangeMs };
  }
  const at = resolveAt(e.at, ctx);
  for (let i = 0; i < n; i++) refs[i] = (at ?? times[i]!) - e.offsetMs;
  const step = e.stepMs > 0 ? e.stepMs : ctx.subqueryStepMs;
  // Inner evaluation times: multiples of step within any window [ref-range, ref].
  const inner: number[] = [];
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    const ref = refs[i]!;
    let t = Math.ceil((ref - e.rangeMs) / step) * step;
    if (t <= last) t = last + step;
    for (; t <= ref; t += step) {
      inner.push(t);
      last = t;
    }
    if (inner.length > 10_000_000) {
      throw new PromQLEvalError(
        'subquery needs more than 10000000 inner evaluation steps; use a larger subquery step',
        { code: 'promql/too-many-steps' },
      );
    }
  }
  const innerTimes = Float64Array.from(inner);
  const sources: RangeSeries[] = [];
  if (innerTimes.length > 0) {
    const v = evalExpr(ctx, e.expr, innerTimes);
    if (v.kind === 'vector') {
      for (const s of v.series) {
        let cnt = 0;
        for (let i = 0; i < s.has.length; i++) if (s.has[i]) cnt++;
        if (cnt === 0) continue;
        charge(ctx.budget, cnt);
        const ts = new Float64Array(cnt);
        const vs = new Float64Array(cnt);
        let j = 0;
        for (let i = 0; i < s.has.length; i++) {
          if (!s.has[i]) continue;
          ts[j] = innerTimes[i]!;
          vs[j] = s.vals[i]!;
          j++;
        }
        sources.push({ labels: s.labels, ts, vs });
      }
    } else if (v.kind === 'scalar') {
      sources.push({ labels: {}, ts: innerTimes, vs: v.vals });
    } else {
      throw new PromQLEvalError(`subquery is only allowed on instant vector, got ${v.kind}`);
    }
  }
  return { sources, refs, rangeMs: e.rangeMs };
}

/** Aggregations: the parameter and the operand are evaluated here, folded by `aggregate.ts`. */
function evalAggregate(ctx: EvalContext, e: AggregateExpr, times: Float64Array): StepSeries[] {
  const param = e.param ? evalExpr(ctx, e.param, times) : undefined;
  if (isStreamingAggregation(e.op)) {
    const agg = streamingAggregation(e, times.length);
    forEachSeries(ctx, e.expr, times, agg.add);
    return agg.result();
  }
  return aggregate(ctx, e, param, evalVector(ctx, e.expr, times), times.length);
}

/** Function calls: looks the function up in the table, evaluates its arguments and calls it. */
function evalCall(ctx: EvalContext, e: Call, times: Float64Array): EvalValue {
  const impl = FUNCTION_CALLS.get(e.func);
  if (!impl) throw new PromQLEvalError(`unknown or unsupported function ${e.func}()`);
  if (impl.kind === 'instant')
    return impl.call(evalArgs(ctx, e, times), e.args, { times, warnings: ctx.warnings, infos: ctx.infos });
  const matrixIdx = matrixArgIndex(e);
  if (matrixIdx < 0) throw new PromQLEvalError(`${e.func}() needs a range vector argument`);
  const out: StepSeries[] = [];
  streamWindowCall(ctx, e, impl, times, matrixIdx, false, (labels, vals, has) => out.push({ labels, vals, has }));
  if (impl.overMatrix) return { kind: 'vector', series: impl.overMatrix(out, e.args, times.length) };
  checkDistinctLabelsets(out);
  return { kind: 'vector', series: out };
}

/** Evaluates the arguments of an instant function and checks their kinds against its signature. */
function evalArgs(ctx: EvalContext, e: Call, times: Float64Array): EvalValue[] {
  const argTypes = getFunction(e.func)?.argTypes ?? [];
  const args: EvalValue[] = new Array(e.args.length);
  for (let i = 0; i < e.args.length; i++) {
    const a = e.args[i]!;
    const u = unwrapParens(a);
    // timestamp() of a selector reads each sample's own timestamp, as Prometheus' evaluator arranges.
    const v: EvalValue =
      e.func === 'timestamp' && u.type === 'VectorSelector'
        ? { kind: 'vector', series: evalVectorSelector(ctx, u, times, true) }
        : evalExpr(ctx, a, times);
    const want = argTypes[Math.min(i, argTypes.length - 1)];
    if (want !== undefined && v.kind !== want) {
      throw new PromQLEvalError(
        `${e.func}(): argument ${i + 1} must be ${documentedType(want)}, got ${documentedType(v.kind)}`,
        { code: 'promql/bad-argument' },
      );
    }
    args[i] = v;
  }
  return args;
}

function matrixArgIndex(e: Call): number {
  return e.args.findIndex((a) => {
    const u = unwrapParens(a);
    return u.type === 'MatrixSelector' || u.type === 'SubqueryExpr';
  });
}

/**
 * Calls `cb` for each series of the instant vector `expr`. Window functions over a range
 * argument are streamed series by series through one reused buffer (`vals`/`has` are only valid
 * during the callback), so aggregations over them never hold every series at once.
 */
export function forEachSeries(
  ctx: EvalContext,
  expr: Expr,
  times: Float64Array,
  cb: (labels: Labels, vals: Float64Array, has: Uint8Array) => void,
): void {
  const u = unwrapParens(expr);
  const impl = u.type === 'Call' ? FUNCTION_CALLS.get(u.func) : undefined;
  if (u.type === 'Call' && impl?.kind === 'range' && !impl.overMatrix) {
    const idx = matrixArgIndex(u);
    if (idx >= 0) {
      const seen = new Set<string>();
      streamWindowCall(ctx, u, impl, times, idx, true, (labels, vals, has) => {
        const k = labelsKey(labels);
        if (seen.has(k)) throw new PromQLEvalError(DUPLICATE_LABELSET, { code: 'promql/duplicate-labelset' });
        seen.add(k);
        cb(labels, vals, has);
      });
      return;
    }
  }
  for (const s of evalVector(ctx, expr, times)) cb(s.labels, s.vals, s.has);
}

/** Evaluates a window function over its range argument, one output series at a time. */
function streamWindowCall(
  ctx: EvalContext,
  e: Call,
  impl: RangeFunction,
  times: Float64Array,
  matrixIdx: number,
  reuse: boolean,
  onSeries: (labels: Labels, vals: Float64Array, has: Uint8Array) => void,
): void {
  const wfn = impl.window;
  const n = times.length;
  // The scalar arguments, evaluated over every step before the windows (Prometheus' otherArgs).
  const argVals: Float64Array[] = [];
  for (let i = 0; i < e.args.length; i++) {
    if (i === matrixIdx) continue;
    argVals.push(evalScalar(ctx, e.args[i]!, times));
  }
  impl.checkArgs?.(argVals, ctx);
  const src = rangeSource(ctx, unwrapParens(e.args[matrixIdx]!) as MatrixSelector | SubqueryExpr, times);
  const p: WindowParams = {
    stepT: 0,
    rangeStart: 0,
    rangeEnd: 0,
    rangeSec: src.rangeMs / 1000,
    args: new Array(argVals.length).fill(0),
    monotonic: false,
  };
  const counterFn = impl.counter;
  const keepName = impl.keepName;
  const rangeMs = src.rangeMs;
  const refs = src.refs;
  const nargs = argVals.length;
  let lastInfoName: string | undefined;
  const bufVals = reuse ? new Float64Array(n) : undefined;
  const bufHas = reuse ? new Uint8Array(n) : undefined;
  for (const s of src.sources) {
    const ts = s.ts;
    const vs = s.vs;
    const len = ts.length;
    let vals: Float64Array | undefined;
    let has: Uint8Array | undefined;
    let lo = 0,
      hi = 0;
    let prevRef = -Infinity;
    if (counterFn) {
      // Storage series carry the flag; subquery results are scanned (their cost is linear anyway).
      let mono = s.monotonic;
      if (mono === undefined) {
        mono = true;
        for (let k = 1; k < len; k++) {
          if (vs[k]! < vs[k - 1]!) {
            mono = false;
            break;
          }
        }
      }
      p.monotonic = mono;
      // A series with resets whose windows, summed over the steps, cover it more than twice: index
      // its resets once instead of scanning every window.
      p.resets = !mono && n * (rangeMs / avgSpacing(ts)) > 2 * len ? counterResets(vs) : undefined;
    }
    for (let i = 0; i < n; i++) {
      const ref = refs[i]!;
      const mint = ref - rangeMs;
      if (ref < prevRef || i === 0) {
        [lo, hi] = windowBounds(ts, mint, ref);
      } else {
        while (hi < len && ts[hi]! <= ref) hi++;
        while (lo < hi && ts[lo]! < mint) lo++;
      }
      prevRef = ref;
      if (hi <= lo) continue;
      fits(ctx.budget, hi - lo);
      p.stepT = times[i]!;
      p.rangeStart = mint;
      p.rangeEnd = ref;
      for (let a = 0; a < nargs; a++) p.args[a] = argVals[a]![i]!;
      const r = wfn(ts, vs, lo, hi, p);
      if (r === undefined) continue;
      if (!vals) {
        if (bufVals) {
          bufHas!.fill(0);
          vals = bufVals;
          has = bufHas;
        } else {
          charge(ctx.budget, n);
          vals = new Float64Array(n);
          has = new Uint8Array(n);
        }
      }
      vals[i] = r;
      has![i] = 1;
    }
    if (vals) onSeries(keepName ? s.labels : dropMetricName(s.labels), vals, has!);
    if (counterFn && len > 0) {
      const name = s.labels[METRIC_NAME];
      if (name && name !== lastInfoName && !/(_total|_sum|_count|_bucket)$/.test(name)) {
        lastInfoName = name;
        ctx.infos.push(
          `PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${JSON.stringify(name)}`,
        );
      }
    }
  }
}

/** Mean spacing of a series' samples (ms); Infinity for fewer than two. */
function avgSpacing(ts: Float64Array): number {
  return ts.length < 2 ? Infinity : (ts[ts.length - 1]! - ts[0]!) / (ts.length - 1);
}
