import { formatDuration } from '@alertcraft/promql';
import type { LintCheck } from '../types.js';
import { matrixArg, textOf, walk } from '../walk.js';

/** Functions that extrapolate over the samples in the window: want ≥ 4 scrapes. */
const RATE_LIKE = new Set(['rate', 'increase', 'delta', 'deriv', 'predict_linear']);
/** Functions that use the last two samples: want ≥ 2 scrapes (plus one of slack for a missed scrape). */
const INSTANT_RATE = new Set(['irate', 'idelta']);

export const rangeTooShort: LintCheck = {
  info: {
    code: 'lint/range-too-short',
    severity: 'warning',
    description:
      'A `rate`/`increase`/`delta`/`deriv` range shorter than 4× the scrape interval (`irate`/`idelta`: 3×): one missed scrape leaves too few samples and the result is empty or jumpy.',
  },
  rule(ctx, pack, report) {
    if (!ctx.expr) return;
    const scrape = pack.options.scrapeIntervalMs;
    walk(ctx.expr, (n) => {
      if (n.type !== 'Call') return;
      const factor = RATE_LIKE.has(n.func) ? 4 : INSTANT_RATE.has(n.func) ? 3 : 0;
      if (factor === 0) return;
      const m = matrixArg(n);
      if (!m || m.rangeMs >= factor * scrape) return;
      const want = formatDuration(factor * scrape);
      const text = textOf(ctx.source, m);
      report({
        code: 'lint/range-too-short',
        field: 'expr',
        range: m.range,
        message: `${n.func}() over [${formatDuration(m.rangeMs)}] sees about ${Math.floor(m.rangeMs / scrape)} samples at a ${formatDuration(scrape)} scrape interval; use at least ${factor}× the scrape interval ([${want}]) so a missed scrape or jitter does not empty the result.`,
        fix: { message: `widen the range to [${want}]`, replacement: text.replace(/\[[^\]]*\]\s*$/, `[${want}]`) },
      });
    });
  },
};
