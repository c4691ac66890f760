/**
 * Plain Prometheus rule-file shapes, exactly what a rule file holds after rendering a pack for
 * one phase (and what `loadRuleFile()` returns for an existing file). They are the rule-file model
 * of `@alertcraft/promql` (one model for every reader and writer of rule files), re-exported.
 */
export type { AlertingRule, RecordingRule, Rule, RuleGroup, RuleFile } from '@alertcraft/promql';
export { isAlertingRule, isRecordingRule } from '@alertcraft/promql';
