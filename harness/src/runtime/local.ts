import { mkdir, mkdtemp } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertmanagerProcess, type StartedAlertmanagerProcess } from './alertmanager-process.js';
import { binaryVersion, findBinary, whichFirst, BINARY_NAMES } from './binaries.js';
import { PrometheusProcess, type StartedPrometheusProcess } from './prometheus-process.js';
import { createBlocksFromOpenMetrics } from './promtool.js';
import { RuntimeError } from './errors.js';
import { BacktestBackendBase, ServerRuntime } from './server-runtime.js';
import type { PrometheusStartOptions, RuntimeOptions, RuntimeVersions } from './types.js';

/** Where the `local` runtime finds Postgres when neither options nor DATABASE_URL say. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Backtest backend on local binaries: promtool writes blocks into one TSDB dir, Prometheus restarts on it. */
export class LocalBacktestBackend extends BacktestBackendBase<StartedPrometheusProcess> {
  readonly dataDir: string;
  protected readonly serverLabel = 'prometheus';

  private constructor(
    workDir: string,
    private readonly bins: { prometheus: string; promtool: string },
    opts: RuntimeOptions,
    serverVersion?: string,
  ) {
    super(workDir, opts, serverVersion);
    this.dataDir = join(workDir, 'tsdb');
  }

  static async create(
    bins: { prometheus: string; promtool: string },
    opts: RuntimeOptions,
    serverVersion?: string,
  ): Promise<LocalBacktestBackend> {
    const workDir = await mkdtemp(join(tmpdir(), 'alertcraft-backtest-'));
    const backend = new LocalBacktestBackend(workDir, bins, opts, serverVersion);
    await mkdir(backend.dataDir);
    return backend;
  }

  async addOpenMetrics(files: readonly string[]): Promise<void> {
    // One promtool per block file, as many at a time as there are cores (each is one pass).
    const t0 = performance.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const file = files[next++]!;
        await createBlocksFromOpenMetrics(this.bins.promtool, file, this.dataDir, { signal: this.opts.signal });
      }
    };
    await Promise.all(Array.from({ length: Math.min(files.length, Math.max(1, availableParallelism())) }, worker));
    this.opts.log?.(
      `promtool: ${files.length} block files from ${this.workDir} in ${Math.round(performance.now() - t0)} ms`,
    );
  }

  protected startPrometheus(configYaml: string): Promise<StartedPrometheusProcess> {
    const builder = new PrometheusProcess()
      .withBinary(this.bins.prometheus)
      .withConfig(configYaml)
      .withDataDir(this.dataDir)
      .withSignal(this.opts.signal)
      .withKeepTempDir(this.opts.keepTempDirs ?? false);
    if (this.opts.lookbackDeltaMs !== undefined) builder.withLookbackDelta(this.opts.lookbackDeltaMs);
    if (this.opts.startupTimeoutMs !== undefined) builder.withStartupTimeout(this.opts.startupTimeoutMs);
    return builder.start();
  }
}

/** The `local` runtime's handle: backtests on Debian/Upstream binaries from PATH, plus live-mode servers. */
export class LocalRuntime extends ServerRuntime {
  readonly kind = 'local' as const;

  constructor(
    versions: RuntimeVersions,
    readonly binaries: { prometheus: string; promtool: string; alertmanager?: string; amtool?: string },
    opts: RuntimeOptions,
  ) {
    super(versions, opts);
  }

  protected createBacktestBackend(): Promise<LocalBacktestBackend> {
    return LocalBacktestBackend.create(this.binaries, this.opts, this.versions.prometheus);
  }

  /** Live mode: an Alertmanager with this configuration (stopped with the runtime). */
  async startAlertmanager(configYaml: string): Promise<StartedAlertmanagerProcess> {
    const am = await new AlertmanagerProcess()
      .withBinary(this.binaries.alertmanager ?? findBinary('alertmanager', this.opts.binaries?.alertmanager))
      .withConfig(configYaml)
      .withSignal(this.opts.signal)
      .withStartupTimeout(this.opts.startupTimeoutMs ?? 30_000)
      .start();
    return this.track(am);
  }

  /** Live mode: a Prometheus with this configuration, files and flags (stopped with the runtime). */
  async startPrometheus(configYaml: string, options: PrometheusStartOptions = {}): Promise<StartedPrometheusProcess> {
    const builder = new PrometheusProcess({ files: options.files, lookbackDeltaMs: options.lookbackDeltaMs })
      .withBinary(this.binaries.prometheus)
      .withConfig(configYaml)
      .withExtraArgs(...(options.extraArgs ?? []))
      .withSignal(this.opts.signal)
      .withKeepTempDir(this.opts.keepTempDirs ?? false)
      .withStartupTimeout(this.opts.startupTimeoutMs ?? 30_000);
    return this.track(await builder.start());
  }

  /** Local servers reach this process' listeners directly. */
  async reachHost(port: number): Promise<string> {
    return `127.0.0.1:${port}`;
  }

  /** Live mode: the Postgres at `opts.databaseUrl`, `DATABASE_URL` or the local default, after a `select 1`. */
  async startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
    const url = this.opts.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (err) {
      throw new RuntimeError(
        'runtime/postgres-unreachable',
        `Postgres not reachable at ${url.replace(/:[^:@/]+@/, ':***@')}: ${(err as Error).message}. Start it, or set DATABASE_URL (or options.databaseUrl).`,
        { cause: err },
      );
    } finally {
      await client.end().catch(() => undefined);
    }
    return { url, stop: async () => undefined };
  }
}

/**
 * Start the `local` runtime: `prometheus` and `promtool` must be on PATH (or in `opts.binaries`);
 * `alertmanager`/`prometheus-alertmanager` and `amtool` are looked up for live mode and versions.
 */
export async function startLocalRuntime(opts: RuntimeOptions = {}): Promise<LocalRuntime> {
  const prometheus = findBinary('prometheus', opts.binaries?.prometheus);
  const promtool = findBinary('promtool', opts.binaries?.promtool);
  const alertmanager = opts.binaries?.alertmanager ?? whichFirst(BINARY_NAMES.alertmanager);
  const amtool = opts.binaries?.amtool ?? whichFirst(BINARY_NAMES.amtool);
  const [pv, tv, av] = await Promise.all([
    binaryVersion(prometheus),
    binaryVersion(promtool),
    alertmanager ? binaryVersion(alertmanager) : undefined,
  ]);
  const versions: RuntimeVersions = {};
  if (pv) versions.prometheus = pv;
  if (tv) versions.promtool = tv;
  if (av) versions.alertmanager = av;
  return new LocalRuntime(versions, { prometheus, promtool, alertmanager, amtool }, opts);
}
