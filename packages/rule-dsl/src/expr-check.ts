import * as promqlPkg from '@alertcraft/promql';
import type { Diagnostic } from '@alertcraft/promql';

/** A problem with an expression: the parser's/type-checker's diagnostic. */
export type ExprProblem = Pick<Diagnostic, 'code' | 'message' | 'line' | 'column'> & Partial<Pick<Diagnostic, 'severity' | 'range'>>;

type AnyFn = (...args: unknown[]) => unknown;

function fn(name: string): AnyFn | undefined {
  const f = (promqlPkg as unknown as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as AnyFn) : undefined;
}

/** True when `@alertcraft/promql` provides a parser (it is being written concurrently). */
export function exprCheckAvailable(): boolean {
  return fn('parse') !== undefined;
}

function asDiagnostics(v: unknown): ExprProblem[] {
  if (Array.isArray(v)) return v as ExprProblem[];
  if (v && typeof v === 'object' && Array.isArray((v as { diagnostics?: unknown }).diagnostics)) return (v as { diagnostics: ExprProblem[] }).diagnostics;
  return [];
}

/**
 * Parse and type-check a rule expression the way Prometheus does when it loads a rule file
 * (`@alertcraft/promql` parse + check; the result must be a vector or scalar). Returns the
 * error-severity problems; empty means valid. When the parser is not available, returns [].
 */
export function checkExpr(text: string): ExprProblem[] {
  const parse = fn('parse');
  if (!parse) return [];
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (err) {
    const diags = asDiagnostics(err);
    if (diags.length) return diags.filter((d) => d.severity !== 'warning' && d.severity !== 'info');
    return [{ code: 'promql/parse', message: err instanceof Error ? err.message : String(err), line: 1, column: 1 }];
  }
  const problems = asDiagnostics(parsed).filter((d) => d.severity === undefined || d.severity === 'error');
  if (problems.length) return problems;
  const check = fn('check');
  const ast = parsed && typeof parsed === 'object' && 'expr' in parsed ? (parsed as { expr: unknown }).expr : parsed;
  if (check && ast) {
    const checked = asDiagnostics(check(ast, text)).filter((d) => d.severity === undefined || d.severity === 'error');
    if (checked.length) return checked;
  }
  return [];
}
