import type { Expr } from '@alertcraft/promql';
import type { LintCheck } from '../types.js';
import { isConstant, numberValue, snippet, textOf, unparen, walk } from '../walk.js';

/** "…/min", "per minute", "a minute", "rpm"-style wording in a human text. */
const PER_MINUTE = /(\/\s*min(ute)?s?\b)|(\bper\s+min(ute)?\b)|(\ba\s+minute\b)|(\brpm\b)/i;
const COMPARISONS = new Set(['>', '<', '>=', '<=', '==', '!=']);

/**
 * True when `e` yields a per-second rate: rate()/irate()/deriv() possibly under aggregations,
 * parentheses or additions, and not rescaled by a constant factor.
 */
function perSecond(e: Expr): boolean {
  const u = unparen(e);
  switch (u.type) {
    case 'Call':
      return u.func === 'rate' || u.func === 'irate' || u.func === 'deriv';
    case 'AggregateExpr':
      return u.op !== 'count' && u.op !== 'count_values' && u.op !== 'group' && perSecond(u.expr);
    case 'BinaryExpr':
      if (u.op === '+' || u.op === '-') return perSecond(u.lhs) || perSecond(u.rhs);
      // `rate(x) * 60`, `rate(x) / y`: rescaled or a ratio, not a bare per-second value.
      return false;
    default:
      return false;
  }
}

export const perSecondVsPerMinute: LintCheck = {
  info: {
    code: 'lint/per-second-vs-per-minute',
    severity: 'warning',
    description:
      'A per-second `rate()` compared with a threshold that the summary/description states per minute (e.g. `rate(x[1m]) > 2` for "> $2/min"): the alert is 60× off.',
  },
  rule(ctx, _pack, report) {
    if (!ctx.expr || !ctx.alerting) return;
    const ann = (ctx.rule as { annotations?: Record<string, string> }).annotations ?? {};
    const textKey = ['summary', 'description', 'message'].find(
      (k) => typeof ann[k] === 'string' && PER_MINUTE.test(ann[k]),
    );
    if (!textKey) return;
    walk(ctx.expr, (n) => {
      if (n.type !== 'BinaryExpr' || !COMPARISONS.has(n.op)) return;
      const [rateSide, threshold] = isConstant(n.rhs)
        ? [n.lhs, n.rhs]
        : isConstant(n.lhs)
          ? [n.rhs, n.lhs]
          : [undefined, undefined];
      if (!rateSide || !threshold || !perSecond(rateSide)) return;
      const t = textOf(ctx.source, threshold);
      const v = numberValue(threshold);
      report({
        code: 'lint/per-second-vs-per-minute',
        field: 'expr',
        range: threshold.range,
        message: `\`${snippet(textOf(ctx.source, rateSide))}\` is per second, but annotation \`${textKey}\` ("${ann[textKey]}") states the threshold per minute: \`${t}\` per second is ${v === undefined ? '60×' : `${v * 60}`} per minute. Divide the threshold by 60 (or multiply the rate by 60).`,
        fix: { message: 'state the threshold per second', replacement: `${t} / 60` },
      });
    });
  },
};
