import type { Labels } from '../values.js';
import type { Storage } from '../storage/memory-storage.js';

/** An instant-vector series over the evaluation steps: `has[i]` marks a value at step i. */
export interface StepSeries {
  labels: Labels;
  vals: Float64Array;
  has: Uint8Array;
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
}

export interface EvalContext {
  storage: Storage;
  lookbackMs: number;
  subqueryStepMs: number;
  /** Query start and end (for `@ start()` / `@ end()`). */
  queryStart: number;
  queryEnd: number;
  warnings: string[];
  infos: string[];
}
