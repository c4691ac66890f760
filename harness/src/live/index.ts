export {
  runLive,
  formatLiveSummary,
  livePrometheusConfig,
  DEFAULT_DATABASE_URL,
  LIVE_SCRAPE_INTERVAL_MS,
} from './run-live.js';
export type {
  LiveOptions,
  LiveResult,
  LiveProgress,
  LiveStarted,
  LiveWindow,
  LiveAlertSeen,
  LiveSilenceResult,
  LiveNotificationCounts,
} from './run-live.js';
export {
  scaleExpr,
  scaleRuleFile,
  scaleAlertmanagerConfig,
  scaleDuration,
  scaleMs,
  ALERTMANAGER_TIMER_DEFAULTS,
} from './time-scale.js';
export type { TimeScaleOptions, TimeScaleWarning, ScaledRuleFile } from './time-scale.js';
export { liveClock, type LiveClock } from './clock.js';
export { startExporter, type ExporterOptions, type StartedExporter } from './exporter.js';
export type { LiveServer } from './servers.js';
export type { LiveRuntimeKind } from './types.js';
export { withWebhookAuthorization } from './webhook-auth.js';
export { LiveError, LiveRunError } from './errors.js';
