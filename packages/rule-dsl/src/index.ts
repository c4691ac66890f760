// @alertcraft/rule-dsl: public API. Add exports by appending lines; keep them grouped by file.
export type { AlertingRule, RecordingRule, Rule, RuleGroup, RuleFile } from './model.js';
export { isAlertingRule, isRecordingRule } from './model.js';
