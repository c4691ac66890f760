import { parseAndCheck, type Diagnostic } from '@alertcraft/promql';

/** A problem with an expression: the parser's/type-checker's diagnostic. */
export type ExprProblem = Pick<Diagnostic, 'code' | 'message' | 'line' | 'column'> &
  Partial<Pick<Diagnostic, 'severity' | 'range'>>;

/** True when `@alertcraft/promql` provides a parser (kept for callers written before it existed; always true now). */
export function exprCheckAvailable(): boolean {
  return true;
}

/**
 * Parse and type-check a rule expression the way Prometheus does when it loads a rule file
 * (`@alertcraft/promql` `parseAndCheck`, i.e. `parser.ParseExpr`). Returns the error-severity
 * problems; empty means Prometheus would accept the expression.
 */
export function checkExpr(text: string): ExprProblem[] {
  return parseAndCheck(text).diagnostics.filter((d) => d.severity === 'error');
}
