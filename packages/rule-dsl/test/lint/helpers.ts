import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { LintDiagnostic } from '../../src/lint/types.js';
import type { RuleGroup } from '../../src/model.js';

export const SEEDS = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));

export function seedText(name: string): string {
  return readFileSync(`${SEEDS}${name}`, 'utf8');
}

export function seedGroups(name: string): RuleGroup[] {
  return (parseYaml(seedText(name)) as { groups: RuleGroup[] }).groups;
}

/** `code @ rule name` pairs of a lint result, for comparing with an expected list. */
export function pairs(groups: readonly RuleGroup[], diags: readonly LintDiagnostic[]): string[] {
  return diags
    .map((d) => {
      const m = /^groups\[(\d+)\]\.rules\[(\d+)\]/.exec(d.path);
      const rule = m ? groups[Number(m[1])]?.rules[Number(m[2])] : undefined;
      const name = rule ? ('alert' in rule ? rule.alert : rule.record) : d.path;
      return `${d.code} @ ${name}`;
    })
    .sort();
}

/** One-rule pack helper. */
export function alertGroup(rule: Record<string, unknown>, group: Partial<RuleGroup> = {}): RuleGroup[] {
  return [{ name: 'test', ...group, rules: [rule as never] }];
}
