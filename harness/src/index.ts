export * from './ledger/index.js';
// scenario/: seeded launch scenarios with ground-truth incidents, the exposition writer (live mode)
export type {
  Phase,
  ScenarioSeries,
  IncidentKind,
  ExpectedAlert,
  Incident,
  PhaseWindow,
  Scenario,
} from './scenario/types.js';
export { PHASES, INCIDENT_KINDS } from './scenario/types.js';
export { createRng, hashString, seedOf, type Rng } from './scenario/prng.js';
export { launchCurve, type LaunchCurveOptions } from './scenario/shape.js';
export type { Plan, Topology, Tenant, TenantTier, Restart, ScrapeGap } from './scenario/plan.js';
export { DEFAULT_MAGNITUDE, EXPECTATIONS, resolveIncident, type IncidentSpec } from './scenario/incidents.js';
export {
  buildScenario,
  buildPlan,
  phaseWindows,
  windowForDays,
  DEFAULT_TOPOLOGY,
  FAMILIES,
  type ScenarioSpec,
  type ScenarioOptions,
} from './scenario/generate.js';
export { scenarios, getScenario, LAUNCH_WEEK_T0, type ScenarioEntry } from './scenario/registry.js';
export { exposition, type ExpositionOptions } from './scenario/exposition.js';
export { ScenarioError } from './scenario/errors.js';
export { AETHER_METRICS } from './scenario/families/aether.js';
export { BUSINESS_METRICS } from './scenario/families/business.js';
export { MAESTRO_LATENCY_BUCKETS } from './scenario/families/maestro.js';
export { API_LATENCY_BUCKETS } from './scenario/families/api.js';
// openmetrics/: the one OpenMetrics writer (scenario files, backtest blocks), series keys and value text
export {
  writeOpenMetrics,
  writeOpenMetricsFile,
  writeOpenMetricsBlocks,
  PROMTOOL_BLOCK_MS,
  type OpenMetricsOptions,
  type OpenMetricsStats,
  type OpenMetricsFiles,
  type WritableLike,
} from './openmetrics/write-openmetrics.js';
export { seriesKey as openMetricsSeriesKey, escapeLabelValue, formatValue } from './openmetrics/series-key.js';
export { OpenMetricsError } from './openmetrics/errors.js';
// result/: the result JSON (alertcraft-result/v2)
export type {
  ResultDocument,
  ResultRun,
  ResultAlert,
  ResultIncident,
  ResultExpected,
  ResultKpis,
  ResultNoisyAlert,
  ResultVerdict,
} from './result/types.js';
export { alertCounts, documentVerdict, type AlertCounts } from './result/verdict.js';
export { toolVersion } from './version.js';
export { RESULT_FORMAT } from './result/types.js';
export { buildRun, buildResult, timelineOf, rfc3339, fromRfc3339, type RunInput } from './result/build.js';
export { readResult, validateResult, stringifyResult, stableStringify } from './result/io.js';
export { RESULT_JSON_SCHEMA, validateSchema, type JsonSchema, type SchemaIssue } from './result/schema.js';
export { ResultFormatError } from './result/errors.js';
// report/: the self-contained HTML report
export { renderReport, runVerdict, type AlertSamples, type ReportOptions, type RunVerdict } from './report/render.js';
export { writeReport } from './report/write.js';
export { notificationsOfRun, type RunNotifications } from './report/notifications.js';
export { incidentSamples, incidentSamplesForReplay, splitThreshold } from './report/incident-samples.js';
export { flaggedPanels, interpolate, previewDashboard } from './report/dashboard-preview.js';
export type {
  DashboardPreview,
  PanelPreview,
  PanelPreviewStatus,
  PreviewOptions,
  PreviewSeries,
} from './report/dashboard-preview.js';
export { dashboardPreviewsHtml } from './report/dashboard-preview-html.js';
export { packDashboards, previewsForReplay, replayDashboardPreviews } from './report/replay-previews.js';
// runtime/: one runtime interface (embedded, local, testcontainers), process/container handles, the backtest path
export type {
  RuntimeKind,
  RuntimeVersions,
  RuntimeOptions,
  BacktestInput,
  BacktestResult,
  RuleSamples,
  RuntimeWarning,
  Runtime,
  RuntimeStarter,
} from './runtime/types.js';
export { RUNTIME_KINDS } from './runtime/types.js';
export { startRuntime } from './runtime/start-runtime.js';
export {
  RuntimeError,
  BinaryNotFoundError,
  ProcessStartError,
  RuntimeInputError,
  ContainerEngineUnavailableError,
} from './runtime/errors.js';
export { startEmbeddedRuntime, EmbeddedRuntime } from './runtime/embedded.js';
export { startLocalRuntime, LocalRuntime, LocalBacktestBackend } from './runtime/local.js';
export {
  startTestcontainersRuntime,
  TestcontainersRuntime,
  ContainerBacktestBackend,
} from './runtime/testcontainers.js';
export {
  PrometheusProcess,
  StartedPrometheusProcess,
  type PrometheusProcessOptions,
} from './runtime/prometheus-process.js';
export {
  AlertmanagerProcess,
  StartedAlertmanagerProcess,
  type AlertmanagerProcessOptions,
} from './runtime/alertmanager-process.js';
export { PrometheusContainer, type StartedPrometheusContainer } from './runtime/prometheus-container.js';
export { AlertmanagerContainer, type StartedAlertmanagerContainer } from './runtime/alertmanager-container.js';
export { StartedServerContainer } from './runtime/started-container.js';
export { ContainerRun, RUN_LABEL } from './runtime/container-run.js';
export {
  PINNED_IMAGES,
  probeContainerEngine,
  imageVersion,
  imageEnvVar,
  resolveImages,
  type EngineProbe,
} from './runtime/container-engine.js';
export {
  runBacktest,
  recordedLabels,
  compareTimelineAlerts,
  DEFAULT_EVAL_INTERVAL_MS,
  type BacktestBackend,
  type BacktestServer,
  type BacktestOptions,
} from './runtime/backtest.js';
export { planRules, referencedNames, type PlannedRule } from './runtime/rule-plan.js';
export { findBinary, binaryVersion, BINARY_NAMES, INSTALL_HINTS, type ToolName } from './runtime/binaries.js';
export { freePort } from './runtime/ports.js';
export { liveEntries } from './runtime/process-registry.js';
export { waitForHttpReady, type ReadyOutcome, type WaitReadyOptions } from './runtime/readiness.js';
export { runPromtool, createBlocksFromOpenMetrics, type PromtoolRun } from './runtime/promtool.js';
export { queryRangeChunked, MAX_STEPS_PER_QUERY } from './runtime/query-range.js';
export {
  prometheusArgs,
  alertmanagerArgs,
  DEFAULT_LOOKBACK_DELTA_MS,
  BACKTEST_RETENTION,
} from './runtime/server-args.js';
// clients/: Prometheus HTTP API and Alertmanager v2 API clients (injected fetch)
export {
  PrometheusClient,
  type PrometheusClientOptions,
  type ApiRuleGroup,
  type ApiAlert,
  type BuildInfo,
  DEFAULT_PROMETHEUS_RETRY,
  type ChunkedRangeOptions,
  type RangeChunkProgress,
  type MetricMetadata,
  type TimeRange,
} from './clients/prometheus-client.js';
export type { HttpAuth, RetryPolicy, HttpClientOptions } from './clients/http.js';
export {
  AlertmanagerClient,
  type AlertmanagerClientOptions,
  type Matcher,
  type PostableSilence,
  type GettableSilence,
  type PostableAlert,
  type GettableAlert,
  type GetAlertsFilter,
  type AlertmanagerStatus,
  type ScrapedSample,
} from './clients/alertmanager-client.js';
export { ClientError, UnreachableError, ApiError } from './clients/errors.js';
// packs: the seed rule packs and their types (harness/packs/), and their registry (pack-registry/)
export type { SeedPack, PackSilence, SilenceOptions, Correction, AlertmanagerOptions } from '../packs/types.js';
export { webhookReceiver, DEFAULT_WEBHOOK_BASE_URL } from '../packs/types.js';
export {
  seedPacks,
  packNames,
  getPack,
  phaseIds,
  resolvePhase,
  exampleInputs,
  usesInputs,
  parseBaselines,
  renderPhase,
  ruleCounts,
  packSummary,
  type AnySeedPack,
  type PackInputs,
} from './pack-registry/registry.js';
export { PackError } from './pack-registry/errors.js';
export type { ServiceHandle } from './runtime/types.js';
export { clipSeries } from './scenario/clip.js';
export * from './assert/index.js';
export * from './replay/index.js';
// live/: live mode (exporter in compressed time, real Prometheus + Alertmanager, webhook → Postgres ledger)
export * from './live/index.js';
// devdiag/: the DevDiag schema (seed 004) as migrations, its SQL health checks and CI guardrails
export * from './devdiag/index.js';
// timelines/: noise timelines read from the Postgres ledger or Prometheus' ALERTS history (readTimelines)
export * from './timelines/index.js';
