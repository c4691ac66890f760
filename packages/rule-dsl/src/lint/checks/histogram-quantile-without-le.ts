import { labelInfo, lacksLabel } from '../label-sets.js';
import type { LintCheck } from '../types.js';
import { metricName, selectors, snippet, textOf, walk } from '../walk.js';

export const histogramQuantileWithoutLe: LintCheck = {
  info: {
    code: 'lint/histogram-quantile-without-le',
    severity: 'error',
    description:
      '`histogram_quantile` over classic `_bucket` series whose aggregation drops `le` (e.g. `sum by (job) (rate(x_bucket[5m]))`): no bucket boundaries are left and the result is empty.',
  },
  rule(ctx, _pack, report) {
    if (!ctx.expr) return;
    walk(ctx.expr, (n) => {
      if (n.type !== 'Call' || n.func !== 'histogram_quantile' || n.args.length < 2) return;
      const arg = n.args[1];
      // Native histograms need no `le`; only judge classic bucket series.
      if (!selectors(arg).some((s) => metricName(s)?.endsWith('_bucket'))) return;
      const info = labelInfo(arg);
      if (info.kind !== 'vector' || !lacksLabel(info, 'le')) return;
      report({
        code: 'lint/histogram-quantile-without-le',
        field: 'expr',
        range: arg.range,
        message: `histogram_quantile() over \`${snippet(textOf(ctx.source, arg))}\`, which no longer has the \`le\` label: classic histogram buckets are told apart by \`le\`, so the quantile returns nothing. Keep \`le\` in the aggregation, e.g. \`sum by (le, …) (…)\`.`,
        fix: { message: 'add `le` to the `by (...)` clause (or remove it from `without (...)`)' },
      });
    });
  },
};
