import type { BinaryExpr } from '@alertcraft/promql';
import { describeLabels, labelInfo, mismatchedLabels } from '../label-sets.js';
import type { LintCheck } from '../types.js';
import { snippet, textOf, walk } from '../walk.js';

function suggestion(source: string, e: BinaryExpr, lhsOnly: string[], rhsOnly: string[]): string | undefined {
  // Only suggest for operations written without a matching clause.
  if (e.matching && (e.matching.on || e.matching.labels.length > 0 || e.matching.include.length > 0)) return undefined;
  if (lhsOnly.length > 0 && rhsOnly.length > 0) return undefined;
  const lhs = textOf(source, e.lhs);
  const rhs = textOf(source, e.rhs);
  const extra = lhsOnly.length > 0 ? lhsOnly : rhsOnly;
  if (e.op === 'and' || e.op === 'unless') return `${lhs} ${e.op} ignoring(${extra.join(', ')}) ${rhs}`;
  const group = lhsOnly.length > 0 ? 'group_left' : 'group_right';
  // `group_left (` would read the parenthesis as the label list: write `group_left()` then.
  return `${lhs} ${e.op}${e.returnBool ? ' bool' : ''} ignoring(${extra.join(', ')}) ${group}${rhs.startsWith('(') ? '()' : ''} ${rhs}`;
}

export const vectorMatchImpossible: LintCheck = {
  info: {
    code: 'lint/vector-match-impossible',
    severity: 'error',
    description:
      'A vector/vector operation whose sides can never match (e.g. `sum by (tenant) (x) / sum(x)`: {tenant} vs {}), so it always returns nothing (`unless`: never removes anything); use `ignoring(...)`/`on(...)` with `group_left`.',
  },
  rule(ctx, pack, report) {
    if (!ctx.expr) return;
    walk(ctx.expr, (n) => {
      if (n.type !== 'BinaryExpr') return;
      const mm = mismatchedLabels(n, pack.options.targetLabels);
      if (!mm) return;
      const parts: string[] = [];
      if (mm.lhsOnly.length) parts.push(`${mm.lhsOnly.map((l) => `\`${l}\``).join(', ')} only on the left`);
      if (mm.rhsOnly.length) parts.push(`${mm.rhsOnly.map((l) => `\`${l}\``).join(', ')} only on the right`);
      const clause = n.matching?.on
        ? `on(${n.matching.labels.join(', ')})`
        : n.matching?.labels.length
          ? `ignoring(${n.matching.labels.join(', ')})`
          : 'no on()/ignoring()';
      const replacement = suggestion(ctx.source, n, mm.lhsOnly, mm.rhsOnly);
      report({
        code: 'lint/vector-match-impossible',
        field: 'expr',
        range: n.range,
        message: `\`${n.op}\` can never match: the left side has labels ${describeLabels(labelInfo(n.lhs, pack.options.targetLabels))}, the right side ${describeLabels(labelInfo(n.rhs, pack.options.targetLabels))} (${parts.join('; ')}), and with ${clause} series only match when those labels are equal, so ${n.op === 'unless' ? '`unless` never removes anything' : 'the result is always empty'}. ${replacement ? `Match on the common labels, e.g. \`${snippet(replacement, 160)}\`.` : 'Add on(...)/ignoring(...) with group_left/group_right.'}`,
        fix: replacement ? { message: 'ignore the extra labels and match many-to-one', replacement } : undefined,
      });
    });
  },
};
