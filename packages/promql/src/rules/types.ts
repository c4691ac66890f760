/**
 * The rule-group input shape rule evaluation accepts: structurally compatible with rule-dsl's
 * `RuleGroup` (field names as in the Prometheus rule-file YAML; durations as duration strings).
 */
import type { AlertingRuleInput } from './alert-state.js';

export interface RecordingRuleInput {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export type RuleInput = AlertingRuleInput | RecordingRuleInput;

export interface RuleGroupInput {
  name: string;
  /** Evaluation interval of the group (`1m`); the evaluation's default interval when absent. */
  interval?: string;
  limit?: number;
  query_offset?: string;
  rules: RuleInput[];
}

export function isAlertingRuleInput(rule: RuleInput): rule is AlertingRuleInput {
  return 'alert' in rule;
}
