import { metricTypeOf } from '../metric-metadata.js';
import type { LintCheck, RuleContext } from '../types.js';
import { matrixArg, metricName, some, walk } from '../walk.js';

const COUNTER_FUNCS = new Set(['rate', 'irate', 'increase', 'resets']);
/** Suffixes of counter-typed series (OpenMetrics/Prometheus naming): counters and histogram/summary parts. */
const COUNTER_SUFFIX = /(_total|_count|_sum|_bucket)$/;
/** Metadata types whose samples only go up (between resets): rate() is right for them. */
const MONOTONIC = new Set(['counter', 'histogram', 'summary']);

/** True when a recording rule's expression yields a per-second rate or a ratio (a gauge). */
function recordsGauge(source: RuleContext): boolean {
  if (!source.expr) return false;
  return some(
    source.expr,
    (n) =>
      (n.type === 'Call' && (n.func === 'rate' || n.func === 'irate')) || (n.type === 'BinaryExpr' && n.op === '/'),
  );
}

export const rateOnNonCounter: LintCheck = {
  info: {
    code: 'lint/rate-on-non-counter',
    severity: 'warning',
    description:
      "`rate`/`irate`/`increase` over a series that is not a counter: a gauge going down is read as a counter reset. A warning when metric metadata (`metricTypes`, `alertcraft lint --metadata`) or the pack's own recording rule says so; `info` when only the name suggests it (no `_total`, `_count`, `_sum` or `_bucket` suffix), since many exporters name counters without `_total`.",
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
      const fix = { message: n.func === 'increase' ? 'use delta() for a gauge' : 'use deriv() for a gauge' };
      const known = metricTypeOf(pack.options.metricTypes, name);
      if (known) {
        const monotonic = MONOTONIC.has(known.type) && (known.family === name || COUNTER_SUFFIX.test(name));
        if (monotonic) return;
        report({
          code: 'lint/rate-on-non-counter',
          field: 'expr',
          range: n.range,
          message: `${n.func}() over \`${name}\`, which the metric metadata types as ${known.type}${known.family === name ? '' : ` (family \`${known.family}\`)`}, not a counter: every decrease is read as a counter reset. Use deriv() or delta() for a gauge.`,
          fix,
        });
        return;
      }
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
        severity: 'info',
        message: `${n.func}() over \`${name}\`, which is not a counter by name (counters end in _total, histograms/summaries in _count/_sum/_bucket); no metric metadata says what it is, so this is a guess. If it is a gauge, every decrease is read as a counter reset: use deriv() or delta(). If it is a counter, pass its metadata (alertcraft lint --metadata FILE) or rename it with the _total suffix.`,
        fix,
      });
    });
  },
};
