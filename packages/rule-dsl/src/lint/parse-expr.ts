import * as promql from '@alertcraft/promql';
import type { Diagnostic, Expr, ValueType } from '@alertcraft/promql';

/**
 * The one place lint touches the PromQL parser: parse + type-check an expression, returning the
 * tree when it is valid and the parser's diagnostics (codes `promql/parse`, `promql/type`) otherwise.
 */
export interface ParsedExpr {
  expr: Expr | undefined;
  diagnostics: Diagnostic[];
  type: ValueType | undefined;
}

type AnyFn = (...args: unknown[]) => unknown;
const api = promql as unknown as Record<string, unknown>;
const fn = (name: string): AnyFn | undefined => (typeof api[name] === 'function' ? (api[name] as AnyFn) : undefined);

function diagnosticsOf(v: unknown): Diagnostic[] {
  if (Array.isArray(v)) return v as Diagnostic[];
  if (v && typeof v === 'object' && Array.isArray((v as { diagnostics?: unknown }).diagnostics)) return (v as { diagnostics: Diagnostic[] }).diagnostics;
  return [];
}

function isExpr(v: unknown): v is Expr {
  return !!v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string' && 'range' in (v as object);
}

export function parseExpr(source: string): ParsedExpr {
  const parse = fn('parse');
  if (!parse) {
    return {
      expr: undefined,
      type: undefined,
      diagnostics: [{ code: 'promql/unavailable', severity: 'info', message: 'the PromQL parser is not available in this build; expression checks skipped', range: { start: 0, end: 0 }, line: 1, column: 1 }],
    };
  }
  let parsed: unknown;
  try {
    parsed = parse(source);
  } catch (err) {
    const d = diagnosticsOf(err);
    return {
      expr: undefined,
      type: undefined,
      diagnostics: d.length ? d : [{ code: 'promql/parse', severity: 'error', message: err instanceof Error ? err.message : String(err), range: { start: 0, end: source.length }, line: 1, column: 1 }],
    };
  }
  const expr = isExpr(parsed) ? parsed : isExpr((parsed as { expr?: unknown })?.expr) ? (parsed as { expr: Expr }).expr : undefined;
  const diagnostics = diagnosticsOf(parsed).filter((d) => d.severity === 'error');
  if (!expr || diagnostics.length) return { expr: undefined, type: undefined, diagnostics };
  const check = fn('check');
  if (check) {
    const checked = diagnosticsOf(check(expr, source)).filter((d) => d.severity === 'error');
    if (checked.length) return { expr: undefined, type: undefined, diagnostics: checked };
  }
  const typeOf = fn('typeOf');
  const type = typeOf ? (typeOf(expr) as ValueType) : undefined;
  return { expr, type, diagnostics: [] };
}
