import type { Expr } from '../ast.js';

/** The direct sub-expressions of a node, in source order (a range selector's vector selector included). */
export function childExprs(e: Expr): Expr[] {
  switch (e.type) {
    case 'MatrixSelector':
      return [e.vector];
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      return [e.expr];
    case 'BinaryExpr':
      return [e.lhs, e.rhs];
    case 'AggregateExpr':
      return e.param ? [e.param, e.expr] : [e.expr];
    case 'Call':
      return e.args;
    default:
      return [];
  }
}

/**
 * Visit every node depth-first, parents before children, with the chain of ancestors
 * (nearest last). Return `false` from `visit` to skip a node's children.
 */
export function walkExpr(root: Expr, visit: (node: Expr, ancestors: readonly Expr[]) => void | boolean): void {
  const ancestors: Expr[] = [];
  const go = (node: Expr): void => {
    if (visit(node, ancestors) === false) return;
    ancestors.push(node);
    for (const c of childExprs(node)) go(c);
    ancestors.pop();
  };
  go(root);
}
