/**
 * The runtime interface: one shape, three implementations (`embedded`, `local`, `testcontainers`).
 * Everything that crosses it is plain typed data (DESIGN.md "Runtimes (harness)").
 *
 * ```ts
 * await using rt = await startRuntime('local');
 * const { alerts } = await rt.backtest({ series, rules, start, end, evalIntervalMs: 30_000 });
 * ```
 */
import type { Labels, SeriesData, TimelineAlert } from '@alertcraft/promql';
import type { RuleGroup } from '@alertcraft/rule-dsl';
import type { AlertmanagerClient } from '../clients/alertmanager-client.js';
import type { PrometheusClient } from '../clients/prometheus-client.js';

export type RuntimeKind = 'embedded' | 'local' | 'testcontainers';

export const RUNTIME_KINDS: readonly RuntimeKind[] = ['embedded', 'local', 'testcontainers'];

/** Versions of what actually runs (e.g. `{ prometheus: '2.42.0', promtool: '2.42.0' }`). */
export interface RuntimeVersions {
  /** The in-process engine (embedded runtime): `@alertcraft/promql@x`. */
  engine?: string;
  prometheus?: string;
  promtool?: string;
  alertmanager?: string;
  grafana?: string;
  postgres?: string;
}

export interface RuntimeOptions {
  /** Abort start-up or a running backtest. */
  signal?: AbortSignal;
  /** Progress/diagnostic lines (e.g. "prometheus ready at http://127.0.0.1:41233 in 812 ms"). */
  log?: (line: string) => void;
  /** Readiness timeout for each server the runtime starts; default 30 s (local), 120 s (containers). */
  startupTimeoutMs?: number;
  /**
   * `local` only: explicit binary paths instead of a PATH lookup
   * (`{ prometheus: '/opt/prom/prometheus' }`).
   */
  binaries?: Partial<Record<'prometheus' | 'promtool' | 'alertmanager' | 'amtool', string>>;
  /** Prometheus `--query.lookback-delta` in ms; default 300 000 (Prometheus' default 5m). */
  lookbackDeltaMs?: number;
  /** Postgres connection string (`local`): default `DATABASE_URL` or `postgres://postgres@127.0.0.1:5432/test`. */
  databaseUrl?: string;
  /**
   * `testcontainers` only: override pinned images (`{ prometheus: 'prom/prometheus:v2.54.1' }`);
   * else `ALERTCRAFT_PROMETHEUS_IMAGE`, `ALERTCRAFT_ALERTMANAGER_IMAGE`, `ALERTCRAFT_GRAFANA_IMAGE`,
   * `ALERTCRAFT_POSTGRES_IMAGE`; else the pins.
   */
  images?: Partial<Record<'prometheus' | 'alertmanager' | 'grafana' | 'postgres', string>>;
  /** Keep temp dirs after stop (debugging); default false. */
  keepTempDirs?: boolean;
}

export interface BacktestInput {
  /**
   * Scenario series (Unix ms timestamps, parallel typed arrays); each must have a `__name__`.
   * Iterated exactly once, so a lazy generator (`scenario.series()`) streams without holding
   * every series in memory (local/testcontainers write them to disk as they come).
   */
  series: Iterable<SeriesData>;
  /** Plain rule groups (what `render(pack, phase)` returns), evaluated in order. */
  rules: readonly RuleGroup[];
  /** First evaluation timestamp (Unix ms). Evaluations are at `start + k × interval` ≤ `end`. */
  start: number;
  /** Last evaluation timestamp bound (Unix ms, inclusive). */
  end: number;
  /**
   * Evaluation interval for groups without their own `interval` (Prometheus'
   * `global.evaluation_interval`); default 60 000 ms.
   */
  evalIntervalMs?: number;
  /** `{{ $externalLabels.x }}` in templates and the labels added to nothing else (as Prometheus). */
  externalLabels?: Labels;
  externalURL?: string;
  /** Also return the per-evaluation output of every rule (`BacktestResult.samples`); default false. */
  includeSamples?: boolean;
}

/** The output of one rule at each of its evaluation timestamps. */
export interface RuleSamples {
  group: string;
  /** Index of the rule in its group. */
  index: number;
  /** `record` name or `alert` name. */
  name: string;
  kind: 'record' | 'alert';
  /**
   * For a recording rule: the recorded series (labels after `__name__` and rule labels applied).
   * For an alerting rule: the raw expression result per series (the value `$value` takes).
   */
  series: SeriesData[];
}

/** Something the runtime did differently from a live Prometheus, or could not do; data, not a throw. */
export interface RuntimeWarning {
  code: string;
  message: string;
  /** `groups[i].rules[j]` when it concerns a rule. */
  path?: string;
}

export interface BacktestResult {
  /** Alert timeline, sorted by `activeAt`, then `alertname`, then labels. */
  alerts: TimelineAlert[];
  samples?: RuleSamples[];
  warnings: RuntimeWarning[];
  /** Wall-clock figures of the run (ms); informative, not part of the result semantics. */
  timings?: Record<string, number>;
}

/** A server a runtime started for live mode (process or container): same surface either way. */
export interface ServiceHandle<C> extends AsyncDisposable {
  /** Base URL reachable from this process (`http://127.0.0.1:41233`, or the container's mapped port). */
  readonly url: string;
  readonly client: C;
  /** The server's own process id (a local process); absent for a container. */
  readonly pid?: number;
  /** The local process' temp dir (config, data), removed on stop; absent for a container. */
  readonly tempDir?: string;
  /**
   * `host:port` by which the runtime's other servers reach this one (a container's alias on the
   * run's network); absent for a local process (they use the URL's host and port).
   */
  readonly peerAddress?: string;
  /** Why the server is known to be gone, without I/O (`exited with signal SIGKILL`); undefined while running or unknown (containers: health polls decide). */
  gone?(): string | undefined;
  /** Last log lines of the server. */
  logs(lines?: number): string;
  stop(): Promise<void>;
}

/** How live mode starts a Prometheus beyond its configuration. */
export interface PrometheusStartOptions {
  /** Extra command-line flags. */
  extraArgs?: string[];
  /** Files written next to the configuration (rule files named in `rule_files`). */
  files?: Record<string, string>;
  /** `--query.lookback-delta` in ms. */
  lookbackDeltaMs?: number;
}

/** A started runtime. Dispose it (`await using`, or `await rt.stop()`) to stop everything it started. */
export interface Runtime extends AsyncDisposable {
  readonly kind: RuntimeKind;
  readonly versions: RuntimeVersions;
  backtest(input: BacktestInput): Promise<BacktestResult>;
  /**
   * Live mode (`local`, `testcontainers`): an Alertmanager with this configuration (YAML), clustering
   * disabled, stopped with the runtime. Absent on `embedded`.
   */
  startAlertmanager?(configYaml: string): Promise<ServiceHandle<AlertmanagerClient>>;
  /**
   * Live mode (`local`, `testcontainers`): a Prometheus with this configuration (YAML), files and
   * flags, stopped with the runtime. Absent on `embedded`.
   */
  startPrometheus?(configYaml: string, options?: PrometheusStartOptions): Promise<ServiceHandle<PrometheusClient>>;
  /**
   * Live mode: a Postgres for the notification ledger. `local`: the server at `databaseUrl` /
   * `DATABASE_URL` (checked with a connection; nothing to stop). `testcontainers`: a `postgres:16`
   * container. Absent on `embedded` (use PGlite).
   */
  startPostgres?(): Promise<{ url: string; stop(): Promise<void> }>;
  /** Stops every process/container the runtime started; idempotent. */
  stop(): Promise<void>;
}

/** A runtime that can run live mode (`local`, `testcontainers`): both servers can be started on it. */
export interface LiveCapableRuntime extends Runtime {
  readonly kind: 'local' | 'testcontainers';
  startAlertmanager(configYaml: string): Promise<ServiceHandle<AlertmanagerClient>>;
  startPrometheus(configYaml: string, options?: PrometheusStartOptions): Promise<ServiceHandle<PrometheusClient>>;
  /**
   * `host:port` by which the runtime's servers reach a listener of this process on
   * `127.0.0.1:<port>` (the live exporter, the webhook receiver): itself for `local`, a relay on
   * the run network's gateway for `testcontainers` (no host networking, nothing bound beyond it).
   */
  reachHost(port: number): Promise<string>;
}

/** What a runtime module exports; `startRuntime(kind, opts)` dispatches on `kind`. */
export type RuntimeStarter = (opts?: RuntimeOptions) => Promise<Runtime>;
