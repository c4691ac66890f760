import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertmanagerContainer, type StartedAlertmanagerContainer } from './alertmanager-container.js';
import { runBacktest, type BacktestBackend, type BacktestServer } from './backtest.js';
import { imageVersion, PINNED_IMAGES, probeContainerEngine } from './container-engine.js';
import { ContainerEngineUnavailableError } from './errors.js';
import { PrometheusContainer, type StartedPrometheusContainer } from './prometheus-container.js';
import { ensureHttpReady } from './readiness.js';
import { registerLive } from './process-registry.js';
import type { BacktestInput, BacktestResult, LiveCapableRuntime, PrometheusStartOptions, RuntimeOptions, RuntimeVersions } from './types.js';

type Images = Record<keyof typeof PINNED_IMAGES, string>;

/**
 * Backtest backend on containers: OpenMetrics files are collected on the host; each `serve()`
 * starts a fresh `prom/prometheus` container that builds blocks from all of them with its own
 * promtool and then serves them (containers are not restarted in place).
 */
export class ContainerBacktestBackend implements BacktestBackend {
  private readonly files: string[] = [];
  private current?: StartedPrometheusContainer;
  private disposed?: Promise<void>;
  /** The work dir is removed on process exit/signals too (registry), not only by dispose(). */
  private readonly unregister = registerLive({
    describe: () => `backtest work dir ${this.workDir}`,
    killSync: () => {
      if (!this.opts.keepTempDirs) rmSync(this.workDir, { recursive: true, force: true });
    },
  });

  private constructor(
    readonly workDir: string,
    private readonly image: string,
    private readonly opts: RuntimeOptions,
    readonly serverVersion = imageVersion(image),
  ) {}

  static async create(image: string, opts: RuntimeOptions): Promise<ContainerBacktestBackend> {
    return new ContainerBacktestBackend(await mkdtemp(join(tmpdir(), 'alertcraft-backtest-')), image, opts);
  }

  async addOpenMetrics(files: readonly string[]): Promise<void> {
    this.files.push(...files);
  }

  async serve(configYaml: string): Promise<BacktestServer> {
    await this.current?.stop();
    const builder = new PrometheusContainer(this.image).withConfig(configYaml).withOpenMetricsFiles(this.files);
    if (this.opts.lookbackDeltaMs !== undefined) builder.withLookbackDelta(this.opts.lookbackDeltaMs);
    if (this.opts.startupTimeoutMs !== undefined) builder.withStartupTimeout(this.opts.startupTimeoutMs);
    const started = await builder.start();
    this.current = started;
    this.opts.log?.(`prometheus container ready at ${started.url} in ${Math.round(started.readyMs)} ms`);
    return { client: started.client, stop: () => started.stop() };
  }

  dispose(): Promise<void> {
    this.disposed ??= (async () => {
      await this.current?.stop();
      if (!this.opts.keepTempDirs) await rm(this.workDir, { recursive: true, force: true });
      this.unregister();
    })();
    return this.disposed;
  }
}

/** The `testcontainers` runtime: the seeds' pinned stack in containers. */
export class TestcontainersRuntime implements LiveCapableRuntime {
  readonly kind = 'testcontainers' as const;
  private readonly running = new Set<{ stop(): Promise<void> }>();

  constructor(
    readonly versions: RuntimeVersions,
    readonly images: Images,
    private readonly opts: RuntimeOptions,
  ) {}

  async backtest(input: BacktestInput): Promise<BacktestResult> {
    const backend = await ContainerBacktestBackend.create(this.images.prometheus, this.opts);
    const entry = { stop: () => backend.dispose() };
    this.running.add(entry);
    try {
      return await runBacktest(backend, input, { signal: this.opts.signal, log: this.opts.log });
    } finally {
      this.running.delete(entry);
    }
  }

  /** Live mode: an Alertmanager container with this configuration (stopped with the runtime). */
  async startAlertmanager(configYaml: string): Promise<StartedAlertmanagerContainer> {
    const am = await new AlertmanagerContainer(this.images.alertmanager)
      .withConfig(configYaml)
      .withStartupTimeout(this.opts.startupTimeoutMs ?? 120_000)
      .start();
    this.running.add(am);
    return am;
  }

  /** Live mode: a Prometheus container with this configuration, files and flags (stopped with the runtime). */
  async startPrometheus(configYaml: string, options: PrometheusStartOptions = {}): Promise<StartedPrometheusContainer> {
    const builder = new PrometheusContainer(this.images.prometheus)
      .withConfig(configYaml)
      .withExtraArgs(...(options.extraArgs ?? []))
      .withStartupTimeout(this.opts.startupTimeoutMs ?? 120_000);
    for (const [name, content] of Object.entries(options.files ?? {})) builder.withFile(name, content);
    if (options.lookbackDeltaMs !== undefined) builder.withLookbackDelta(options.lookbackDeltaMs);
    const prom = await builder.start();
    this.running.add(prom);
    return prom;
  }

  /** Live mode: `postgres:16` via @testcontainers/postgresql; returns its connection URI. */
  async startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const pg = await new PostgreSqlContainer(this.images.postgres).withStartupTimeout(this.opts.startupTimeoutMs ?? 120_000).start();
    const handle = { url: pg.getConnectionUri(), stop: async () => void (await pg.stop()) };
    this.running.add(handle);
    return handle;
  }

  /** Live mode: `grafana/grafana` with anonymous admin (for dashboard/alert-rule import tests). */
  async startGrafana(): Promise<{ url: string; stop(): Promise<void> }> {
    const { GenericContainer, Wait } = await import('testcontainers');
    const started = await new GenericContainer(this.images.grafana)
      .withEnvironment({ GF_AUTH_ANONYMOUS_ENABLED: 'true', GF_AUTH_ANONYMOUS_ORG_ROLE: 'Admin', GF_AUTH_DISABLE_LOGIN_FORM: 'true' })
      .withExposedPorts(3000)
      .withWaitStrategy(Wait.forListeningPorts())
      .withStartupTimeout(this.opts.startupTimeoutMs ?? 120_000)
      .start();
    const url = `http://${started.getHost()}:${started.getMappedPort(3000)}`;
    const handle = { url, stop: async () => void (await started.stop({ timeout: 5_000, remove: true })) };
    this.running.add(handle);
    try {
      await ensureHttpReady(`grafana (${this.images.grafana})`, `${url}/api/health`, { timeoutMs: this.opts.startupTimeoutMs ?? 120_000 });
    } catch (err) {
      await handle.stop();
      this.running.delete(handle);
      throw err;
    }
    return handle;
  }

  async stop(): Promise<void> {
    const all = [...this.running];
    this.running.clear();
    await Promise.allSettled(all.map((h) => h.stop()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/**
 * Start the `testcontainers` runtime. Throws `ContainerEngineUnavailableError` (with the probe's
 * reason) when no container engine answers; images are pulled lazily on first use.
 */
export async function startTestcontainersRuntime(opts: RuntimeOptions = {}): Promise<TestcontainersRuntime> {
  const probe = await probeContainerEngine();
  if (!probe.ok) throw new ContainerEngineUnavailableError(probe.reason);
  opts.log?.(`testcontainers: ${probe.description}`);
  const images: Images = { ...PINNED_IMAGES, ...opts.images };
  const versions: RuntimeVersions = {};
  for (const k of ['prometheus', 'alertmanager', 'grafana', 'postgres'] as const) {
    const v = imageVersion(images[k]);
    if (v) versions[k] = v;
  }
  versions.promtool = versions.prometheus;
  return new TestcontainersRuntime(versions, images, opts);
}
