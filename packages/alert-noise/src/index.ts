// @alertcraft/alert-noise: public API.
export { AlertNoiseError } from './errors.js';
export { matchRoutes, receiversFor, ROUTE_DEFAULTS, type MatchedRoute } from './routing.js';
// kpi/: detection rate, false positives, time to detect, pages per day, noisiest alerts, flapping
export type { TimeWindow, ExpectedAlert, GroundTruthIncident, KpiInput, KpiOptions, Kpis, IncidentDetection, NoisyAlert } from './kpi/types.js';
export { computeKpis } from './kpi/compute.js';
export { detectIncident, detectIncidents, detectionRate } from './kpi/detection.js';
export { falsePositives, isExplained, violatesQuiet, groundTruthWindow, concernsPack } from './kpi/false-positives.js';
export { pagesPerDay, noisiestAlerts, flappingCount, DEFAULT_PAGING_SEVERITIES } from './kpi/noise.js';
export { labelsCompatible, relevantExpectations, incidentsIn, firingIn, firingSpan, overlaps, alertIdentity } from './kpi/match.js';
