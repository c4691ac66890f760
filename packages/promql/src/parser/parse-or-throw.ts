import type { Expr } from '../ast.js';
import { check } from '../check/check.js';
import { PromQLSyntaxError } from '../errors.js';
import { parse, type ParseOptions } from './parser.js';

/**
 * Parse and type-check like Prometheus's `parser.ParseExpr` (which rejects type errors as parse
 * errors), or throw `PromQLSyntaxError` carrying the diagnostics. For input that must be valid.
 */
export function parseOrThrow(input: string, options?: ParseOptions): Expr {
  const { expr, diagnostics } = parse(input, options);
  if (!expr) throw new PromQLSyntaxError(input, diagnostics);
  const problems = check(expr, input, options);
  if (problems.length > 0) throw new PromQLSyntaxError(input, problems);
  return expr;
}
