import { spawnSync } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { StartedTestContainer } from 'testcontainers';
import { PrometheusClient } from '../clients/prometheus-client.js';
import { PINNED_IMAGES } from './container-engine.js';
import { ProcessStartError } from './errors.js';
import { LogBuffer } from './log-buffer.js';
import { registerLive } from './process-registry.js';
import { ensureHttpReady } from './readiness.js';
import { EMPTY_PROMETHEUS_CONFIG, prometheusArgs } from './server-args.js';

const PORT = 9090;
const CONFIG_PATH = '/etc/alertcraft/prometheus.yml';
const DATA_DIR = '/prometheus';
const OM_DIR = '/alertcraft/om';

/**
 * Builds TSDB blocks from every copied OpenMetrics file with the image's own promtool, then execs
 * Prometheus with the arguments passed after the script (`"$@"`). Same flags as the local runtime.
 */
const ENTRY_SCRIPT = [
  'set -e',
  `for f in ${OM_DIR}/*.om; do`,
  '  [ -e "$f" ] || continue',
  `  promtool tsdb create-blocks-from openmetrics --quiet "$f" ${DATA_DIR}`,
  'done',
  'exec /bin/prometheus "$@"',
].join('\n');

/** Stop a container from a synchronous exit handler (best effort; the testcontainers reaper is the backstop). */
export function removeContainerSync(id: string): void {
  // Blocking on purpose: this runs in process 'exit' handlers, where async work never happens.
  // Without a docker CLI this fails quietly and the testcontainers reaper removes the container.
  spawnSync('docker', ['rm', '-f', id], { stdio: 'ignore', timeout: 10_000 });
}

/** Feed a container's log stream into a LogBuffer. */
export function captureLogs(buffer: LogBuffer): (stream: Readable) => void {
  return (stream) => {
    stream.on('data', (c: Buffer | string) => buffer.write(c));
    stream.on('error', () => undefined);
  };
}

/**
 * `prom/prometheus` in a container, built like the local `PrometheusProcess`: config from a YAML
 * string, OpenMetrics files turned into blocks inside the container, readiness via `/-/ready`.
 */
export class PrometheusContainer {
  private config = EMPTY_PROMETHEUS_CONFIG;
  private openMetrics: string[] = [];
  private lookbackDeltaMs?: number;
  private startupTimeoutMs = 120_000;
  private extraArgs: string[] = [];
  private files: Record<string, string> = {};

  constructor(private readonly image: string = PINNED_IMAGES.prometheus) {}

  /** A file written next to the config (e.g. a rule file named in `rule_files`), as `PrometheusProcess.withFile`. */
  withFile(name: string, content: string): this {
    if (name.includes('..') || name.startsWith('/')) throw new ProcessStartError('runtime/input', `file name must be relative and stay in the config dir: ${name}`, '');
    this.files[name] = content;
    return this;
  }

  withConfig(yaml: string): this {
    this.config = yaml;
    return this;
  }
  /** Host OpenMetrics files to backfill into the container's TSDB before Prometheus starts. */
  withOpenMetricsFiles(files: readonly string[]): this {
    this.openMetrics = [...files];
    return this;
  }
  withLookbackDelta(ms: number): this {
    this.lookbackDeltaMs = ms;
    return this;
  }
  withStartupTimeout(ms: number): this {
    this.startupTimeoutMs = ms;
    return this;
  }
  withExtraArgs(...args: string[]): this {
    this.extraArgs.push(...args);
    return this;
  }

  async start(): Promise<StartedPrometheusContainer> {
    const { GenericContainer, Wait } = await import('testcontainers');
    const logs = new LogBuffer(200);
    const container = new GenericContainer(this.image)
      .withEntrypoint(['/bin/sh', '-c', ENTRY_SCRIPT, 'prometheus-entry'])
      .withCommand(
        prometheusArgs({
          configFile: CONFIG_PATH,
          dataDir: DATA_DIR,
          listenAddress: `0.0.0.0:${PORT}`,
          lookbackDeltaMs: this.lookbackDeltaMs,
          extraArgs: this.extraArgs,
        }),
      )
      .withExposedPorts(PORT)
      .withCopyContentToContainer([
        { content: this.config, target: CONFIG_PATH },
        ...Object.entries(this.files).map(([name, content]) => ({ content, target: `${CONFIG_PATH.slice(0, CONFIG_PATH.lastIndexOf('/'))}/${name}` })),
      ])
      .withCopyFilesToContainer(this.openMetrics.map((source, i) => ({ source, target: `${OM_DIR}/${String(i).padStart(4, '0')}.om` })))
      .withLogConsumer(captureLogs(logs))
      .withWaitStrategy(Wait.forListeningPorts())
      .withStartupTimeout(this.startupTimeoutMs);
    let started: StartedTestContainer;
    try {
      started = await container.start();
    } catch (err) {
      throw new ProcessStartError('runtime/container-start-failed', `${this.image} did not start: ${(err as Error).message}`, logs.tail(30), { cause: err });
    }
    const url = `http://${started.getHost()}:${started.getMappedPort(PORT)}`;
    const handle = new StartedPrometheusContainer(started, url, logs);
    try {
      handle.readyMs = await ensureHttpReady(`prometheus (${this.image})`, `${url}/-/ready`, { timeoutMs: this.startupTimeoutMs });
    } catch (err) {
      await handle.stop();
      throw new ProcessStartError('runtime/start-timeout', (err as Error).message, logs.tail(30), { cause: err });
    }
    return handle;
  }
}

export class StartedPrometheusContainer implements AsyncDisposable {
  readonly client: PrometheusClient;
  readyMs = 0;
  private stopping?: Promise<void>;
  private readonly unregister: () => void;

  constructor(
    readonly container: StartedTestContainer,
    readonly url: string,
    private readonly logBuffer: LogBuffer,
  ) {
    this.client = new PrometheusClient({ url });
    const id = container.getId();
    this.unregister = registerLive({ describe: () => `prometheus container ${id.slice(0, 12)} (${url})`, killSync: () => removeContainerSync(id) });
  }

  logs(lines?: number): string {
    return this.logBuffer.tail(lines);
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      try {
        await this.container.stop({ timeout: 5_000, remove: true });
      } finally {
        this.unregister();
      }
    })();
    return this.stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
