import type { LintCheck } from '../types.js';

/** Template references to the sample value: `$value`, `.Value`, `humanize $value` and friends. */
const VALUE_REF = /\$value\b|\.Value\b/;

export const valueInLabels: LintCheck = {
  info: {
    code: 'lint/value-in-labels',
    severity: 'error',
    description:
      "`$value` (or `{{ $value }}`) in a label: labels are the alert's identity, so it becomes a new alert every evaluation and never fires after `for`.",
  },
  rule(ctx, _pack, report) {
    if (!ctx.alerting) return;
    const labels = ctx.rule.labels ?? {};
    for (const [k, v] of Object.entries(labels)) {
      if (typeof v === 'string' && VALUE_REF.test(v)) {
        report({
          code: 'lint/value-in-labels',
          field: `labels.${k}`,
          message: `label \`${k}\` uses the sample value (${JSON.stringify(v)}); labels identify the alert, so every new value starts a new pending alert and \`for\` never completes. Move it to an annotation (annotations may use {{ $value }}).`,
          fix: { message: `move \`${k}\` to annotations` },
        });
      }
    }
  },
};

export const missingSummary: LintCheck = {
  info: {
    code: 'lint/missing-summary',
    severity: 'warning',
    description:
      'A paging alert without a `summary` (or the older `message`) annotation: the page says nothing about what is wrong.',
  },
  rule(ctx, _pack, report) {
    if (!ctx.alerting || !ctx.paging) return;
    const ann = (ctx.rule as { annotations?: Record<string, string> }).annotations;
    // `message` is the older mixin convention for the same one-line text (kube-prometheus, cortex).
    if (ann && [ann.summary, ann.message].some((v) => typeof v === 'string' && v.trim() !== '')) return;
    report({
      code: 'lint/missing-summary',
      field: ann ? 'annotations' : 'alert',
      message:
        'paging alert has no `summary` annotation; add a one-line summary of what is broken (templates like {{ $labels.job }} are fine).',
    });
  },
};

export const missingRunbook: LintCheck = {
  info: {
    code: 'lint/missing-runbook',
    severity: 'warning',
    description:
      'A paging alert without a runbook link (`runbook_url` or `runbook` annotation): the person paged has nowhere to start.',
  },
  rule(ctx, _pack, report) {
    if (!ctx.alerting || !ctx.paging) return;
    const ann = (ctx.rule as { annotations?: Record<string, string> }).annotations;
    const link = ann?.runbook_url ?? ann?.runbook;
    if (typeof link === 'string' && link.trim() !== '') return;
    report({
      code: 'lint/missing-runbook',
      field: ann ? 'annotations' : 'alert',
      message: 'paging alert has no runbook link; add a `runbook_url` annotation pointing at the steps to take.',
    });
  },
};
