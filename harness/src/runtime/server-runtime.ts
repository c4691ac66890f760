/**
 * What the two server runtimes (`local`: binaries from PATH; `testcontainers`: images) share: a
 * backtest runs on a fresh backend that is stopped with the runtime if still running, live-mode
 * servers are tracked and stopped with it, and a backend keeps one Prometheus at a time over a work
 * dir that is removed on dispose (or on exit/signals through the registry). The subclasses say only
 * how a backend turns OpenMetrics into blocks and starts a Prometheus, and how servers start.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { AlertmanagerClient } from '../clients/alertmanager-client.js';
import type { PrometheusClient } from '../clients/prometheus-client.js';
import { runBacktest, type BacktestBackend, type BacktestServer } from './backtest.js';
import { registerLive } from './process-registry.js';
import type {
  BacktestInput,
  BacktestResult,
  LiveCapableRuntime,
  PrometheusStartOptions,
  RuntimeOptions,
  RuntimeVersions,
  ServiceHandle,
} from './types.js';

interface Stoppable {
  stop(): Promise<void>;
}

/** A started Prometheus as a backend serves it (process or container). */
export interface BackendPrometheus extends Stoppable {
  readonly url: string;
  readonly client: PrometheusClient;
  readonly readyMs: number;
}

export abstract class BacktestBackendBase<S extends BackendPrometheus> implements BacktestBackend {
  private current?: S;
  private disposed?: Promise<void>;
  /** The work dir is removed on process exit/signals too (registry), not only by dispose(). */
  private readonly unregister = registerLive({
    describe: () => `backtest work dir ${this.workDir}`,
    killSync: () => {
      if (!this.opts.keepTempDirs) rmSync(this.workDir, { recursive: true, force: true });
    },
  });

  protected constructor(
    readonly workDir: string,
    protected readonly opts: RuntimeOptions,
    readonly serverVersion?: string,
  ) {}

  abstract addOpenMetrics(files: readonly string[]): Promise<void>;
  /** Start a Prometheus on every block built so far with this configuration. */
  protected abstract startPrometheus(configYaml: string): Promise<S>;
  /** `prometheus`, `prometheus container`: how the ready line names it. */
  protected abstract readonly serverLabel: string;

  async serve(configYaml: string): Promise<BacktestServer> {
    await this.current?.stop();
    const started = await this.startPrometheus(configYaml);
    this.current = started;
    this.opts.log?.(`${this.serverLabel} ready at ${started.url} in ${Math.round(started.readyMs)} ms`);
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

export abstract class ServerRuntime implements LiveCapableRuntime {
  abstract readonly kind: 'local' | 'testcontainers';
  private readonly running = new Set<Stoppable>();

  protected constructor(
    readonly versions: RuntimeVersions,
    protected readonly opts: RuntimeOptions,
  ) {}

  /** A fresh backend for one backtest (`runBacktest` disposes it at the end). */
  protected abstract createBacktestBackend(): Promise<BacktestBackend>;
  abstract startAlertmanager(configYaml: string): Promise<ServiceHandle<AlertmanagerClient>>;
  abstract startPrometheus(
    configYaml: string,
    options?: PrometheusStartOptions,
  ): Promise<ServiceHandle<PrometheusClient>>;
  abstract startPostgres(): Promise<{ url: string; stop(): Promise<void> }>;
  /** `host:port` by which this runtime's servers reach `127.0.0.1:<port>` of this process. */
  abstract reachHost(port: number): Promise<string>;

  async backtest(input: BacktestInput): Promise<BacktestResult> {
    const backend = await this.createBacktestBackend();
    const entry = { stop: () => backend.dispose() };
    this.running.add(entry);
    try {
      return await runBacktest(backend, input, { signal: this.opts.signal, log: this.opts.log });
    } finally {
      this.running.delete(entry);
    }
  }

  /** Stop `handle` with the runtime; returns it. */
  protected track<T extends Stoppable>(handle: T): T {
    this.running.add(handle);
    return handle;
  }

  /** Stop `handle` now and no longer with the runtime. */
  protected async untrack(handle: Stoppable): Promise<void> {
    this.running.delete(handle);
    await handle.stop();
  }

  /** What runs after everything tracked stopped (the container run's network and labels). */
  protected async afterStop(): Promise<void> {}

  async stop(): Promise<void> {
    const all = [...this.running];
    this.running.clear();
    await Promise.allSettled(all.map((h) => h.stop()));
    await this.afterStop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
