import type { LintCheck, RuleContext } from '../types.js';
import { matrixArg, metricName, some, walk } from '../walk.js';

const COUNTER_FUNCS = new Set(['rate', 'irate', 'increase', 'resets']);
/** Suffixes of counter-typed series (OpenMetrics/Prometheus naming): counters and histogram/summary parts. */
const COUNTER_SUFFIX = /(_total|_count|_sum|_bucket)$/;

/** True when a recording rule's expression yields a per-second rate or a ratio (a gauge). */
function recordsGauge(source: RuleContext): boolean {
  if (!source.expr) return false;
  return some(source.expr, (n) => (n.type === 'Call' && (n.func === 'rate' || n.func === 'irate')) || (n.type === 'BinaryExpr' && n.op === '/'));
}

export const rateOnNonCounter: LintCheck = {
  info: {
    code: 'lint/rate-on-non-counter',
    severity: 'warning',
    description: '`rate`/`irate`/`increase` over a series that is not a counter by name (no `_total`, `_count`, `_sum` or `_bucket` suffix): a gauge going down is read as a counter reset.',
  },
  rule(ctx, pack, report) {
    if (!ctx.expr) return;
    walk(ctx.expr, (n, ancestors) => {
      if (n.type !== 'Call' || !COUNTER_FUNCS.has(n.func)) return;
      // Under histogram_quantile() & co. an unsuffixed series is a native histogram, which rate() handles.
      if (ancestors.some((a) => a.type === 'Call' && a.func.startsWith('histogram_'))) return;
      const m = matrixArg(n);
      if (!m) return;
      const name = metricName(m.vector);
      if (!name) return;
      if (name.includes(':')) {
        // A recorded series: judge by the rule that records it, when it is in the pack.
        const rec = pack.recorded.get(name);
        if (!rec || !recordsGauge(rec)) return;
        report({
          code: 'lint/rate-on-non-counter',
          field: 'expr',
          range: n.range,
          message: `${n.func}() over \`${name}\`, which rule ${rec.path} records as a rate or ratio (a gauge), not a counter. Apply ${n.func}() to the raw counter before recording, or use the recorded series directly (avg_over_time for a smoother value).`,
        });
        return;
      }
      if (COUNTER_SUFFIX.test(name)) return;
      report({
        code: 'lint/rate-on-non-counter',
        field: 'expr',
        range: n.range,
        message: `${n.func}() over \`${name}\`, which is not a counter by name (counters end in _total, histograms/summaries in _count/_sum/_bucket). On a gauge every decrease is read as a counter reset. For a gauge use deriv() or delta(); if it is a counter, rename it with the _total suffix.`,
        fix: { message: n.func === 'increase' ? 'use delta() for a gauge' : 'use deriv() for a gauge' },
      });
    });
  },
};
