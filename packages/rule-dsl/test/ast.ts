import { parse, type Expr } from '@alertcraft/promql';

/** Parse with the project's PromQL parser and drop source ranges, so two spellings of one expression compare equal. */
export function ast(text: string): unknown {
  const res = parse(text);
  if (!res.expr) throw new Error(`does not parse: ${text}: ${res.diagnostics.map((d) => d.message).join('; ')}`);
  return strip(res.expr);
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'range' && x && typeof x === 'object' && 'start' in x) continue;
      out[k] = strip(x);
    }
    // A parenthesised expression means the same as its content.
    if ((v as Expr).type === 'ParenExpr') return out.expr;
    return out;
  }
  return v;
}
