/**
 * Plain Prometheus rule-file shapes, exactly what a rule file holds after rendering a pack for
 * one phase (and what `load()` returns for an existing file). Field names follow the YAML.
 * Durations are Prometheus duration strings (`30s`, `1h30m`), as in the file.
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
