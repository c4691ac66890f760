import { RuleDslInputError } from './errors.js';
import { formatNumber } from './number-format.js';

/**
 * Baselines as collected by a baseline job (seed 000's week1-baselines.json):
 * `{ error_rate: { p50, p90, p95, p99, max }, run_rate: { ... } }`.
 */
export type Baselines = Record<string, Record<string, number>>;

/** Arithmetic applied to a referenced value, in order. */
export interface ValueOp {
  /** `round` rounds to `operand` significant digits (hides float noise such as 1.4300000000000002). */
  op: '*' | '/' | '+' | '-' | 'round';
  operand: number;
}

/** Plain-data description of a deferred value (what a `ValueRef` holds). */
export type ValueSource = { kind: 'baseline'; metric: string; stat: string } | { kind: 'context'; path: string };

/**
 * A value resolved at render time: a baseline statistic (`baseline('error_rate', 'p95')`) or a
 * context value (`context('capacity.maxRunsPerDay')`), optionally scaled (`.times(1.5)`).
 * Immutable: every method returns a new reference.
 */
export class ValueRef {
  readonly source: ValueSource;
  readonly ops: readonly ValueOp[];
  constructor(source: ValueSource, ops: readonly ValueOp[] = []) {
    this.source = source;
    this.ops = ops;
  }
  times(n: number): ValueRef {
    return this.with('*', n);
  }
  div(n: number): ValueRef {
    return this.with('/', n);
  }
  plus(n: number): ValueRef {
    return this.with('+', n);
  }
  minus(n: number): ValueRef {
    return this.with('-', n);
  }
  /** Round to `digits` significant digits (1 to 17): `baseline('p95_latency', 'p90').times(1.3).round(6)`. */
  round(digits: number): ValueRef {
    if (!Number.isInteger(digits) || digits < 1 || digits > 17)
      throw new RuleDslInputError(`${this.toString()} round(${digits}): digits must be an integer from 1 to 17`);
    return new ValueRef(this.source, [...this.ops, { op: 'round', operand: digits }]);
  }
  /** Key used in missing-value reports: `error_rate.p95` or `capacity.maxRunsPerDay`. */
  get key(): string {
    return this.source.kind === 'baseline' ? `${this.source.metric}.${this.source.stat}` : this.source.path;
  }
  /** Apply the ops to a resolved base value. */
  apply(base: number): number {
    let v = base;
    for (const { op, operand } of this.ops) {
      if (op === '*') v *= operand;
      else if (op === '/') v /= operand;
      else if (op === '+') v += operand;
      else if (op === '-') v -= operand;
      else v = Number(v.toPrecision(operand));
    }
    return v;
  }
  /** Human description, e.g. `baselines.error_rate.p95 * 1.5`. */
  toString(): string {
    const base = this.source.kind === 'baseline' ? `baselines.${this.key}` : `values.${this.key}`;
    return [
      base,
      ...this.ops.map((o) =>
        o.op === 'round' ? `rounded to ${o.operand} digits` : `${o.op} ${formatNumber(o.operand)}`,
      ),
    ].join(' ');
  }
  private with(op: Exclude<ValueOp['op'], 'round'>, operand: number): ValueRef {
    if (typeof operand !== 'number' || !Number.isFinite(operand)) {
      throw new RuleDslInputError(`${this.toString()} ${op} ${String(operand)}: operand must be a finite number`);
    }
    return new ValueRef(this.source, [...this.ops, { op, operand }]);
  }
}

/** A threshold or any numeric parameter: a literal number, or a reference resolved at render time. */
export type Threshold = number | ValueRef;

/** A baseline statistic, e.g. `baseline('error_rate', 'p95').times(1.5)` (seed 000, day 4). */
export function baseline(metric: string, stat: string): ValueRef {
  if (!metric || !stat)
    throw new RuleDslInputError(
      `baseline(${JSON.stringify(metric)}, ${JSON.stringify(stat)}): both the metric and the statistic are required`,
    );
  return new ValueRef({ kind: 'baseline', metric, stat });
}

/** A value from the render context by dotted path, e.g. `context('capacity.maxRunsPerDay').times(0.8)`. */
export function context(path: string): ValueRef {
  if (!path) throw new RuleDslInputError('context(path): the path is required, e.g. "capacity.maxRunsPerDay"');
  return new ValueRef({ kind: 'context', path });
}

export function isValueRef(v: unknown): v is ValueRef {
  return v instanceof ValueRef;
}

/** What `render()` resolves references against. `values` is a nested object read by dotted path. */
export interface ValueScope {
  baselines?: Baselines;
  values?: Record<string, unknown>;
}

/** The base number a reference points at, or undefined when the scope lacks it (or it is not a finite number). */
export function lookupRef(ref: ValueRef, scope: ValueScope): number | undefined {
  let base: unknown;
  if (ref.source.kind === 'baseline') {
    base = scope.baselines?.[ref.source.metric]?.[ref.source.stat];
  } else {
    let cur: unknown = scope.values;
    for (const part of ref.source.path.split('.')) {
      if (cur === null || typeof cur !== 'object') {
        cur = undefined;
        break;
      }
      cur = (cur as Record<string, unknown>)[part];
    }
    base = cur;
  }
  return typeof base === 'number' && Number.isFinite(base) ? base : undefined;
}
