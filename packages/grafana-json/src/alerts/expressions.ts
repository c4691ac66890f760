/**
 * Building the `data` entries of a Grafana-managed rule: datasource queries and the server-side
 * expressions of Grafana 11.2 (reduce, threshold, math, classic condition), and reading an entry back
 * as a typed description.
 */
import { EXPRESSION_DATASOURCE_UID, type AlertQuery, type RelativeTimeRange } from './types.js';

/** A datasource reference as dashboards and query models write it. */
export interface DataSourceRef {
  type: string;
  uid: string;
}

export const EXPRESSION_DATASOURCE: DataSourceRef = { type: '__expr__', uid: EXPRESSION_DATASOURCE_UID };

export type Reducer = 'last' | 'mean' | 'min' | 'max' | 'sum' | 'count';
export type ReduceMode = 'strict' | 'dropNN' | 'replaceNN';
export type ThresholdEvaluator =
  | { type: 'gt' | 'lt'; params: [number] }
  | { type: 'within_range' | 'outside_range'; params: [number, number] };
export type ClassicReducer =
  | Reducer
  | 'avg'
  | 'median'
  | 'diff'
  | 'diff_abs'
  | 'percent_diff'
  | 'percent_diff_abs'
  | 'count_non_null';
export interface ClassicCondition {
  refId: string;
  reducer: ClassicReducer;
  evaluator: { type: 'gt' | 'lt' | 'within_range' | 'outside_range' | 'no_value'; params: number[] };
  operator?: 'and' | 'or';
}

/** A datasource query; `model` holds the datasource's own fields (`expr`, `rawSql`, `format`, ...). */
export function dataQuery(
  refId: string,
  datasource: DataSourceRef,
  model: Record<string, unknown>,
  relativeTimeRange: RelativeTimeRange = { from: 600, to: 0 },
): AlertQuery {
  return {
    refId,
    datasourceUid: datasource.uid,
    relativeTimeRange,
    model: {
      ...model,
      refId,
      datasource: { type: datasource.type, uid: datasource.uid },
      intervalMs: 1000,
      maxDataPoints: 43200,
    },
  };
}

function expression(refId: string, model: Record<string, unknown>): AlertQuery {
  return {
    refId,
    datasourceUid: EXPRESSION_DATASOURCE_UID,
    relativeTimeRange: { from: 0, to: 0 },
    model: { refId, datasource: { ...EXPRESSION_DATASOURCE }, ...model },
  };
}

/** Reduce a series (`expression`: a refId) to one number per series. */
export function reduce(
  refId: string,
  input: string,
  reducer: Reducer,
  mode?: ReduceMode,
  replaceWith?: number,
): AlertQuery {
  const settings: Record<string, unknown> = { mode: mode === undefined || mode === 'strict' ? '' : mode };
  if (mode === 'replaceNN') settings.replaceWithValue = replaceWith ?? 0;
  return expression(refId, { type: 'reduce', expression: input, reducer, settings });
}

/** Compare each number of `input` with the evaluator (firing is 1). */
export function threshold(refId: string, input: string, evaluator: ThresholdEvaluator): AlertQuery {
  return expression(refId, {
    type: 'threshold',
    expression: input,
    conditions: [{ evaluator: { type: evaluator.type, params: [...evaluator.params] } }],
  });
}

/** Math over refIds, e.g. `$B > 10` or `$A / $B * 100`. */
export function math(refId: string, formula: string): AlertQuery {
  return expression(refId, { type: 'math', expression: formula });
}

/** Grafana's legacy classic condition: each condition reduces one query and compares it. */
export function classicCondition(refId: string, conditions: readonly ClassicCondition[]): AlertQuery {
  return expression(refId, {
    type: 'classic_conditions',
    conditions: conditions.map((c) => ({
      type: 'query',
      query: { params: [c.refId] },
      reducer: { type: c.reducer, params: [] },
      evaluator: { type: c.evaluator.type, params: [...c.evaluator.params] },
      operator: { type: c.operator ?? 'and' },
    })),
  });
}

/** What a `data` entry is, with the refIds it reads (for the condition and reference checks). */
export type QueryDescription =
  | { kind: 'query'; refId: string; datasourceUid: string }
  | {
      kind: 'reduce' | 'threshold' | 'math' | 'classic_conditions' | 'resample' | 'sql' | 'unknown-expression';
      refId: string;
      inputs: string[];
      type: string;
    };

export function describeQuery(q: AlertQuery): QueryDescription {
  if (q.datasourceUid !== EXPRESSION_DATASOURCE_UID)
    return { kind: 'query', refId: q.refId, datasourceUid: q.datasourceUid };
  const type = typeof q.model.type === 'string' ? q.model.type : '';
  const expr = typeof q.model.expression === 'string' ? q.model.expression : '';
  let inputs: string[] = [];
  if (type === 'math') inputs = [...new Set([...expr.matchAll(/\$\{?([A-Za-z0-9_]+)\}?/g)].map((m) => m[1]))];
  else if (type === 'classic_conditions') {
    const conds = Array.isArray(q.model.conditions) ? q.model.conditions : [];
    inputs = conds.flatMap((c) => {
      const params = (c as { query?: { params?: unknown[] } }).query?.params;
      return Array.isArray(params) && typeof params[0] === 'string' ? [params[0]] : [];
    });
  } else if (expr !== '') inputs = [expr];
  const known = ['reduce', 'threshold', 'math', 'classic_conditions', 'resample', 'sql'] as const;
  const kind = (known as readonly string[]).includes(type) ? (type as (typeof known)[number]) : 'unknown-expression';
  return { kind, refId: q.refId, inputs, type };
}
