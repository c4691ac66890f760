/**
 * The two servers of a live run, started on the chosen runtime with the same surface: a
 * Prometheus (config + rule file, so it is built here rather than through
 * `Runtime.startPrometheus`, which takes no extra files) and an Alertmanager (through the
 * runtime). `gone()` says, without I/O, whether a server process is known to have exited.
 */
import type { AlertmanagerClient } from '../clients/alertmanager-client.js';
import type { PrometheusClient } from '../clients/prometheus-client.js';
import type { LocalRuntime } from '../runtime/local.js';
import { PrometheusContainer } from '../runtime/prometheus-container.js';
import { PrometheusProcess } from '../runtime/prometheus-process.js';
import type { TestcontainersRuntime } from '../runtime/testcontainers.js';
import type { RuntimeOptions } from '../runtime/types.js';

export type LiveRuntimeKind = 'local' | 'testcontainers';

export interface LiveServer<C> {
  readonly name: 'prometheus' | 'alertmanager';
  readonly url: string;
  readonly client: C;
  /** Process id (local runtime); undefined for a container. */
  readonly pid?: number;
  /** Why the server is known to be gone (process exited), else undefined. */
  gone(): string | undefined;
  logs(lines?: number): string;
  stop(): Promise<void>;
}

/** The address by which the servers reach this process' listeners (exporter, webhook). */
export async function hostAddressFor(kind: LiveRuntimeKind, ports: number[]): Promise<string> {
  if (kind === 'local') return '127.0.0.1';
  const { TestContainers } = await import('testcontainers');
  // Containers started after this reach the host ports as host.testcontainers.internal:<port>.
  await TestContainers.exposeHostPorts(...ports);
  return 'host.testcontainers.internal';
}

export async function startLivePrometheus(
  rt: LocalRuntime | TestcontainersRuntime,
  config: string,
  files: Record<string, string>,
  extraArgs: string[],
  lookbackDeltaMs: number,
  opts: RuntimeOptions,
): Promise<LiveServer<PrometheusClient>> {
  if (rt.kind === 'local') {
    const b = new PrometheusProcess()
      .withBinary(rt.binaries.prometheus)
      .withConfig(config)
      .withExtraArgs(...extraArgs)
      .withLookbackDelta(lookbackDeltaMs)
      .withSignal(opts.signal)
      .withKeepTempDir(opts.keepTempDirs ?? false)
      .withStartupTimeout(opts.startupTimeoutMs ?? 30_000);
    for (const [name, content] of Object.entries(files)) b.withFile(name, content);
    const p = await b.start();
    return {
      name: 'prometheus',
      url: p.url,
      client: p.client,
      pid: p.pid,
      gone: () => {
        const s = p.process.exitStatus;
        return s ? `exited with ${s.signal ? `signal ${s.signal}` : `code ${s.code}`}` : undefined;
      },
      logs: (n) => p.logs(n),
      stop: () => p.stop(),
    };
  }
  const b = new PrometheusContainer(rt.images.prometheus)
    .withConfig(config)
    .withExtraArgs(...extraArgs)
    .withLookbackDelta(lookbackDeltaMs)
    .withStartupTimeout(opts.startupTimeoutMs ?? 120_000);
  for (const [name, content] of Object.entries(files)) b.withFile(name, content);
  const c = await b.start();
  return { name: 'prometheus', url: c.url, client: c.client, gone: () => undefined, logs: (n) => c.logs(n), stop: () => c.stop() };
}

export async function startLiveAlertmanager(rt: LocalRuntime | TestcontainersRuntime, config: string): Promise<LiveServer<AlertmanagerClient>> {
  if (rt.kind === 'local') {
    const a = await rt.startAlertmanager(config);
    return {
      name: 'alertmanager',
      url: a.url,
      client: a.client,
      pid: a.pid,
      gone: () => {
        const s = a.process.exitStatus;
        return s ? `exited with ${s.signal ? `signal ${s.signal}` : `code ${s.code}`}` : undefined;
      },
      logs: (n) => a.logs(n),
      stop: () => a.stop(),
    };
  }
  const a = await rt.startAlertmanager(config);
  return { name: 'alertmanager', url: a.url, client: a.client, gone: () => undefined, logs: (n) => a.logs(n), stop: () => a.stop() };
}
