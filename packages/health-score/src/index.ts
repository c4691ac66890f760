// @alertcraft/health-score: public API. Add exports by appending lines; keep them grouped by file.
export { HealthScoreError } from './errors.js';
export { normalize, validateNormalizer, clamp01 } from './normalize.js';
export type { Normalizer, Step } from './normalize.js';
export { validateSpec, WEIGHT_SUM_TOLERANCE } from './spec.js';
export type {
  HealthScoreSpec,
  WeightedScoreSpec,
  PenaltyScoreSpec,
  WeightedComponent,
  PenaltyComponent,
  ComponentBase,
  MissingPolicy,
} from './spec.js';
export { computeScore } from './compute.js';
export type { Readings, ScoreResult, ComponentResult } from './compute.js';
export { healthScoreRules, healthScoreExpr, healthScoreRecordNames, normalizerExpr } from './emit.js';
export type { HealthScoreRulesOptions } from './emit.js';
export { evaluateScoreOverSeries, instantValue, DEFAULT_LOOKBACK_MS } from './series.js';
export type { SeriesEvalOptions, ScoreSeries } from './series.js';
export { createGrader, gradeSeries, TRAFFIC_LIGHT_GRADES } from './grades.js';
export type { Grade, GradeOptions, Grader } from './grades.js';
export { explainChange } from './explain.js';
export type { ScoreChange, ComponentChange } from './explain.js';
export {
  aetherlinkHealthSpec,
  maestroPenaltySpec,
  executiveErrorSpec,
  apdexSpec,
  apdex,
  AETHERLINK_ORIGINAL_WEIGHTS,
} from './presets.js';
export {
  queryFunction,
  runSqlCheck,
  runSqlChecks,
  applyThreshold,
  summarizeChecks,
  numericCell,
  DEFAULT_CHECK_TIMEOUT_MS,
} from './sql-checks.js';
export type {
  QueryFn,
  Queryable,
  SqlCheck,
  CheckResult,
  CheckOutcome,
  CheckStatus,
  ThresholdRule,
} from './sql-checks.js';
