/**
 * The function table (Prometheus v2.54.1 `FunctionCalls`): every PromQL function of
 * `../functions.ts` maps to what computes it. The evaluator (`engine.ts`) evaluates the
 * arguments and calls the entry; entries never evaluate expressions themselves.
 *
 * - `instant`: a `FunctionCall` over the evaluated arguments (all steps at once), the argument
 *   expressions and a `FunctionContext`.
 * - `range`: a function with a range-vector argument. The evaluator slides the window of each
 *   series over the steps and calls `window` with the window's samples, the window bounds, the
 *   step time and the scalar arguments at that step (Prometheus' `vals` + `enh`).
 */
import type { Expr } from '../ast.js';
import { funcHistogramQuantile, nativeHistogramsUnsupported } from './histogram-functions.js';
import {
  DATE_FUNCTIONS,
  funcAbsent,
  funcClamp,
  funcClampMax,
  funcClampMin,
  funcPi,
  funcRound,
  funcScalar,
  funcTime,
  funcTimestamp,
  funcVector,
  MATH_FUNCTIONS,
} from './instant-functions.js';
import { funcLabelJoin, funcLabelReplace } from './label-functions.js';
import { warnInvalidQuantile } from './quantile.js';
import { absentOverTime, WINDOW_FUNCTIONS, type WindowFn } from './range-functions.js';
import { funcSort, funcSortByLabel, funcSortByLabelDesc, funcSortDesc } from './sort-functions.js';
import type { Annotations, FunctionCall, StepSeries } from './types.js';

export interface InstantFunction {
  kind: 'instant';
  call: FunctionCall;
}

export interface RangeFunction {
  kind: 'range';
  /** The output value at one step from one series' window (undefined: no output sample). */
  window: WindowFn;
  /** rate()/increase(): counter resets are corrected (the evaluator indexes them per series) and a name that is not a counter's gets an info. */
  counter: boolean;
  /** last_over_time() keeps the metric name; every other range function drops it. */
  keepName: boolean;
  /** Checks the scalar arguments (all steps) once before any window is computed. */
  checkArgs?: (scalars: readonly Float64Array[], ann: Annotations) => void;
  /** Combines the per-series results into the output (absent_over_time()); such a function is never streamed series by series. */
  overMatrix?: (present: readonly StepSeries[], astArgs: readonly Expr[], steps: number) => StepSeries[];
}

export type FunctionImpl = InstantFunction | RangeFunction;

const instant = (call: FunctionCall): InstantFunction => ({ kind: 'instant', call });

const range = (window: WindowFn, opts: Partial<Omit<RangeFunction, 'kind' | 'window'>> = {}): RangeFunction => ({
  kind: 'range',
  window,
  counter: opts.counter ?? false,
  keepName: opts.keepName ?? false,
  ...(opts.checkArgs ? { checkArgs: opts.checkArgs } : {}),
  ...(opts.overMatrix ? { overMatrix: opts.overMatrix } : {}),
});

const W = WINDOW_FUNCTIONS;

const TABLE: Record<string, FunctionImpl> = {
  ...Object.fromEntries(Object.entries(MATH_FUNCTIONS).map(([name, call]) => [name, instant(call)])),
  ...Object.fromEntries(Object.entries(DATE_FUNCTIONS).map(([name, call]) => [name, instant(call)])),
  absent: instant(funcAbsent),
  clamp: instant(funcClamp),
  clamp_max: instant(funcClampMax),
  clamp_min: instant(funcClampMin),
  histogram_quantile: instant(funcHistogramQuantile),
  histogram_avg: instant(nativeHistogramsUnsupported('histogram_avg')),
  histogram_count: instant(nativeHistogramsUnsupported('histogram_count')),
  histogram_fraction: instant(nativeHistogramsUnsupported('histogram_fraction')),
  histogram_stddev: instant(nativeHistogramsUnsupported('histogram_stddev')),
  histogram_stdvar: instant(nativeHistogramsUnsupported('histogram_stdvar')),
  histogram_sum: instant(nativeHistogramsUnsupported('histogram_sum')),
  label_join: instant(funcLabelJoin),
  label_replace: instant(funcLabelReplace),
  pi: instant(funcPi),
  round: instant(funcRound),
  scalar: instant(funcScalar),
  sort: instant(funcSort),
  sort_by_label: instant(funcSortByLabel),
  sort_by_label_desc: instant(funcSortByLabelDesc),
  sort_desc: instant(funcSortDesc),
  time: instant(funcTime),
  timestamp: instant(funcTimestamp),
  vector: instant(funcVector),

  absent_over_time: range(W.absent_over_time, { overMatrix: absentOverTime }),
  avg_over_time: range(W.avg_over_time),
  changes: range(W.changes),
  count_over_time: range(W.count_over_time),
  delta: range(W.delta),
  deriv: range(W.deriv),
  holt_winters: range(W.holt_winters),
  idelta: range(W.idelta),
  increase: range(W.increase, { counter: true }),
  irate: range(W.irate),
  last_over_time: range(W.last_over_time, { keepName: true }),
  mad_over_time: range(W.mad_over_time),
  max_over_time: range(W.max_over_time),
  min_over_time: range(W.min_over_time),
  predict_linear: range(W.predict_linear),
  present_over_time: range(W.present_over_time),
  quantile_over_time: range(W.quantile_over_time, {
    checkArgs: (scalars, ann) => warnInvalidQuantile(ann, scalars[0]!),
  }),
  rate: range(W.rate, { counter: true }),
  resets: range(W.resets),
  stddev_over_time: range(W.stddev_over_time),
  stdvar_over_time: range(W.stdvar_over_time),
  sum_over_time: range(W.sum_over_time),
};

/** Every function's implementation, by name. */
export const FUNCTION_CALLS: ReadonlyMap<string, FunctionImpl> = new Map(Object.entries(TABLE));
