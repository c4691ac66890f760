import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertmanagerContainer, type StartedAlertmanagerContainer } from './alertmanager-container.js';
import { engineAddress, ContainerRun, removeLabelled, RUN_LABEL } from './container-run.js';
import {
  imageVersion,
  loadTestcontainers,
  loadTestcontainersPostgres,
  probeContainerEngine,
  resolveImages,
  type Images,
} from './container-engine.js';
import { ContainerEngineUnavailableError } from './errors.js';
import { PrometheusContainer, type StartedPrometheusContainer } from './prometheus-container.js';
import { sweepOrphans } from './process-registry.js';
import { ensureHttpReady } from './readiness.js';
import { BacktestBackendBase, ServerRuntime } from './server-runtime.js';
import type { PrometheusStartOptions, RuntimeOptions, RuntimeVersions } from './types.js';

/**
 * Backtest backend on containers: OpenMetrics files are collected on the host; each `serve()`
 * starts a fresh `prom/prometheus` container that builds blocks from all of them with its own
 * promtool and then serves them (containers are not restarted in place).
 */
export class ContainerBacktestBackend extends BacktestBackendBase<StartedPrometheusContainer> {
  private readonly files: string[] = [];
  protected readonly serverLabel = 'prometheus container';

  private constructor(
    workDir: string,
    private readonly image: string,
    private readonly run: ContainerRun,
    opts: RuntimeOptions,
  ) {
    super(workDir, opts, imageVersion(image));
  }

  static async create(image: string, run: ContainerRun, opts: RuntimeOptions): Promise<ContainerBacktestBackend> {
    return new ContainerBacktestBackend(await mkdtemp(join(tmpdir(), 'alertcraft-backtest-')), image, run, opts);
  }

  async addOpenMetrics(files: readonly string[]): Promise<void> {
    this.files.push(...files);
  }

  protected startPrometheus(configYaml: string): Promise<StartedPrometheusContainer> {
    const builder = new PrometheusContainer(this.image)
      .withRun(this.run)
      .withConfig(configYaml)
      .withOpenMetricsFiles(this.files);
    if (this.opts.lookbackDeltaMs !== undefined) builder.withLookbackDelta(this.opts.lookbackDeltaMs);
    if (this.opts.startupTimeoutMs !== undefined) builder.withStartupTimeout(this.opts.startupTimeoutMs);
    return builder.start();
  }
}

/**
 * The `testcontainers` runtime: the seeds' pinned stack in containers (or the images named by
 * `options.images` / `ALERTCRAFT_<NAME>_IMAGE`). Everything it starts is on one network of its
 * run, labelled with the run id and removed on stop (see container-run.ts).
 */
export class TestcontainersRuntime extends ServerRuntime {
  readonly kind = 'testcontainers' as const;
  /** The run's id, labels and network. */
  readonly run = new ContainerRun();

  constructor(
    versions: RuntimeVersions,
    readonly images: Images,
    opts: RuntimeOptions,
  ) {
    super(versions, opts);
  }

  protected createBacktestBackend(): Promise<ContainerBacktestBackend> {
    return ContainerBacktestBackend.create(this.images.prometheus, this.run, this.opts);
  }

  private get startupTimeoutMs(): number {
    return this.opts.startupTimeoutMs ?? 120_000;
  }

  /** Live mode: an Alertmanager container with this configuration (stopped with the runtime). */
  async startAlertmanager(configYaml: string): Promise<StartedAlertmanagerContainer> {
    const am = new AlertmanagerContainer(this.images.alertmanager)
      .withRun(this.run)
      .withConfig(configYaml)
      .withStartupTimeout(this.startupTimeoutMs);
    return this.track(await am.start());
  }

  /** Live mode: a Prometheus container with this configuration, files and flags (stopped with the runtime). */
  async startPrometheus(configYaml: string, options: PrometheusStartOptions = {}): Promise<StartedPrometheusContainer> {
    const builder = new PrometheusContainer(this.images.prometheus)
      .withRun(this.run)
      .withConfig(configYaml)
      .withExtraArgs(...(options.extraArgs ?? []))
      .withStartupTimeout(this.startupTimeoutMs);
    for (const [name, content] of Object.entries(options.files ?? {})) builder.withFile(name, content);
    if (options.lookbackDeltaMs !== undefined) builder.withLookbackDelta(options.lookbackDeltaMs);
    return this.track(await builder.start());
  }

  /** Containers reach this process' listeners through a relay on the run network's gateway. */
  reachHost(port: number): Promise<string> {
    return this.run.reachHost(port);
  }

  /** Live mode: `postgres:16` via @testcontainers/postgresql; returns its connection URI. */
  async startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
    const { PostgreSqlContainer } = await loadTestcontainersPostgres();
    const { started: network } = await this.run.useNetwork();
    const pg = await new PostgreSqlContainer(this.images.postgres)
      .withLabels(this.run.labels)
      .withNetwork(network)
      .withStartupTimeout(this.startupTimeoutMs)
      .start();
    return this.track({
      url: pg.getConnectionUri(),
      stop: async () => void (await pg.stop({ timeout: 5_000, removeVolumes: true })),
    });
  }

  /** Live mode: `grafana/grafana` with anonymous admin (for dashboard/alert-rule import tests). */
  async startGrafana(): Promise<{ url: string; stop(): Promise<void> }> {
    const { GenericContainer, Wait } = await loadTestcontainers();
    const { started: network } = await this.run.useNetwork();
    const started = await new GenericContainer(this.images.grafana)
      .withEnvironment({
        GF_AUTH_ANONYMOUS_ENABLED: 'true',
        GF_AUTH_ANONYMOUS_ORG_ROLE: 'Admin',
        GF_AUTH_DISABLE_LOGIN_FORM: 'true',
      })
      .withLabels(this.run.labels)
      .withNetwork(network)
      .withExposedPorts(3000)
      .withWaitStrategy(Wait.forListeningPorts())
      .withStartupTimeout(this.startupTimeoutMs)
      .start();
    const url = `http://${started.getHost()}:${started.getMappedPort(3000)}`;
    const handle = this.track({
      url,
      stop: async () => void (await started.stop({ timeout: 5_000, remove: true, removeVolumes: true })),
    });
    try {
      await ensureHttpReady(`grafana (${this.images.grafana})`, `${url}/api/health`, {
        timeoutMs: this.startupTimeoutMs,
      });
    } catch (err) {
      await this.untrack(handle);
      throw err;
    }
    return handle;
  }

  protected override afterStop(): Promise<void> {
    return this.run.stop();
  }
}

/**
 * Start the `testcontainers` runtime. Throws `ContainerEngineUnavailableError` (with the probe's
 * reason) when no container engine answers; first removes what killed runs on this engine left
 * (registry records of dead owners); images are pulled lazily on first use.
 */
export async function startTestcontainersRuntime(opts: RuntimeOptions = {}): Promise<TestcontainersRuntime> {
  const images = resolveImages(opts.images);
  const probe = await probeContainerEngine();
  if (!probe.ok) throw new ContainerEngineUnavailableError(probe.reason);
  opts.log?.(`testcontainers: ${probe.description}`);
  const here = engineAddress();
  const swept = await sweepOrphans({
    removeContainers: async (runId, engine) => {
      if (engine !== here) return false;
      await removeLabelled(runId);
      return true;
    },
  });
  for (const line of swept.cleaned) opts.log?.(`testcontainers: registry: ${line} (label ${RUN_LABEL})`);
  const versions: RuntimeVersions = {};
  for (const k of ['prometheus', 'alertmanager', 'grafana', 'postgres'] as const) {
    const v = imageVersion(images[k]);
    if (v) versions[k] = v;
  }
  versions.promtool = versions.prometheus;
  return new TestcontainersRuntime(versions, images, opts);
}
