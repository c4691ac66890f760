/**
 * What a function reads from its arguments: the evaluated values (the evaluator has checked
 * their kinds against the signature, so a mismatch here is a programming error) and, for
 * absent()/absent_over_time(), the argument expression.
 */
import type { Expr } from '../ast.js';
import { PromQLEvalError } from '../errors.js';
import { METRIC_NAME } from '../labels.js';
import type { Labels } from '../values.js';
import type { EvalValue, StepSeries } from './types.js';

/** `e` without the parentheses around it. */
export function unwrapParens(e: Expr): Expr {
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

function argError(i: number, want: string, got: EvalValue | undefined): PromQLEvalError {
  return new PromQLEvalError(`function argument ${i + 1} must be ${want}, got ${got ? got.kind : 'nothing'}`, {
    code: 'promql/bad-argument',
  });
}

/** The instant vector at argument `i`. */
export function vectorArg(args: readonly EvalValue[], i: number): StepSeries[] {
  const v = args[i];
  if (v?.kind !== 'vector') throw argError(i, 'an instant vector', v);
  return v.series;
}

/** The scalar at argument `i` (one value per step). */
export function scalarArg(args: readonly EvalValue[], i: number): Float64Array {
  const v = args[i];
  if (v?.kind !== 'scalar') throw argError(i, 'a scalar', v);
  return v.vals;
}

/** The string at argument `i`. */
export function stringArg(args: readonly EvalValue[], i: number): string {
  const v = args[i];
  if (v?.kind !== 'string') throw argError(i, 'a string', v);
  return v.value;
}

/**
 * Labels of absent()/absent_over_time() for their argument expression (Prometheus
 * `createLabelsForAbsentFunction`): the equality matchers of a (range) selector, except names
 * matched more than once; none for any other expression.
 */
export function absentLabels(arg: Expr | undefined): Labels {
  const u = arg && unwrapParens(arg);
  const vs = u?.type === 'VectorSelector' ? u : u?.type === 'MatrixSelector' ? u.vector : undefined;
  if (!vs) return {};
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const m of vs.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.op === '=' && !seen.has(m.name)) {
      out[m.name] = m.value;
      seen.add(m.name);
    } else {
      delete out[m.name];
    }
  }
  const names = Object.keys(out)
    .filter((k) => out[k] !== '')
    .sort();
  const res: Record<string, string> = {};
  for (const k of names) res[k] = out[k]!;
  return res;
}
