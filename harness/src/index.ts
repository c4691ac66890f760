// @alertcraft/harness: public API. Add exports by appending lines; keep them grouped by file.
export {};
export * from './ledger/index.js';
// scenario/: seeded launch scenarios with ground-truth incidents, OpenMetrics and exposition writers
export type { Phase, ScenarioSeries, IncidentKind, ExpectedAlert, Incident, PhaseWindow, Scenario } from './scenario/types.js';
export { PHASES, INCIDENT_KINDS } from './scenario/types.js';
export { createRng, hashString, seedOf, type Rng } from './scenario/prng.js';
export { launchCurve, type LaunchCurveOptions } from './scenario/shape.js';
export type { Plan, Topology, Tenant, TenantTier, Restart, ScrapeGap } from './scenario/plan.js';
export { DEFAULT_MAGNITUDE, EXPECTATIONS, resolveIncident, type IncidentSpec } from './scenario/incidents.js';
export { buildScenario, buildPlan, phaseWindows, DEFAULT_TOPOLOGY, FAMILIES, type ScenarioSpec, type ScenarioOptions } from './scenario/generate.js';
export { scenarios, getScenario, LAUNCH_WEEK_T0, type ScenarioEntry } from './scenario/registry.js';
export { writeOpenMetrics, writeOpenMetricsFile as writeScenarioOpenMetricsFile, seriesKey as openMetricsSeriesKey, escapeLabelValue, formatValue, type WriteStats, type WritableLike } from './scenario/openmetrics.js';
export { exposition, type ExpositionOptions } from './scenario/exposition.js';
export { ScenarioError } from './scenario/errors.js';
export { AETHER_METRICS } from './scenario/families/aether.js';
export { BUSINESS_METRICS } from './scenario/families/business.js';
export { MAESTRO_LATENCY_BUCKETS } from './scenario/families/maestro.js';
export { API_LATENCY_BUCKETS } from './scenario/families/api.js';
// kpi/: detection rate, false positives, time to detect, pages/day, noisiest alerts, flapping
export type { KpiInput, KpiOptions, Kpis, IncidentDetection, NoisyAlert, TimeWindow } from './kpi/types.js';
export { computeKpis } from './kpi/compute.js';
export { detectIncident, detectIncidents, detectionRate } from './kpi/detection.js';
export { falsePositives, isExplained, violatesQuiet, groundTruthWindow } from './kpi/false-positives.js';
export { pagesPerDay, noisiestAlerts, flappingCount, DEFAULT_PAGING_SEVERITIES } from './kpi/noise.js';
export { labelsCompatible, relevantExpectations, incidentsIn, firingIn } from './kpi/match.js';
export { quantile, mean } from './kpi/quantile.js';
// result/: the result JSON (alertcraft-result/v1)
export type { ResultDocument, ResultRun, ResultAlert, ResultIncident, ResultExpected, ResultKpis, ResultNoisyAlert } from './result/types.js';
export { RESULT_FORMAT } from './result/types.js';
export { buildRun, buildResult, timelineOf, rfc3339, fromRfc3339, type RunInput } from './result/build.js';
export { readResult, validateResult, stringifyResult, stableStringify } from './result/io.js';
export { RESULT_JSON_SCHEMA, validateSchema, type JsonSchema, type SchemaIssue } from './result/schema.js';
export { ResultFormatError } from './result/errors.js';
// report/: the self-contained HTML report
export { renderReport, runVerdict, type AlertSamples, type ReportOptions, type RunVerdict } from './report/render.js';
export { writeReport } from './report/write.js';
