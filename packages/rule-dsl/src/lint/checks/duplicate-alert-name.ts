import type { LintCheck, RuleContext } from '../types.js';

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {}).sort();
  const kb = Object.keys(b ?? {}).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a?.[k] === b?.[k]);
}

export const duplicateAlertName: LintCheck = {
  info: {
    code: 'lint/duplicate-alert-name',
    severity: 'warning',
    description: 'The same alert name in two rules of the pack (both paths reported). Prometheus allows it when the label sets differ (e.g. a warning/critical pair), but routing, silences and inhibitions by alertname then hit both.',
  },
  pack(pack, report) {
    const seen = new Map<string, RuleContext>();
    for (const ctx of pack.rules) {
      if (!ctx.alerting) continue;
      const name = (ctx.rule as { alert: string }).alert;
      const first = seen.get(name);
      if (!first) {
        seen.set(name, ctx);
        continue;
      }
      const same = sameLabels(first.rule.labels, ctx.rule.labels);
      report(ctx, {
        code: 'lint/duplicate-alert-name',
        field: 'alert',
        message: same
          ? `alert \`${name}\` is also defined at ${first.path} with the same static labels; notifications, silences and inhibitions cannot tell the two apart. Rename one, or merge the expressions with \`or\`.`
          : `alert \`${name}\` is also defined at ${first.path}, with different static labels (Prometheus allows this); silences, inhibitions and routes that match only on alertname hit both, so make sure they are meant to share the name.`,
        related: [{ path: `${first.path}.alert`, message: 'first definition' }],
      });
    }
  },
};
