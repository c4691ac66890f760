import type { Expr } from '../ast.js';
import type { Diagnostic } from '../diagnostics.js';
import { parse, type ParseOptions } from '../parser/parser.js';
import { check } from './check.js';

export interface ParseAndCheckResult {
  /** The syntax tree, present when it parsed (it may still have type errors: see diagnostics). */
  expr?: Expr;
  /** Parse errors, or else type errors: exactly what Prometheus reports for the expression. */
  diagnostics: Diagnostic[];
  /** True when there is no error: Prometheus would accept the expression. */
  ok: boolean;
}

/** Parse and type-check like `promql/parser.ParseExpr` (type checks only run when parsing succeeded). */
export function parseAndCheck(input: string, options: ParseOptions = {}): ParseAndCheckResult {
  const parsed = parse(input, options);
  if (!parsed.expr) return { diagnostics: parsed.diagnostics, ok: false };
  const diagnostics = check(parsed.expr, input, options);
  return { expr: parsed.expr, diagnostics, ok: diagnostics.length === 0 };
}
