// @alertcraft/slo-math: public API. Add exports by appending lines; keep them grouped by file.
export { SloInputError } from './errors.js';
export { clean, promNumber } from './numbers.js';
export { positiveDuration, durationText, humanDuration } from './durations.js';
export { checkObjective, errorBudget, burnRate, budgetRemaining, budgetConsumed, timeToExhaustion } from './budget.js';
export {
  WORKBOOK_PERIOD_MS,
  WORKBOOK_TIERS,
  scaleWindow,
  burnTiers,
  tierProblem,
  checkTiers,
  tierThreshold,
  detectionTime,
  resetTime,
  windowTable,
} from './windows.js';
export type { BurnTier, TierOverride, TierOptions, TierRow } from './windows.js';
export { defineSlo } from './spec.js';
export type { EventSource, RatioSli, LatencySli, Sli, AlertingOptions, SloInput, SloSpec } from './spec.js';
export {
  RECORD,
  ABSENT_FOR,
  generateRules,
  sloGroups,
  errorRatioExpr,
  leForms,
  latencyGood,
  latencyTotal,
  sliSources,
  sloLabels,
  alertWindows,
  alertName,
  absentAlertName,
  tierAlertLabels,
  tierAnnotations,
  groupName,
} from './generate-rules.js';
export { absentAnnotations, absentLabels } from './generate-rules.js';
export type { SloGroupOptions } from './generate-rules.js';
export {
  generateUnitTests,
  emitUnitTests,
  tierTest,
  quietTest,
  absentTest,
  testInterval,
  testBurn,
} from './generate-tests.js';
export type { UnitTestFileData, UnitTestCase, AlertRuleTest, ExpAlert } from './generate-tests.js';
export { testSeriesFor, labelsMatching, counterValues, seriesText, EVENTS_PER_SAMPLE } from './test-series.js';
export type { TestSeries, TrafficPhase, Labels } from './test-series.js';
export { readSloFile } from './formats/read-spec.js';
export { fromSloth, SLOTH_VERSION } from './formats/sloth.js';
export { fromOpenSlo, OPENSLO_VERSIONS } from './formats/openslo.js';
