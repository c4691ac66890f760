// @alertcraft/rule-dsl: public API. Add exports by appending lines; keep them grouped by file.
export type { AlertingRule, RecordingRule, Rule, RuleGroup, RuleFile } from './model.js';
export { isAlertingRule, isRecordingRule } from './model.js';
export {
  RuleDslError,
  RuleExpressionError,
  MissingValuesError,
  RuleDslInputError,
  LoadError,
  CrdValidationError,
  MetricMetadataError,
} from './errors.js';
export type { MissingValue } from './errors.js';
export type { RuleDslDiagnostic } from './diagnostics.js';
export { isDuration, parseDuration, formatDuration, durationString } from './duration.js';
export type { DurationInput } from './duration.js';
export { formatNumber } from './number-format.js';
export { ValueRef, baseline, context, isValueRef, lookupRef } from './values.js';
export type { Baselines, Threshold, ValueOp, ValueSource, ValueScope } from './values.js';
export {
  PromQLExpr,
  promql,
  raw,
  ident,
  str,
  dur,
  quoteString,
  toExpr,
  isFragment,
  isMetricName,
  isLabelName,
} from './promql-template.js';
export type { PromQLFragment, PromQLInterpolation, ExprSegment } from './promql-template.js';
export { Selector, metric, selector, oneOf, not, re, notRe, escapeRegex } from './selectors.js';
export type { MatcherInput } from './selectors.js';
export {
  rate,
  irate,
  increase,
  overTime,
  absent,
  sum,
  avg,
  min,
  max,
  count,
  topk,
  quantile,
  histogramQuantile,
  binary,
  gt,
  ge,
  lt,
  le,
  eq,
  and,
  or,
  unless,
  div,
  mul,
  ratio,
} from './builders.js';
export type { Operand, Grouping, Matching } from './builders.js';
export { checkExpr, exprCheckAvailable } from './expr-check.js';
export type { ExprProblem } from './expr-check.js';
export {
  defineAlert,
  defineRecord,
  defineGroup,
  definePack,
  phaseForDay,
  phaseParams,
  exprText,
  assertValidExpr,
} from './pack.js';
export type {
  PhaseSpec,
  IncidentExpectation,
  CommonAlertParams,
  ParamBag,
  Resolved,
  PhaseInfo,
  ExprInput,
  AlertSpec,
  AlertDefinition,
  RecordSpec,
  RecordDefinition,
  RuleDefinition,
  GroupSpec,
  GroupDefinition,
  PackSpec,
  RulePack,
} from './pack.js';
export { render, renderAll } from './render.js';
export type { RenderContext } from './render.js';
export { trafficGuard, minVolumeGuard, tierGuard, allowList, zeroTrafficAlert, absentAlert } from './guards.js';
export type { TrafficGuardOptions } from './guards.js';
export { lint } from './lint/lint.js';
export { lintFile } from './lint/lint-file.js';
export { LINT_CHECKS } from './lint/check-list.js';
export { readRuleSource } from './lint/yaml-source.js';
export { metricTypesFromMetadata, metricTypeOf } from './lint/metric-metadata.js';
export type { MetricType, MetricTypes } from './lint/metric-metadata.js';
export type { LintDiagnostic, LintOptions, LintCheckInfo, Locator } from './lint/types.js';
export type { RuleSource } from './lint/yaml-source.js';
export { emitRuleFile, stableYaml, orderedRule, orderedGroup } from './emit/rule-file.js';
export { toPrometheusRule, emitPrometheusRule } from './emit/prometheus-rule.js';
export type { IPrometheusRule, PrometheusRuleOptions } from './emit/prometheus-rule.js';
export { loadRuleFile, parseRuleFile } from './load/rule-file.js';
export type { LoadRulesOptions, ParsedRuleFile } from './load/rule-file.js';
export type {
  AlertmanagerConfig,
  GlobalConfig,
  Route,
  Receiver,
  WebhookConfig,
  PagerdutyConfig,
  SlackConfig,
  EmailConfig,
  InhibitRule,
  TimeInterval,
  TimeIntervalSet,
  TimeRange,
  HttpConfig,
} from './alertmanager/config.js';
export { matcher, matchers, parseMatcher, matchersFromLegacy } from './alertmanager/matchers.js';
export type { AmMatchOp, ParsedMatcher } from './alertmanager/matchers.js';
export { validateAlertmanagerConfig } from './alertmanager/validate.js';
export { MONTHS as ALERTMANAGER_MONTHS, WEEKDAYS as ALERTMANAGER_WEEKDAYS } from './alertmanager/time-intervals.js';
export { emitAlertmanagerConfig, orderedAlertmanagerConfig } from './alertmanager/emit.js';
export { loadAlertmanagerConfig, parseAlertmanagerConfig } from './alertmanager/load.js';
export type { ParsedAlertmanagerConfig } from './alertmanager/load.js';
export {
  SILENCES_API_PATH,
  SilenceBuilder,
  silence,
  silenceAll,
  silenceMatcherMatchesEmpty,
  isRfc3339,
  formatRfc3339,
  toMillis,
} from './silences/silence.js';
export type { SilenceMatcher, SilencePayload, TimeInput } from './silences/silence.js';
export { validateSilence } from './silences/validate.js';
export { isCompound } from './promql-template.js';
export { loadPrometheusRule, parsePrometheusRule } from './load/prometheus-rule.js';
export type { LoadedPrometheusRule } from './load/prometheus-rule.js';
