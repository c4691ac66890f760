// @alertcraft/promql: public API (seeded generators for tests are in ./testing.ts, `@alertcraft/promql/testing`). Add exports by appending lines; keep them grouped by file.
export type * from './ast.js';
export type { Diagnostic, Severity } from './diagnostics.js';
export { lineColumn } from './diagnostics.js';
export { PromQLError, PromQLSyntaxError, PromQLEvalError, RuleFileError } from './errors.js';
export type { FileProblem } from './errors.js';
export type * from './values.js';
export { STALE_NAN_BITS } from './values.js';
// rules/: alert state machine (usable on per-evaluation vectors, no storage needed) and rule-group evaluation
export { createAlertStateMachine, alertTimelineFromVectors, RESOLVED_RETENTION_MS } from './rules/alert-state.js';
export type {
  AlertingRuleInput,
  AlertStateOptions,
  ActiveAlert,
  AlertStepResult,
  AlertStateMachine,
  AlertEvaluation,
  AlertTimelineResult,
} from './rules/alert-state.js';
export type {
  AlertingRule,
  RecordingRule,
  Rule,
  RuleGroup,
  RuleFile,
  RecordingRuleInput,
  RuleInput,
  RuleGroupInput,
} from './rules/types.js';
export { isAlertingRule, isRecordingRule, isAlertingRuleInput } from './rules/types.js';
export { evaluateRuleGroups } from './rules/evaluate-groups.js';
export type {
  RuleEngine,
  RuleEvalInfo,
  RuleEvalError,
  EvaluateGroupsOptions,
  EvaluateGroupsResult,
} from './rules/evaluate-groups.js';
export { labelsString, compareLabels, labelsKey, normalizeLabels } from './labels.js';
// template/: Go text/template subset for alert labels and annotations
export { expandTemplate, expandAlertTemplate, alertTemplateData, checkAlertTemplate } from './template/expand.js';
export type { TemplateResult, ExpandOptions, AlertTemplateInput, AlertTemplateCheck } from './template/expand.js';
export type { TemplateQueryFunc } from './template/functions.js';
export { formatFloat, formatGoFloat } from './template/go-format.js';
// PromQL front end: parse, functions, durations (h1-parse)
export { parse } from './parser/parser.js';
export type { ParseOptions, ParseResult } from './parser/parser.js';
export { parseOrThrow } from './parser/parse-or-throw.js';
export { getFunction, FUNCTIONS, FUNCTIONS_NEWER_THAN_2_42 } from './functions.js';
export type { FunctionSignature } from './functions.js';
export { parseDuration, tryParseDuration, isDuration, formatDuration, goDurationString } from './duration.js';
export { check, matchesEmpty } from './check/check.js';
export type { CheckOptions } from './check/check.js';
export { typeOf, documentedType } from './check/type-of.js';
export { parseAndCheck } from './check/parse-and-check.js';
export type { ParseAndCheckResult } from './check/parse-and-check.js';
export { format } from './format.js';
// rules/ + unittest/: rule files, evaluateRules on the embedded engine, promtool-compatible unit tests
export { evaluateRules, storageRuleEngine, ruleVector } from './rules/evaluate.js';
export type { EvaluateRulesOptions } from './rules/evaluate.js';
export { parseRuleFile, loadRuleFile, readRuleFile } from './rules/rule-file.js';
export type { LoadedRuleFile, RuleFileProblem, RuleFileOptions } from './rules/rule-file.js';
export { readRuleFileYaml } from './rules/rule-file-yaml.js';
export type { RuleFileYaml, RuleGroupsSection } from './rules/rule-file-yaml.js';
export { readYaml, YamlReader } from './yaml/reader.js';
export type {
  ReadYamlOptions,
  YamlSource,
  YamlPosition,
  YamlProblem,
  YamlSyntaxError,
  YamlErrorFactory,
} from './yaml/reader.js';
export {
  runUnitTests,
  runUnitTestFile,
  runTestGroup,
  formatUnitTestOutput,
  PROMTOOL_MAX_SAMPLES,
} from './unittest/run.js';
export type { RunUnitTestsOptions, RunUnitTestsResult, FileResult, GroupResult } from './unittest/run.js';
export { loadUnitTestFile, parseUnitTestFile, UnitTestFileError } from './unittest/load.js';
export type * from './unittest/model.js';
// storage/, loaders and the embedded evaluation engine (h2-engine)
export { createStorage, OutOfOrderSampleError } from './storage/memory-storage.js';
export type { Storage, StoredSeries } from './storage/memory-storage.js';
export { STALE_NAN, isStaleNaN } from './storage/stale.js';
export { compileMatcher } from './storage/matchers.js';
export type { CompiledMatcher } from './storage/matchers.js';
export { compileRe2Matcher, re2SyntaxError, clearRe2Cache, Re2SyntaxError } from './re2.js';
export type { Re2Matcher, Re2Options, Re2Dialect } from './re2.js';
export {
  parseSeriesDescription,
  expandSeriesValues,
  loadSeriesDescriptions,
  appendSequence,
  InputSeriesError,
  NativeHistogramUnsupportedError,
  MAX_SERIES_STEPS,
} from './input-series.js';
export type { SeriesDescription, SeriesSequence } from './input-series.js';
export { parseExposition, loadExposition, ExpositionError } from './exposition/parse-exposition.js';
export type { ExpositionOptions, ExpositionFormat } from './exposition/parse-exposition.js';
export {
  instantQuery,
  rangeQuery,
  runInstantQuery,
  runRangeQuery,
  DEFAULT_LOOKBACK_DELTA_MS,
  DEFAULT_MAX_SAMPLES,
  MAX_STEPS,
} from './eval/query.js';
export { TOO_MANY_SAMPLES } from './eval/sample-budget.js';
export type { EngineQueryOptions, QueryOptions, QueryResult } from './eval/query.js';
// promqltest/: upstream promqltest-format conformance runner
export { parsePromqlTestFile, PromqlTestFileError } from './promqltest/parse-test-file.js';
export type { PromqlTestParseOptions } from './promqltest/parse-test-file.js';
export { DEFAULT_LOAD_LIMITS, LoadLimitError } from './load-limits.js';
export type { LoadLimits } from './load-limits.js';
export { DEFAULT_MAX_FILE_BYTES, FileTooLargeError, readFileBounded } from './read-bounded.js';
export type { PromqlTestFile, TestCommand, EvalCommand, LoadCommand } from './promqltest/parse-test-file.js';
export { runPromqlTestFile, PROMQLTEST_MAX_SAMPLES } from './promqltest/run-test-file.js';
export type { CaseResult, CaseStatus, FileRunResult, RunPromqlTestOptions } from './promqltest/run-test-file.js';
export { prometheusGroupOffsetNs } from './rules/group-offset.js';
export { walkExpr, childExprs } from './check/walk.js';
export type { ObservedAlerts } from './unittest/run.js';
export { evaluateRulesRange } from './rules/evaluate-range.js';
export type { EvaluateRulesRangeResult, RangeFallback } from './rules/evaluate-range.js';
export type { EvaluateRulesRangeOptions } from './rules/evaluate-range.js';
