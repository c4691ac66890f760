// @alertcraft/alert-noise: public API.
export { AlertNoiseError } from './errors.js';
export { matchRoutes, receiversFor, routeTreeLines, ROUTE_DEFAULTS, type MatchedRoute } from './routing.js';
// kpi/: detection rate, false positives, time to detect, pages per day, noisiest alerts, flapping
export type {
  TimeWindow,
  ExpectedAlert,
  GroundTruthIncident,
  KpiInput,
  KpiOptions,
  Kpis,
  IncidentDetection,
  NoisyAlert,
} from './kpi/types.js';
export { computeKpis } from './kpi/compute.js';
export { detectIncident, detectIncidents, detectionRate } from './kpi/detection.js';
export { falsePositives, isExplained, violatesQuiet, groundTruthWindow, concernsPack } from './kpi/false-positives.js';
export { pagesPerDay, noisiestAlerts, flappingCount, DEFAULT_PAGING_SEVERITIES } from './kpi/noise.js';
export {
  labelsCompatible,
  relevantExpectations,
  incidentsIn,
  firingIn,
  firingSpan,
  overlaps,
  alertIdentity,
} from './kpi/match.js';
// am/: the Alertmanager v0.27 notification simulator
export { compileAmMatchers, matchesAll, matchersString } from './routing.js';
export { simulateAlertmanager, alertsFromTimeline } from './am/simulate.js';
export type {
  SimAlert,
  NotifiedAlert,
  Notification,
  Suppression,
  SimulateOptions,
  SimulationResult,
} from './am/simulate.js';
export { compileInhibitRules, hasEqual, inhibitedBy, type CompiledInhibitRule } from './am/inhibit.js';
export { compileSilences, silencedBy, type SimSilence, type CompiledSilence } from './am/silences.js';
export {
  compileTimeInterval,
  compileTimeIntervals,
  containsTime,
  inAnyInterval,
  checkTimeZone,
  type CompiledTimeInterval,
} from './am/time-intervals.js';
export { needsUpdate, type LogEntry } from './am/dedup.js';
export {
  compareNotifications,
  formatNotificationComparison,
  type ComparableNotification,
  type NotificationComparison,
  type NotificationPair,
} from './am/compare.js';
export { alertsWithin } from './am/simulate.js';
export { parseAmTestFile, runAmTests, formatAmTestFailures, AmTestFileError } from './am/test-file.js';
export type {
  AmTestFile,
  AmTestCase,
  AmTestFailure,
  RouteCase,
  InhibitCase,
  IntervalCase,
  ExpectedNotification,
} from './am/test-file.js';
export {
  percentStateChange,
  nagiosFlapping,
  firingStates,
  NAGIOS_HISTORY,
  type NagiosFlapOptions,
  type NagiosFlapResult,
} from './nagios-flapping.js';
// timeline.ts: the one input of the noise measures (from a replay, the ledger or Prometheus' ALERTS)
export type { NoiseTimeline, TimelineNotification, TimelineSource } from './timeline.js';
export { timelineFromAlertsSeries, type AlertsSeriesOptions } from './alerts-series.js';
// measures/: every noise measure of a timeline, seed 000's scorecard, noise budgets
export { measureNoise, type NoiseMeasures, type NoiseOptions, type FlappingIdentity } from './measures/measure.js';
export { timesToResolve, incidentMinutes, shareResolvedUnder } from './measures/durations.js';
export { coFiring, duplicatePairs, type CoFiringPair, type CoFiringOptions } from './measures/co-firing.js';
export { pageLoad, isPage, type PageLoad, type PageOptions } from './measures/pages.js';
export { fatigueScore, FATIGUE_WEIGHTS, SHIFT_PAGE_LIMIT, type FatigueInput } from './measures/fatigue.js';
export {
  kpiScorecard,
  SEED_000_TARGETS,
  type KpiTarget,
  type PhaseTargets,
  type ScorecardRow,
} from './measures/scorecard.js';
export {
  checkBudget,
  budgetFromTargets,
  DEFAULT_NOISE_BUDGET,
  type NoiseBudget,
  type BudgetMeasures,
  type BudgetBreach,
} from './measures/budget.js';
// recommend/: tuning recommendations as data, and applying them to a rule file and Alertmanager config
export type { Recommendation, RecommendationKind } from './recommend/types.js';
export { recommend, formatDuration, type RecommendInput } from './recommend/recommend.js';
export { applyRecommendations, type Tuned } from './recommend/apply.js';
