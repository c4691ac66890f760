/**
 * Applies recommendations to a rule file and an Alertmanager configuration: pure, returning new
 * objects (the inputs are not changed).
 */
import type { AlertmanagerConfig, AlertingRule, Route, RuleFile } from '@alertcraft/rule-dsl';
import { isAlertingRule } from '@alertcraft/rule-dsl';
import { AlertNoiseError } from '../errors.js';
import type { Recommendation } from './types.js';

export interface Tuned {
  rules: RuleFile;
  alertmanager?: AlertmanagerConfig;
}

function replaceThreshold(expr: string, to: number): string {
  return expr.replace(/>\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/s, `> ${to}`);
}

function routeAt(root: Route, path: readonly number[]): Route {
  let r = root;
  for (const i of path) {
    const next = r.routes?.[i];
    if (!next) throw new AlertNoiseError('alert-noise/bad-route-path', `no route at path ${path.join('.')}`);
    r = next;
  }
  return r;
}

export function applyRecommendations(tuned: Tuned, recs: readonly Recommendation[]): Tuned {
  const rules: RuleFile = structuredClone(tuned.rules);
  const am = tuned.alertmanager ? structuredClone(tuned.alertmanager) : undefined;
  const each = (name: string, f: (r: AlertingRule) => void) => {
    for (const g of rules.groups) for (const r of g.rules) if (isAlertingRule(r) && r.alert === name) f(r);
  };
  for (const rec of recs) {
    switch (rec.kind) {
      case 'raise-for':
        each(rec.alert, (r) => (r.for = rec.to));
        break;
      case 'keep-firing-for':
        each(rec.alert, (r) => (r.keep_firing_for = rec.to));
        break;
      case 'raise-threshold':
        each(rec.alert, (r) => (r.expr = replaceThreshold(r.expr, rec.to)));
        break;
      case 'traffic-guard':
        each(rec.alert, (r) => (r.expr = `(${r.expr}) and on() (${rec.guard})`));
        break;
      case 'merge-duplicate':
        for (const g of rules.groups) g.rules = g.rules.filter((r) => !(isAlertingRule(r) && r.alert === rec.drop));
        break;
      case 'downgrade-to-ticket':
        each(rec.alert, (r) => (r.labels = { ...r.labels, severity: 'ticket' }));
        break;
      case 'inhibit':
        if (am)
          am.inhibit_rules = [
            ...(am.inhibit_rules ?? []),
            {
              source_matchers: [`alertname="${rec.source}"`],
              target_matchers: [`alertname="${rec.target}"`],
              ...(rec.equal.length ? { equal: [...rec.equal] } : {}),
            },
          ];
        break;
      case 'group-by':
        if (am) routeAt(am.route, rec.route).group_by = [...rec.to];
        break;
    }
  }
  return am ? { rules, alertmanager: am } : { rules };
}
