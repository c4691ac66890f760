import { labelInfo, lacksLabel } from '../label-sets.js';
import type { LintCheck, RuleContext } from '../types.js';

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {}).sort();
  const kb = Object.keys(b ?? {}).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a?.[k] === b?.[k]);
}

/** True when the two expressions provably return series with different label names (one has a label the other cannot have). */
function distinctSeries(a: RuleContext, b: RuleContext, targetLabels: readonly string[]): boolean {
  if (!a.expr || !b.expr) return false;
  const ia = labelInfo(a.expr, targetLabels);
  const ib = labelInfo(b.expr, targetLabels);
  if (ia.kind !== 'vector' || ib.kind !== 'vector') return false;
  for (const l of ia.present) if (lacksLabel(ib, l)) return true;
  for (const l of ib.present) if (lacksLabel(ia, l)) return true;
  return false;
}

export const duplicateAlertName: LintCheck = {
  info: {
    code: 'lint/duplicate-alert-name',
    severity: 'warning',
    description:
      'Two alerting rules with the same name and the same label set (equal static labels, and expressions not provably returning different label names): their alerts cannot be told apart, so notifications, silences and inhibitions mix them up. A warning/critical pair with different labels is not reported (Prometheus allows it and it is the usual tiering).',
  },
  pack(pack, report) {
    const byName = new Map<string, RuleContext[]>();
    for (const ctx of pack.rules) {
      if (!ctx.alerting) continue;
      const name = (ctx.rule as { alert: string }).alert;
      const earlier = byName.get(name) ?? [];
      const first = earlier.find(
        (e) => sameLabels(e.rule.labels, ctx.rule.labels) && !distinctSeries(e, ctx, pack.options.targetLabels),
      );
      if (first) {
        report(ctx, {
          code: 'lint/duplicate-alert-name',
          field: 'alert',
          message: `alert \`${name}\` is also defined at ${first.path} with the same static labels, and nothing shows the two expressions return different series; notifications, silences and inhibitions cannot tell the two apart. Rename one, give each a distinguishing label, or merge the expressions with \`or\`.`,
          related: [{ path: `${first.path}.alert`, message: 'first definition' }],
        });
      }
      earlier.push(ctx);
      byName.set(name, earlier);
    }
  },
};
