import {
  childExprs,
  walkExpr,
  type Call,
  type Expr,
  type MatrixSelector,
  type VectorSelector,
} from '@alertcraft/promql';

/** Direct sub-expressions of a node, in source order (promql's `childExprs`). */
export const children = childExprs;

/** Depth-first pre-order walk; `ancestors` is the chain from the root to the node's parent. */
export function walk(root: Expr, visit: (node: Expr, ancestors: readonly Expr[]) => void): void {
  walkExpr(root, (node, ancestors) => {
    visit(node, ancestors);
  });
}

/** True when some node under (and including) `root` satisfies `pred`. */
export function some(root: Expr, pred: (node: Expr) => boolean): boolean {
  if (pred(root)) return true;
  for (const c of children(root)) if (some(c, pred)) return true;
  return false;
}

/** Strips parentheses. */
export function unparen(e: Expr): Expr {
  let cur = e;
  while (cur.type === 'ParenExpr') cur = cur.expr;
  return cur;
}

/** The number a node denotes when it is a literal, possibly parenthesised or negated. */
export function numberValue(e: Expr): number | undefined {
  const u = unparen(e);
  if (u.type === 'NumberLiteral') return u.value;
  if (u.type === 'UnaryExpr') {
    const v = numberValue(u.expr);
    return v === undefined ? undefined : u.op === '-' ? -v : v;
  }
  return undefined;
}

/** True when the node is a number literal expression or an arithmetic of number literals. */
export function isConstant(e: Expr): boolean {
  const u = unparen(e);
  if (u.type === 'NumberLiteral') return true;
  if (u.type === 'UnaryExpr') return isConstant(u.expr);
  if (u.type === 'BinaryExpr') return isConstant(u.lhs) && isConstant(u.rhs);
  return false;
}

/** All vector selectors under `root` (including those inside matrix selectors). */
export function selectors(root: Expr): VectorSelector[] {
  const out: VectorSelector[] = [];
  walk(root, (n) => {
    if (n.type === 'VectorSelector') out.push(n);
  });
  return out;
}

/** Metric name of a selector: the written name or an `__name__="x"` matcher. */
export function metricName(sel: VectorSelector): string | undefined {
  if (sel.name) return sel.name;
  const m = sel.matchers.find((x) => x.name === '__name__' && x.op === '=');
  return m?.value;
}

/** The matrix selector argument of a range-vector function call, if written directly. */
export function matrixArg(call: Call): MatrixSelector | undefined {
  for (const a of call.args) {
    const u = unparen(a);
    if (u.type === 'MatrixSelector') return u;
  }
  return undefined;
}

/** Text of a node in the expression source. */
export function textOf(source: string, e: Expr): string {
  return source.slice(e.range.start, e.range.end);
}

/** Expression text for a message: whitespace collapsed, cut to `max` characters. */
export function snippet(text: string, max = 90): string {
  const one = text
    .replace(/\s*#[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')')
    .trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}
