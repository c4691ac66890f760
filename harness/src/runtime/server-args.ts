/**
 * Command-line arguments of the servers, shared by the `local` runtime (paths on this machine)
 * and the `testcontainers` runtime (paths inside the container).
 */

/** Prometheus' own default `--query.lookback-delta`. */
export const DEFAULT_LOOKBACK_DELTA_MS = 300_000;

/**
 * Retention long enough that no backfilled block is ever deleted. Prometheus applies time
 * retention relative to the newest block, and caps it at 100y.
 */
export const BACKTEST_RETENTION = '100y';

export interface PrometheusArgsSpec {
  configFile: string;
  dataDir: string;
  /** `host:port` to listen on. */
  listenAddress: string;
  lookbackDeltaMs?: number;
  retention?: string;
  extraArgs?: readonly string[];
}

/** Milliseconds → a Prometheus duration flag value (`300000` → `300s`, `1500` → `1500ms`). */
export function durationFlag(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

export function prometheusArgs(spec: PrometheusArgsSpec): string[] {
  return [
    `--config.file=${spec.configFile}`,
    `--storage.tsdb.path=${spec.dataDir}`,
    `--storage.tsdb.retention.time=${spec.retention ?? BACKTEST_RETENTION}`,
    `--web.listen-address=${spec.listenAddress}`,
    `--query.lookback-delta=${durationFlag(spec.lookbackDeltaMs ?? DEFAULT_LOOKBACK_DELTA_MS)}`,
    ...(spec.extraArgs ?? []),
  ];
}

export interface AlertmanagerArgsSpec {
  configFile: string;
  storagePath: string;
  listenAddress: string;
  extraArgs?: readonly string[];
}

/** Clustering is disabled (`--cluster.listen-address=` empty): one standalone Alertmanager. */
export function alertmanagerArgs(spec: AlertmanagerArgsSpec): string[] {
  return [
    `--config.file=${spec.configFile}`,
    `--storage.path=${spec.storagePath}`,
    `--web.listen-address=${spec.listenAddress}`,
    '--cluster.listen-address=',
    ...(spec.extraArgs ?? []),
  ];
}

/** A Prometheus configuration that scrapes nothing and evaluates no rules. */
export const EMPTY_PROMETHEUS_CONFIG = 'global: {}\n';

/**
 * Backtest configuration: nothing scraped, no rules loaded; `evaluation_interval` set to the
 * backtest's default interval because Prometheus uses it as the step of subqueries written
 * without one (`x[1h:]`), as the embedded engine does with the same value.
 */
export function backtestPrometheusConfig(evaluationIntervalMs: number): string {
  return `global:\n  evaluation_interval: ${durationFlag(evaluationIntervalMs)}\n`;
}

/** An Alertmanager configuration with one receiver that notifies nobody. */
export const NULL_ALERTMANAGER_CONFIG = 'route:\n  receiver: "null"\nreceivers:\n  - name: "null"\n';
