/**
 * SQL health checks through an injected query function. `pg`'s `Client`/`Pool` and PGlite both
 * have `query(sql, params)` resolving to `{ rows }`, so `queryFunction(db)` adapts either. Each
 * check has a timeout and gives its result as data; a failing query or a timeout is a `fail`
 * result with the database's message, never an exception.
 */
import { HealthScoreError } from './errors.js';

/** A query function: SQL text and positional parameters to rows. */
export type QueryFn = (
  sql: string,
  params?: readonly unknown[],
) => Promise<{ rows: readonly Record<string, unknown>[] }>;

/** Anything with `query(sql, params) → { rows }` (pg `Client`/`Pool`/`PoolClient`, PGlite). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Adapts a pg client/pool or a PGlite instance to a `QueryFn`. */
export function queryFunction(db: Queryable): QueryFn {
  return async (sql, params) => {
    const res = await db.query(sql, params ? [...params] : undefined);
    return { rows: res.rows as Record<string, unknown>[] };
  };
}

export type CheckStatus = 'pass' | 'warn' | 'fail';

/**
 * Thresholds on the numeric column `column` (default `value`) of the first row: `above` fails
 * (warns) when the value is greater than `fail` (`warn`); `below` when it is less.
 */
export interface ThresholdRule {
  column?: string;
  direction: 'above' | 'below';
  warn?: number;
  fail?: number;
  /** Status when the query returns no row or a NULL value (default `fail`). */
  noData?: CheckStatus;
  /** Unit for messages (`rows`, `s`, `bytes`). */
  unit?: string;
}

export interface CheckOutcome {
  status: CheckStatus;
  value: number | string | null;
  threshold?: string;
  message: string;
}

export interface SqlCheck {
  /** Stable id (`data-freshness`). */
  name: string;
  title?: string;
  sql: string;
  params?: readonly unknown[];
  /** Per-check timeout (ms); overrides the run's. */
  timeoutMs?: number;
  /** Thresholds on one value, or a function from the rows to an outcome. */
  evaluate: ThresholdRule | ((rows: readonly Record<string, unknown>[]) => CheckOutcome);
}

export interface CheckResult extends CheckOutcome {
  name: string;
  title: string;
  durationMs: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

class CheckTimeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** A value from a row cell: numbers, numeric strings (pg's `numeric`/`bigint`), bigints. */
export function numericCell(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function thresholdText(r: ThresholdRule): string {
  const op = r.direction === 'above' ? '>' : '<';
  const parts: string[] = [];
  if (r.warn !== undefined) parts.push(`warn ${op} ${r.warn}`);
  if (r.fail !== undefined) parts.push(`fail ${op} ${r.fail}`);
  return parts.join(', ');
}

/** Applies a threshold rule to rows. */
export function applyThreshold(rule: ThresholdRule, rows: readonly Record<string, unknown>[]): CheckOutcome {
  const col = rule.column ?? 'value';
  const row = rows[0];
  const threshold = thresholdText(rule);
  const unit = rule.unit ? ` ${rule.unit}` : '';
  if (row && !(col in row)) {
    return {
      status: 'fail',
      value: null,
      threshold,
      message: `the query returned no column '${col}' (columns: ${Object.keys(row).join(', ') || 'none'})`,
    };
  }
  const value = row ? numericCell(row[col]) : null;
  if (value === null) {
    return {
      status: rule.noData ?? 'fail',
      value: null,
      threshold,
      message: row ? `${col} is NULL (no data)` : 'the query returned no row (no data)',
    };
  }
  const beyond = (limit: number | undefined) =>
    limit !== undefined && (rule.direction === 'above' ? value > limit : value < limit);
  const status: CheckStatus = beyond(rule.fail) ? 'fail' : beyond(rule.warn) ? 'warn' : 'pass';
  const limit = status === 'fail' ? rule.fail : status === 'warn' ? rule.warn : undefined;
  const message =
    status === 'pass'
      ? `${value}${unit} (${threshold || 'no threshold'})`
      : `${value}${unit} is ${rule.direction === 'above' ? 'above' : 'below'} the ${status} threshold ${limit}${unit}`;
  return { status, value, threshold, message };
}

function validateCheck(c: SqlCheck, i: number): void {
  if (!c || typeof c.name !== 'string' || !c.name)
    throw new HealthScoreError(`checks[${i}].name`, 'expected a check name');
  if (typeof c.sql !== 'string' || !c.sql.trim())
    throw new HealthScoreError(`checks[${i}].sql (check '${c.name}')`, 'expected SQL text');
  if (c.timeoutMs !== undefined && !(Number.isFinite(c.timeoutMs) && c.timeoutMs > 0)) {
    throw new HealthScoreError(
      `checks[${i}].timeoutMs (check '${c.name}')`,
      `expected a positive number of ms, got ${c.timeoutMs}`,
    );
  }
  if (typeof c.evaluate !== 'function') {
    const r = c.evaluate;
    if (!r || (r.direction !== 'above' && r.direction !== 'below')) {
      throw new HealthScoreError(`checks[${i}].evaluate.direction (check '${c.name}')`, `expected 'above' or 'below'`);
    }
    for (const k of ['warn', 'fail'] as const) {
      if (r[k] !== undefined && !Number.isFinite(r[k]))
        throw new HealthScoreError(
          `checks[${i}].evaluate.${k} (check '${c.name}')`,
          `expected a finite number, got ${r[k]}`,
        );
    }
  }
}

/** Runs one check; never throws for database errors (they become `fail` results). */
export async function runSqlCheck(
  query: QueryFn,
  check: SqlCheck,
  options: { timeoutMs?: number } = {},
): Promise<CheckResult> {
  const timeoutMs = check.timeoutMs ?? options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const t0 = performance.now();
  const title = check.title ?? check.name;
  let outcome: CheckOutcome;
  try {
    const { rows } = await withTimeout(query(check.sql, check.params), timeoutMs);
    outcome = typeof check.evaluate === 'function' ? check.evaluate(rows) : applyThreshold(check.evaluate, rows);
  } catch (err) {
    const msg = err instanceof CheckTimeout ? err.message : `query failed: ${(err as Error)?.message ?? String(err)}`;
    outcome = { status: 'fail', value: null, message: msg };
  }
  return { name: check.name, title, ...outcome, durationMs: Math.round(performance.now() - t0) };
}

/** Runs checks one after another (one connection is enough) and returns their results in order. */
export async function runSqlChecks(
  query: QueryFn,
  checks: readonly SqlCheck[],
  options: { timeoutMs?: number } = {},
): Promise<CheckResult[]> {
  checks.forEach(validateCheck);
  const out: CheckResult[] = [];
  for (const c of checks) out.push(await runSqlCheck(query, c, options));
  return out;
}

/** Worst status of a set of results (`pass` when empty) and the counts per status. */
export function summarizeChecks(results: readonly CheckResult[]): {
  status: CheckStatus;
  pass: number;
  warn: number;
  fail: number;
} {
  const n = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  const fail = n('fail');
  const warn = n('warn');
  return { status: fail ? 'fail' : warn ? 'warn' : 'pass', pass: n('pass'), warn, fail };
}
