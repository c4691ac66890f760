import { parseAndCheck, typeOf, type Diagnostic, type Expr, type ValueType } from '@alertcraft/promql';

/**
 * The one place lint touches the PromQL front end: parse and type-check an expression like
 * Prometheus does when it loads a rule file, returning the tree when valid and the diagnostics
 * (codes `promql/parse`, `promql/type`) otherwise.
 */
export interface ParsedExpr {
  expr: Expr | undefined;
  diagnostics: Diagnostic[];
  type: ValueType | undefined;
}

export function parseExpr(source: string): ParsedExpr {
  const r = parseAndCheck(source);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.expr || errors.length) return { expr: undefined, type: undefined, diagnostics: errors };
  return { expr: r.expr, type: typeOf(r.expr), diagnostics: [] };
}
