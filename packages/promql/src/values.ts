/**
 * Value types shared by the storage, the evaluator, rule evaluation and the harness.
 * Labels are plain sorted-key objects at the API boundary; the storage interns them.
 */

export type Labels = Readonly<Record<string, string>>;

/** One float sample. `t` is a Unix timestamp in milliseconds. */
export interface Sample {
  t: number;
  v: number;
}

/** An instant-vector element. */
export interface VectorSample {
  labels: Labels;
  t: number;
  v: number;
}

/** A series with its samples as parallel typed arrays (hot path: no object per sample). */
export interface SeriesData {
  labels: Labels;
  timestamps: Float64Array;
  values: Float64Array;
}

export type QueryValue =
  | { type: 'scalar'; t: number; v: number }
  | { type: 'string'; t: number; v: string }
  | { type: 'vector'; samples: VectorSample[] }
  | { type: 'matrix'; series: SeriesData[] };

/** The bit pattern Prometheus uses for staleness markers (value.StaleNaN). */
export const STALE_NAN_BITS = 0x7ff0000000000002n;

export type AlertState = 'inactive' | 'pending' | 'firing';

/**
 * One alert instance's life in an alert timeline (DESIGN.md): plain data, times in Unix ms.
 * `activeAt` is when it became pending, `firedAt` when it went firing, `resolvedAt` when it
 * stopped being active (absent while still active at the end of the evaluated range).
 */
export interface TimelineAlert {
  alertname: string;
  labels: Labels;
  annotations?: Labels;
  state: AlertState;
  activeAt: number;
  firedAt?: number;
  resolvedAt?: number;
}
