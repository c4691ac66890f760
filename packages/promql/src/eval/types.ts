import type { Expr } from '../ast.js';
import type { Labels } from '../values.js';
import type { Storage } from '../storage/memory-storage.js';

/** An instant-vector series over the evaluation steps: `has[i]` marks a value at step i. */
export interface StepSeries {
  labels: Labels;
  vals: Float64Array;
  has: Uint8Array;
  /**
   * The timestamp (ms) of the sample behind each step, when it is not the step time: set only
   * for a vector selector evaluated as the argument of `timestamp()` (Prometheus' `Sample.T`).
   */
  sampleTs?: Float64Array;
}

/** A series of samples at arbitrary timestamps (range-vector element). */
export interface RangeSeries {
  labels: Labels;
  ts: Float64Array;
  vs: Float64Array;
  /** Known to have no decreasing sample (no counter reset), when the storage tracks it. */
  monotonic?: boolean;
}

export type EvalValue =
  | { kind: 'vector'; series: StepSeries[] }
  | { kind: 'scalar'; vals: Float64Array }
  | { kind: 'string'; value: string }
  | { kind: 'matrix'; series: RangeSeries[] };

/** Options of a query; every field is optional. */
export interface QueryOptions {
  /** How far back an instant selector looks for a sample (Prometheus `--query.lookback-delta`). Default 5 minutes. */
  lookbackDeltaMs?: number;
  /** Step of subqueries written without one (`x[1h:]`); Prometheus uses the global evaluation interval. Default 1 minute. */
  subqueryStepMs?: number;
  /**
   * Most samples a query may hold in memory at once (Prometheus `--query.max-samples`): the step
   * values selectors and functions produce, plus the points of the range window being read.
   * Going over is a `PromQLEvalError` (code `promql/too-many-samples`) with Prometheus' wording.
   * Default 50,000,000, Prometheus' default.
   */
  maxSamples?: number;
}

/** Where evaluation reports Prometheus' annotations (`PromQL warning: ...`, `PromQL info: ...`). */
export interface Annotations {
  warnings: string[];
  infos: string[];
}

/**
 * What a function gets besides its evaluated and AST arguments (Prometheus' `EvalNodeHelper`):
 * the evaluation steps and the annotation sink. It never gets the storage or the evaluator.
 */
export interface FunctionContext extends Annotations {
  /** The evaluation times (ms, ascending); one per step. */
  times: Float64Array;
}

/**
 * An instant function (Prometheus' `FunctionCall`): it gets its arguments already evaluated over
 * every step (`args`, kinds as its signature says), the argument expressions (`astArgs`, for the
 * few that read matchers) and the context; it only computes, never evaluates.
 */
export type FunctionCall = (args: readonly EvalValue[], astArgs: readonly Expr[], fc: FunctionContext) => EvalValue;

export interface EvalContext extends Annotations {
  storage: Storage;
  lookbackMs: number;
  subqueryStepMs: number;
  /** Query start and end (for `@ start()` / `@ end()`). */
  queryStart: number;
  queryEnd: number;
  /** The sample budget: `samples` held so far against `maxSamples`. */
  budget: SampleBudget;
}

/** Samples a query holds (see `QueryOptions.maxSamples`). */
export interface SampleBudget {
  samples: number;
  readonly maxSamples: number;
}
