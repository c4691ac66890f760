import { checkAlertTemplate } from '@alertcraft/promql';
import type { LintCheck } from '../types.js';

export const templateParse: LintCheck = {
  info: {
    code: 'lint/template-parse',
    severity: 'error',
    description:
      'An alert label or annotation template that does not parse as a Prometheus alert template (Go text/template with `$labels`, `$externalLabels`, `$externalURL` and `$value` defined): an undefined variable such as `$label`, an unknown function, an unclosed action. `promtool check rules` rejects the file and Prometheus refuses to load it.',
  },
  rule(ctx, _pack, report) {
    if (!ctx.alerting) return;
    const alertname = (ctx.rule as { alert: string }).alert;
    const annotations = (ctx.rule as { annotations?: Record<string, string> }).annotations;
    for (const [kind, map] of [
      ['labels', ctx.rule.labels],
      ['annotations', annotations],
    ] as const) {
      for (const [key, value] of Object.entries(map ?? {})) {
        if (typeof value !== 'string') continue;
        const res = checkAlertTemplate(value, alertname);
        if (res.ok || res.unsupported) continue;
        report({
          code: 'lint/template-parse',
          field: `${kind}.${key}`,
          range: { start: res.offset, end: res.offset + 1 },
          message: `${kind === 'labels' ? 'label' : 'annotation'} \`${key}\` is not a valid alert template: ${res.message}. Prometheus defines $labels, $externalLabels, $externalURL and $value (e.g. {{ $labels.instance }}); promtool check rules rejects this file.`,
        });
      }
    }
  },
};
