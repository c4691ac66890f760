import { formatDuration, tryParseDuration } from '@alertcraft/promql';
import type { LintCheck } from '../types.js';

export const invalidDuration: LintCheck = {
  info: {
    code: 'lint/invalid-duration',
    severity: 'error',
    description:
      '`for`, `keep_firing_for` or a group `interval` that is not a Prometheus duration (e.g. `5m`, `1h30m`): Prometheus refuses to load the file.',
  },
  rule(ctx, _pack, report) {
    if (!ctx.alerting) return;
    const rule = ctx.rule as { for?: string; keep_firing_for?: string };
    for (const field of ['for', 'keep_firing_for'] as const) {
      const v = rule[field];
      if (v !== undefined && tryParseDuration(String(v)) === undefined) {
        report({
          code: 'lint/invalid-duration',
          field,
          message: `\`${field}: ${v}\` is not a Prometheus duration; write e.g. \`5m\` or \`1h30m\` (units y w d h m s ms).`,
        });
      }
    }
  },
};

export const forShorterThanInterval: LintCheck = {
  info: {
    code: 'lint/for-shorter-than-interval',
    severity: 'warning',
    description:
      '`for` shorter than the group evaluation interval: the alert can only change state once per evaluation, so the effective `for` is the interval.',
  },
  rule(ctx, _pack, report) {
    if (!ctx.alerting) return;
    const f = (ctx.rule as { for?: string }).for;
    const ms = f === undefined ? undefined : tryParseDuration(String(f));
    if (ms === undefined || ms === 0 || ms >= ctx.groupIntervalMs) return;
    report({
      code: 'lint/for-shorter-than-interval',
      field: 'for',
      message: `\`for: ${f}\` is shorter than the group's evaluation interval (${formatDuration(ctx.groupIntervalMs)}): the rule is only evaluated every ${formatDuration(ctx.groupIntervalMs)}, so it behaves like \`for: ${formatDuration(ctx.groupIntervalMs)}\`. Set \`for\` to at least the interval, or shorten the group interval.`,
      fix: { message: `set for: ${formatDuration(ctx.groupIntervalMs)}` },
    });
  },
};

export const pagingWithoutFor: LintCheck = {
  info: {
    code: 'lint/paging-without-for',
    severity: 'warning',
    description:
      'A paging alert (severity page/critical) with no `for`: a single bad evaluation (one scrape gap, one spike) pages a human.',
  },
  rule(ctx, _pack, report) {
    if (!ctx.alerting || !ctx.paging) return;
    const f = (ctx.rule as { for?: string }).for;
    const ms = f === undefined ? 0 : tryParseDuration(String(f));
    if (ms !== 0) return;
    report({
      code: 'lint/paging-without-for',
      field: f === undefined ? 'alert' : 'for',
      message: `paging alert has no \`for\`: it pages on the first evaluation where the condition holds, so one spike or scrape gap wakes someone up. Add \`for\` of a few evaluation intervals (e.g. \`for: ${formatDuration(Math.max(2 * ctx.groupIntervalMs, 120_000))}\`).`,
    });
  },
};
