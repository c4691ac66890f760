/**
 * Inhibit rules with the semantics of Alertmanager v0.27 `inhibit/inhibit.go`: an alert is muted
 * when it matches a rule's target matchers and some other alert that is firing at that instant
 * matches the source matchers and has the same values (absent = "") for every `equal` label.
 * When the muted alert also matches the source side, a source that matches the target side too
 * does not count, so an alert never inhibits itself (nor its like).
 */
import type { CompiledMatcher, Labels } from '@alertcraft/promql';
import type { InhibitRule } from '@alertcraft/rule-dsl';
import { compileAmMatchers, matchesAll } from '../routing.js';

export interface CompiledInhibitRule {
  index: number;
  source: CompiledMatcher[];
  target: CompiledMatcher[];
  equal: string[];
}

export function compileInhibitRules(rules: readonly InhibitRule[] | undefined): CompiledInhibitRule[] {
  return (rules ?? []).map((r, index) => ({
    index,
    source: compileAmMatchers(r.source_matchers, r.source_match, r.source_match_re, `inhibit_rules[${index}].source`),
    target: compileAmMatchers(r.target_matchers, r.target_match, r.target_match_re, `inhibit_rules[${index}].target`),
    equal: r.equal ?? [],
  }));
}

/**
 * The first firing alert matching the rule's source side whose `equal` labels agree with `labels`
 * (upstream's `InhibitRule.hasEqual`); with `excludeTwoSided`, sources that also match the target
 * side do not count.
 */
export function hasEqual(
  rule: CompiledInhibitRule,
  labels: Labels,
  firing: readonly Labels[],
  excludeTwoSided: boolean,
): Labels | undefined {
  for (const src of firing) {
    if (!matchesAll(rule.source, src)) continue;
    if (!rule.equal.every((n) => (src[n] ?? '') === (labels[n] ?? ''))) continue;
    if (excludeTwoSided && matchesAll(rule.target, src)) continue;
    return src;
  }
  return undefined;
}

/** The inhibiting alert and rule, or undefined when `labels` is not inhibited by any of `firing` (`Inhibitor.Mutes`). */
export function inhibitedBy(
  rules: readonly CompiledInhibitRule[],
  labels: Labels,
  firing: readonly Labels[],
): { rule: number; source: Labels } | undefined {
  for (const r of rules) {
    if (!matchesAll(r.target, labels)) continue;
    const source = hasEqual(r, labels, firing, matchesAll(r.source, labels));
    if (source) return { rule: r.index, source };
  }
  return undefined;
}
