// @alertcraft/promql: public API. Add exports by appending lines; keep them grouped by file.
export type * from './ast.js';
export type { Diagnostic, Severity } from './diagnostics.js';
export { lineColumn } from './diagnostics.js';
export { PromQLError, PromQLSyntaxError, PromQLEvalError } from './errors.js';
export type * from './values.js';
export { STALE_NAN_BITS } from './values.js';
// rules/: alert state machine (usable on per-evaluation vectors, no storage needed) and rule-group evaluation
export { createAlertStateMachine, alertTimelineFromVectors, RESOLVED_RETENTION_MS } from './rules/alert-state.js';
export type { AlertingRuleInput, AlertStateOptions, ActiveAlert, AlertStepResult, AlertStateMachine, AlertEvaluation, AlertTimelineResult } from './rules/alert-state.js';
export type { RecordingRuleInput, RuleInput, RuleGroupInput } from './rules/types.js';
export { isAlertingRuleInput } from './rules/types.js';
export { evaluateRuleGroups } from './rules/evaluate-groups.js';
export type { RuleEngine, RuleEvalInfo, RuleEvalError, EvaluateGroupsOptions, EvaluateGroupsResult } from './rules/evaluate-groups.js';
export { parsePromDuration, tryParsePromDuration } from './rules/duration.js';
export { labelsString, compareLabels, labelsKey, normalizeLabels } from './rules/labels.js';
// template/: Go text/template subset for alert labels and annotations
export { expandTemplate, expandAlertTemplate, alertTemplateData } from './template/expand.js';
export type { TemplateResult, ExpandOptions, AlertTemplateInput } from './template/expand.js';
export type { TemplateQueryFunc } from './template/functions.js';
export { formatFloat, formatGoFloat, goDurationString, promDurationString } from './template/go-format.js';
// PromQL front end: parse, functions, durations (h1-parse)
export { parse } from './parser/parser.js';
export type { ParseOptions, ParseResult } from './parser/parser.js';
export { parseOrThrow } from './parser/parse-or-throw.js';
export { getFunction, FUNCTIONS, FUNCTIONS_NEWER_THAN_2_42 } from './functions.js';
export type { FunctionSignature } from './functions.js';
export { parseDuration, formatDuration } from './duration.js';
export { check, matchesEmpty } from './check/check.js';
export type { CheckOptions } from './check/check.js';
export { typeOf, documentedType } from './check/type-of.js';
export { parseAndCheck } from './check/parse-and-check.js';
export type { ParseAndCheckResult } from './check/parse-and-check.js';
export { format, formatNumber } from './format.js';
