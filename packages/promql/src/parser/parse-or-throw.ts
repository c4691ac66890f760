import type { Expr } from '../ast.js';
import { PromQLSyntaxError } from '../errors.js';
import { parse, type ParseOptions } from './parser.js';

/** Parse or throw `PromQLSyntaxError` carrying the diagnostics (for input that must be valid). */
export function parseOrThrow(input: string, options?: ParseOptions): Expr {
  const { expr, diagnostics } = parse(input, options);
  if (!expr) throw new PromQLSyntaxError(input, diagnostics);
  return expr;
}
