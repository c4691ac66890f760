import { labelInfo, lacksLabel } from '../label-sets.js';
import { pinsOneBucket } from '../pinned-bucket.js';
import type { LintCheck } from '../types.js';
import { metricName, numberValue, selectors, snippet, textOf, unparen, walk } from '../walk.js';

export const bucketSumAcrossLe: LintCheck = {
  info: {
    code: 'lint/bucket-sum-across-le',
    severity: 'warning',
    description:
      'An aggregation that adds classic histogram `_bucket` series across `le` outside `histogram_quantile` (e.g. `sum(rate(x_bucket[1h]))` as a denominator): buckets are cumulative, so the sum counts each observation many times; use `x_count` or `le="+Inf"`. A selector whose `le` matcher pins one bucket (`le="1"`, `le=~"1(\\.0)?"`) is not a sum across buckets.',
  },
  rule(ctx, _pack, report) {
    if (!ctx.expr) return;
    walk(ctx.expr, (n, ancestors) => {
      if (
        n.type !== 'AggregateExpr' ||
        n.op === 'topk' ||
        n.op === 'bottomk' ||
        n.op === 'limitk' ||
        n.op === 'limit_ratio'
      )
        return;
      if (ancestors.some((a) => a.type === 'Call' && a.func.startsWith('histogram_'))) return;
      // `sum(rate(x_bucket[5m])) > 0` as a traffic guard: over-counting cannot change a test against zero.
      const parent = [...ancestors].reverse().find((a) => a.type !== 'ParenExpr');
      // The right side of `and`/`unless` only filters by label set: its values are never read.
      if (parent?.type === 'BinaryExpr' && (parent.op === 'and' || parent.op === 'unless') && unparen(parent.rhs) === n)
        return;
      if (
        parent?.type === 'BinaryExpr' &&
        ['>', '!=', '=='].includes(parent.op) &&
        numberValue(unparen(parent.rhs) === n || parent.rhs === n ? parent.lhs : parent.rhs) === 0
      )
        return;
      const out = labelInfo(n);
      if (out.kind !== 'vector' || !lacksLabel(out, 'le')) return;
      const buckets = selectors(n.expr).filter((s) => metricName(s)?.endsWith('_bucket') && !pinsOneBucket(s));
      if (buckets.length === 0) return;
      const name = metricName(buckets[0]) ?? '';
      report({
        code: 'lint/bucket-sum-across-le',
        field: 'expr',
        range: n.range,
        message: `\`${snippet(textOf(ctx.source, n))}\` adds \`${name}\` series of all \`le\` buckets together; classic buckets are cumulative, so every observation is counted once per bucket above it. For the total count use \`${name.replace(/_bucket$/, '_count')}\` or \`${name}{le="+Inf"}\`.`,
        fix: { message: `use ${name.replace(/_bucket$/, '_count')}` },
      });
    });
  },
};
