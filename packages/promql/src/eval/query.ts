/**
 * Public query API of the embedded engine: instant and range queries over a `Storage`, with
 * Prometheus v2.54.1 semantics for floats. Native histograms are not supported.
 */
import type { Expr } from '../ast.js';
import { PromQLEvalError } from '../errors.js';
import { parseOrThrow } from '../parser/parse-or-throw.js';
import { compareLabels } from '../labels.js';
import type { Storage } from '../storage/memory-storage.js';
import type { QueryValue, SeriesData, VectorSample } from '../values.js';
import { documentedType, typeOf } from '../check/type-of.js';
import { evalExpr } from './engine.js';
import type { EvalContext, QueryOptions } from './types.js';
import { sampleBudget } from './sample-budget.js';

export { DEFAULT_MAX_SAMPLES } from './sample-budget.js';

export type { QueryOptions } from './types.js';

/** Options of `instantQuery`/`rangeQuery`. */
export interface EngineQueryOptions extends QueryOptions {
  /** Accept experimental functions (limitk, sort_by_label, mad_over_time...) when parsing a string. Default false. */
  experimentalFunctions?: boolean;
}

/** A query result with Prometheus' annotations: warnings (`PromQL warning: ...`) and infos (`PromQL info: ...`). */
export interface QueryResult {
  value: QueryValue;
  warnings: string[];
  infos: string[];
}

export const DEFAULT_LOOKBACK_DELTA_MS = 5 * 60_000;

/** Most steps a range query (or the inner evaluation of a subquery) may have. */
export const MAX_STEPS = 10_000_000;

function toExpr(expr: Expr | string, opts: EngineQueryOptions): Expr {
  return typeof expr === 'string'
    ? parseOrThrow(expr, { experimentalFunctions: opts.experimentalFunctions ?? false })
    : expr;
}

function context(storage: Storage, start: number, end: number, opts: EngineQueryOptions): EvalContext {
  return {
    storage,
    lookbackMs: opts.lookbackDeltaMs ?? DEFAULT_LOOKBACK_DELTA_MS,
    subqueryStepMs: opts.subqueryStepMs ?? 60_000,
    queryStart: start,
    queryEnd: end,
    warnings: [],
    infos: [],
    budget: sampleBudget(opts.maxSamples),
  };
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

/**
 * Evaluates `expr` at `tMs` (Unix ms). Returns a vector (in evaluation order, e.g. sorted for
 * `sort()`), a scalar, a string, or a matrix for a range selector / subquery. Throws
 * `PromQLSyntaxError` for an invalid string and `PromQLEvalError` for evaluation errors.
 */
export function runInstantQuery(
  storage: Storage,
  expr: Expr | string,
  tMs: number,
  opts: EngineQueryOptions = {},
): QueryResult {
  if (!Number.isFinite(tMs))
    throw new PromQLEvalError(`evaluation time must be a finite timestamp in ms, got ${tMs}`, {
      code: 'promql/bad-time',
    });
  const e = toExpr(expr, opts);
  const ctx = context(storage, tMs, tMs, opts);
  const v = evalExpr(ctx, e, Float64Array.of(tMs));
  let value: QueryValue;
  switch (v.kind) {
    case 'scalar':
      value = { type: 'scalar', t: tMs, v: v.vals[0]! };
      break;
    case 'string':
      value = { type: 'string', t: tMs, v: v.value };
      break;
    case 'vector': {
      const samples: VectorSample[] = [];
      for (const s of v.series) if (s.has[0]) samples.push({ labels: s.labels, t: tMs, v: s.vals[0]! });
      value = { type: 'vector', samples };
      break;
    }
    case 'matrix': {
      const series: SeriesData[] = v.series.map((s) => ({ labels: s.labels, timestamps: s.ts, values: s.vs }));
      series.sort((a, b) => compareLabels(a.labels, b.labels));
      value = { type: 'matrix', series };
      break;
    }
  }
  return { value, warnings: dedupe(ctx.warnings), infos: dedupe(ctx.infos) };
}

/**
 * Evaluates `expr` at every step from `startMs` to `endMs` (inclusive) and returns a matrix
 * sorted by labels (a scalar expression gives one series with no labels), like Prometheus'
 * `query_range`. The expression must be a scalar or an instant vector.
 */
export function runRangeQuery(
  storage: Storage,
  expr: Expr | string,
  startMs: number,
  endMs: number,
  stepMs: number,
  opts: EngineQueryOptions = {},
): QueryResult {
  if (!(stepMs > 0))
    throw new PromQLEvalError(`range query step must be positive, got ${stepMs}ms`, { code: 'promql/bad-step' });
  if (endMs < startMs)
    throw new PromQLEvalError(`range query end ${endMs} is before start ${startMs}`, { code: 'promql/bad-range' });
  const e = toExpr(expr, opts);
  const t = typeOf(e);
  if (t !== 'scalar' && t !== 'vector') {
    throw new PromQLEvalError(
      `invalid expression type "${documentedType(t)}" for range query, must be Scalar or instant Vector`,
      { code: 'promql/bad-range-expr' },
    );
  }
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs))
    throw new PromQLEvalError(`range query bounds must be finite timestamps in ms, got ${startMs}..${endMs}`, {
      code: 'promql/bad-range',
    });
  const n = Math.floor((endMs - startMs) / stepMs) + 1;
  if (n > MAX_STEPS) {
    throw new PromQLEvalError(
      `range query has ${n} steps, more than the ${MAX_STEPS} this engine evaluates at once; use a larger step or a shorter range`,
      { code: 'promql/too-many-steps' },
    );
  }
  const ctx = context(storage, startMs, endMs, opts);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = startMs + i * stepMs;
  const v = evalExpr(ctx, e, times);
  const series: SeriesData[] = [];
  if (v.kind === 'scalar') {
    series.push({ labels: {}, timestamps: times, values: v.vals });
  } else if (v.kind === 'vector') {
    for (const s of v.series) {
      let cnt = 0;
      for (let i = 0; i < n; i++) if (s.has[i]) cnt++;
      if (cnt === 0) continue;
      const ts = new Float64Array(cnt);
      const vs = new Float64Array(cnt);
      let j = 0;
      for (let i = 0; i < n; i++) {
        if (!s.has[i]) continue;
        ts[j] = times[i]!;
        vs[j] = s.vals[i]!;
        j++;
      }
      series.push({ labels: s.labels, timestamps: ts, values: vs });
    }
    series.sort((a, b) => compareLabels(a.labels, b.labels));
  } else {
    throw new PromQLEvalError(`invalid expression type "${v.kind}" for range query, must be Scalar or instant Vector`);
  }
  return { value: { type: 'matrix', series }, warnings: dedupe(ctx.warnings), infos: dedupe(ctx.infos) };
}

/** `runInstantQuery(...).value`. */
export function instantQuery(
  storage: Storage,
  expr: Expr | string,
  tMs: number,
  opts: EngineQueryOptions = {},
): QueryValue {
  return runInstantQuery(storage, expr, tMs, opts).value;
}

/** `runRangeQuery(...).value`. */
export function rangeQuery(
  storage: Storage,
  expr: Expr | string,
  startMs: number,
  endMs: number,
  stepMs: number,
  opts: EngineQueryOptions = {},
): QueryValue {
  return runRangeQuery(storage, expr, startMs, endMs, stepMs, opts).value;
}
