/**
 * The rule-file model (Prometheus' `rulefmt`): what a rule file holds, field names as in the YAML,
 * durations as Prometheus duration strings (`30s`, `1h30m`) as written. Rule evaluation, the
 * rule-file reader and `@alertcraft/rule-dsl` (which re-exports these) share these types.
 */

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup {
  name: string;
  /** Evaluation interval of the group (`1m`); the evaluation's default interval when absent. */
  interval?: string;
  limit?: number;
  query_offset?: string;
  rules: Rule[];
}

export interface RuleFile {
  groups: RuleGroup[];
}

export function isAlertingRule(rule: Rule): rule is AlertingRule {
  return 'alert' in rule;
}

export function isRecordingRule(rule: Rule): rule is RecordingRule {
  return 'record' in rule;
}

/** Earlier names of the model types, as rule evaluation calls them. */
export type AlertingRuleInput = AlertingRule;
export type RecordingRuleInput = RecordingRule;
export type RuleInput = Rule;
export type RuleGroupInput = RuleGroup;
export const isAlertingRuleInput = isAlertingRule;
