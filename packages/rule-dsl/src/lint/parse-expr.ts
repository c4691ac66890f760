import * as promql from '@alertcraft/promql';
import type { Diagnostic, Expr, ValueType } from '@alertcraft/promql';

/**
 * The one place lint touches the PromQL front end: parse (+ type-check when `@alertcraft/promql`
 * provides `check`) an expression, returning the tree when valid and the parser's diagnostics
 * (codes `promql/parse`, `promql/type`) otherwise.
 */
export interface ParsedExpr {
  expr: Expr | undefined;
  diagnostics: Diagnostic[];
  type: ValueType | undefined;
}

type AnyFn = (...args: unknown[]) => unknown;
const api = promql as unknown as Record<string, unknown>;
const optional = (name: string): AnyFn | undefined => (typeof api[name] === 'function' ? (api[name] as AnyFn) : undefined);

function diagnosticsOf(v: unknown): Diagnostic[] {
  if (Array.isArray(v)) return v as Diagnostic[];
  if (v && typeof v === 'object' && Array.isArray((v as { diagnostics?: unknown }).diagnostics)) return (v as { diagnostics: Diagnostic[] }).diagnostics;
  return [];
}

/** Result type of an expression by its top node (Prometheus `Expr.Type()`), for when `typeOf` is absent. */
function shallowType(e: Expr): ValueType {
  switch (e.type) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'ParenExpr':
    case 'UnaryExpr':
      return shallowType(e.expr);
    case 'BinaryExpr':
      return shallowType(e.lhs) === 'scalar' && shallowType(e.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'Call':
      return e.func === 'scalar' || e.func === 'time' || e.func === 'pi' ? 'scalar' : 'vector';
    default:
      return 'vector';
  }
}

export function parseExpr(source: string): ParsedExpr {
  const parsed = promql.parse(source);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (!parsed.expr || errors.length) return { expr: undefined, type: undefined, diagnostics: errors };
  const expr = parsed.expr;
  const check = optional('check');
  if (check) {
    const checked = diagnosticsOf(check(expr, source)).filter((d) => d.severity === 'error');
    if (checked.length) return { expr: undefined, type: undefined, diagnostics: checked };
  }
  const typeOf = optional('typeOf');
  const type = typeOf ? (typeOf(expr) as ValueType) : shallowType(expr);
  return { expr, type, diagnostics: [] };
}
