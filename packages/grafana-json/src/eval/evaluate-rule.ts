/**
 * One evaluation of a Grafana-managed rule at a given instant, in-process, as Grafana 11.2's
 * evaluator does it: each datasource query runs over its `relativeTimeRange` (SQL time macros
 * expanded), its rows become series, server-side expressions (reduce, threshold, math over one
 * input) turn them into one number per series, and the condition's numbers become results:
 * 0 is Normal, anything else (NaN included) Alerting, a missing value NoData. A query that returns
 * no rows makes the whole evaluation NoData (labels `datasource_uid`, `ref_id`); a query or
 * expression that fails makes it Error. Only SQL datasources (`rawSql`) are run here, through an
 * injected query function per datasource uid; anything else is an Error result naming it.
 */
import type { AlertQuery, GrafanaAlertRule } from '../alerts/types.js';
import { EXPRESSION_DATASOURCE_UID } from '../alerts/types.js';
import { expandSqlMacros } from './sql-macros.js';

/** Runs SQL text against one datasource (pg `Client`, PGlite, … through an adapter). */
export type SqlQueryFn = (sql: string) => Promise<{ rows: readonly Record<string, unknown>[] }>;

export type EvalState = 'Normal' | 'Alerting' | 'NoData' | 'Error';

export interface EvalResult {
  state: EvalState;
  /** The instance's labels (from the query's string columns; `datasource_uid`/`ref_id` for NoData). */
  labels: Record<string, string>;
  /** Numbers of the reduce/math/threshold expressions for this instance, by refId. */
  values: Record<string, number>;
  error?: string;
}

export interface RuleEvaluation {
  evaluatedAtMs: number;
  /** Every result is NoData (no rows from a query, or no value in the condition). */
  noData: boolean;
  /** The evaluation failed as a whole (a query or an expression errored). */
  error?: string;
  results: EvalResult[];
}

interface Series {
  labels: Record<string, string>;
  values: (number | null)[];
}

type Value = { kind: 'series'; series: Series[] } | { kind: 'numbers'; numbers: Series[] } | { kind: 'empty' };

class RuleEvalFailure extends Error {}

function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
}

function toNumber(v: unknown): number | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v.trim())) return Number(v);
  if (typeof v === 'string' && /^(NaN|[-+]?Infinity)$/.test(v)) return Number(v);
  return undefined; // not numeric
}

function toTime(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v < 1e11 ? v * 1000 : v;
  const t = Date.parse(String(v));
  if (Number.isNaN(t)) throw new RuleEvalFailure(`time column value ${JSON.stringify(v)} is not a time`);
  return t;
}

/**
 * Rows to series the way Grafana's SQL datasources shape an alert query's result: a `time` column
 * orders the rows, numeric columns are values, other columns are labels; one series per distinct
 * label set (a second numeric column is a second series, which must differ in labels).
 */
export function rowsToSeries(rows: readonly Record<string, unknown>[]): Series[] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  // numeric (or null) in every row; a column that is null in every row is a value only when no
  // other column is (row objects carry no SQL types: `SELECT avg(x) AS value` over no rows is a NULL)
  const numeric = columns.filter((c) => c !== 'time' && rows.every((r) => toNumber(r[c]) !== undefined));
  const filled = numeric.filter((c) => rows.some((r) => r[c] !== null && r[c] !== undefined));
  const valueCols = filled.length ? filled : numeric;
  if (valueCols.length === 0)
    throw new RuleEvalFailure(`no numeric column in the result (columns: ${columns.join(', ')})`);
  const labelCols = columns.filter((c) => c !== 'time' && !valueCols.includes(c));
  const hasTime = columns.includes('time');
  const ordered = hasTime
    ? rows
        .map((r, i) => ({ r, i, t: toTime(r.time) }))
        .sort((a, b) => a.t - b.t || a.i - b.i)
        .map((x) => x.r)
    : rows;
  const by = new Map<string, Series>();
  for (const col of valueCols) {
    for (const row of ordered) {
      const labels: Record<string, string> = {};
      for (const l of labelCols) if (row[l] !== null && row[l] !== undefined) labels[l] = String(row[l]);
      const key = labelKey(labels);
      let s = by.get(`${col}\u0000${key}`);
      if (!s) {
        s = { labels, values: [] };
        by.set(`${col}\u0000${key}`, s);
      }
      s.values.push(toNumber(row[col]) ?? null);
    }
  }
  const series = [...by.values()];
  const keys = new Set<string>();
  for (const s of series) {
    const k = labelKey(s.labels);
    if (keys.has(k))
      throw new RuleEvalFailure(`series are not uniquely identified by labels (${k}): one value column only`);
    keys.add(k);
  }
  // without a time column, one row per label set is a number, more are series
  return series;
}

function reduceValues(values: readonly (number | null)[], reducer: string, mode: string, replaceWith: number): number {
  let xs: number[];
  if (mode === 'dropNN') xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  else if (mode === 'replaceNN') xs = values.map((v) => (v === null || !Number.isFinite(v) ? replaceWith : v));
  else {
    if (values.some((v) => v === null || Number.isNaN(v))) return reducer === 'count' ? values.length : Number.NaN;
    xs = values as number[];
  }
  switch (reducer) {
    case 'count':
      return xs.length;
    case 'sum':
      return xs.reduce((a, b) => a + b, 0);
    case 'mean':
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
    case 'min':
      return xs.length ? Math.min(...xs) : Number.NaN;
    case 'max':
      return xs.length ? Math.max(...xs) : Number.NaN;
    case 'last':
      return xs.length ? xs[xs.length - 1] : Number.NaN;
    default:
      throw new RuleEvalFailure(`reducer ${JSON.stringify(reducer)} is not supported`);
  }
}

/** A comparison with NaN is NaN (Grafana's math semantics), which the condition reads as firing. */
function compare(x: number, type: string, params: readonly number[]): number {
  if (Number.isNaN(x)) return Number.NaN;
  const [a, b] = params;
  switch (type) {
    case 'gt':
      return x > a ? 1 : 0;
    case 'lt':
      return x < a ? 1 : 0;
    case 'within_range':
      return x > Math.min(a, b) && x < Math.max(a, b) ? 1 : 0;
    case 'outside_range':
      return x < Math.min(a, b) || x > Math.max(a, b) ? 1 : 0;
    default:
      throw new RuleEvalFailure(`threshold type ${JSON.stringify(type)} is not supported`);
  }
}

function numbersOf(v: Value, refId: string): Series[] {
  if (v.kind === 'numbers') return v.numbers;
  if (v.kind === 'empty') return [];
  // a series with a single point is a number for threshold/math (Grafana requires reduce first)
  throw new RuleEvalFailure(`${refId} is a time series: reduce it before a threshold or math expression`);
}

function mathOp(formula: string, env: Map<string, Value>): Value {
  // one input and one comparison or arithmetic against a literal: `$B > 10`, `$B * 100`
  const m = /^\s*\$\{?([A-Za-z0-9_]+)\}?\s*(>=|<=|==|!=|>|<|\+|-|\*|\/)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(formula);
  if (!m) throw new RuleEvalFailure(`math expression ${JSON.stringify(formula)} is not supported in-process`);
  const input = env.get(m[1]);
  if (!input) throw new RuleEvalFailure(`math expression reads $${m[1]}, which is not evaluated before it`);
  const k = Number(m[3]);
  const op = m[2];
  const f = (x: number): number => {
    if (Number.isNaN(x)) return Number.NaN;
    switch (op) {
      case '>':
        return x > k ? 1 : 0;
      case '<':
        return x < k ? 1 : 0;
      case '>=':
        return x >= k ? 1 : 0;
      case '<=':
        return x <= k ? 1 : 0;
      case '==':
        return x === k ? 1 : 0;
      case '!=':
        return x !== k ? 1 : 0;
      case '+':
        return x + k;
      case '-':
        return x - k;
      case '*':
        return x * k;
      default:
        return x / k;
    }
  };
  return {
    kind: 'numbers',
    numbers: numbersOf(input, m[1]).map((s) => ({
      labels: s.labels,
      values: [s.values[0] === null ? null : f(s.values[0])],
    })),
  };
}

async function runQuery(
  q: AlertQuery,
  atMs: number,
  datasources: Readonly<Record<string, SqlQueryFn>>,
): Promise<Series[]> {
  const run = datasources[q.datasourceUid];
  if (!run)
    throw new RuleEvalFailure(`${q.refId}: no datasource with uid ${JSON.stringify(q.datasourceUid)} is attached`);
  const rawSql = q.model.rawSql;
  if (typeof rawSql !== 'string')
    throw new RuleEvalFailure(`${q.refId}: only SQL queries (rawSql) are evaluated in-process`);
  const range = q.relativeTimeRange ?? { from: 600, to: 0 };
  const sql = expandSqlMacros(rawSql, { fromMs: atMs - range.from * 1000, toMs: atMs - range.to * 1000 });
  let rows: readonly Record<string, unknown>[];
  try {
    rows = (await run(sql)).rows;
  } catch (err) {
    throw new RuleEvalFailure(`${q.refId}: query failed: ${(err as Error).message}`);
  }
  return rowsToSeries(rows);
}

/** Evaluates `rule` at `evaluatedAtMs`. Never throws for a failing query: that is an Error result. */
export async function evaluateRule(
  rule: GrafanaAlertRule,
  evaluatedAtMs: number,
  datasources: Readonly<Record<string, SqlQueryFn>>,
): Promise<RuleEvaluation> {
  const env = new Map<string, Value>();
  const noDataRefs: { refId: string; datasourceUid: string }[] = [];
  try {
    for (const q of rule.data) {
      if (q.datasourceUid !== EXPRESSION_DATASOURCE_UID) {
        const series = await runQuery(q, evaluatedAtMs, datasources);
        if (series.length === 0) noDataRefs.push({ refId: q.refId, datasourceUid: q.datasourceUid });
        env.set(q.refId, series.length ? { kind: 'series', series } : { kind: 'empty' });
        continue;
      }
      const m = q.model;
      const type = String(m.type ?? '');
      const input = typeof m.expression === 'string' ? m.expression : '';
      if (type === 'reduce') {
        const v = env.get(input);
        if (!v) throw new RuleEvalFailure(`${q.refId}: reduce reads ${input}, which is not evaluated before it`);
        const settings = (m.settings ?? {}) as { mode?: string; replaceWithValue?: number };
        const src = v.kind === 'series' ? v.series : v.kind === 'numbers' ? v.numbers : [];
        env.set(q.refId, {
          kind: 'numbers',
          numbers: src.map((s) => ({
            labels: s.labels,
            values: [reduceValues(s.values, String(m.reducer), settings.mode ?? '', settings.replaceWithValue ?? 0)],
          })),
        });
      } else if (type === 'threshold') {
        const v = env.get(input);
        if (!v) throw new RuleEvalFailure(`${q.refId}: threshold reads ${input}, which is not evaluated before it`);
        const conds = m.conditions as Array<{ evaluator: { type: string; params: number[] } }> | undefined;
        const ev = conds?.[0]?.evaluator;
        if (!ev) throw new RuleEvalFailure(`${q.refId}: threshold without an evaluator`);
        env.set(q.refId, {
          kind: 'numbers',
          numbers: numbersOf(v, input).map((s) => ({
            labels: s.labels,
            values: [s.values[0] === null ? null : compare(s.values[0], ev.type, ev.params)],
          })),
        });
      } else if (type === 'math') {
        env.set(q.refId, mathOp(input, env));
      } else {
        throw new RuleEvalFailure(`${q.refId}: expression type ${JSON.stringify(type)} is not evaluated in-process`);
      }
    }
  } catch (err) {
    const message = (err as Error).message;
    return {
      evaluatedAtMs,
      noData: false,
      error: message,
      results: [{ state: 'Error', labels: {}, values: {}, error: message }],
    };
  }
  if (noDataRefs.length > 0) {
    const byDs = new Map<string, string[]>();
    for (const r of noDataRefs) byDs.set(r.datasourceUid, [...(byDs.get(r.datasourceUid) ?? []), r.refId]);
    return {
      evaluatedAtMs,
      noData: true,
      results: [...byDs].map(([uid, refs]) => ({
        state: 'NoData' as const,
        labels: { datasource_uid: uid, ref_id: refs.join(',') },
        values: {},
      })),
    };
  }
  const cond = env.get(rule.condition);
  if (!cond || cond.kind === 'empty') {
    return { evaluatedAtMs, noData: true, results: [{ state: 'NoData', labels: {}, values: {} }] };
  }
  if (cond.kind === 'series') {
    const message = `condition ${rule.condition} is a time series, not one number per series`;
    return {
      evaluatedAtMs,
      noData: false,
      error: message,
      results: [{ state: 'Error', labels: {}, values: {}, error: message }],
    };
  }
  const results: EvalResult[] = cond.numbers.map((n) => {
    const key = labelKey(n.labels);
    const values: Record<string, number> = {};
    for (const [refId, v] of env) {
      if (v.kind !== 'numbers') continue;
      const same = v.numbers.find((x) => labelKey(x.labels) === key);
      if (same && same.values[0] !== null) values[refId] = same.values[0];
    }
    const x = n.values[0];
    return { state: x === null ? 'NoData' : x === 0 ? 'Normal' : 'Alerting', labels: n.labels, values };
  });
  return { evaluatedAtMs, noData: results.every((r) => r.state === 'NoData'), results };
}
