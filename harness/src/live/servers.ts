/**
 * The two servers of a live run as the run loop sees them, whatever the runtime: name, URL,
 * client, pid and temp dir (a local process), `gone()` (known exit, without I/O), logs, stop.
 * They are started through the runtime interface (`LiveCapableRuntime`), never a concrete class.
 */
import type { AlertmanagerClient } from '../clients/alertmanager-client.js';
import type { PrometheusClient } from '../clients/prometheus-client.js';
import type { LiveCapableRuntime, PrometheusStartOptions, Runtime, ServiceHandle } from '../runtime/types.js';
import { LiveError } from './errors.js';

export type { LiveRuntimeKind } from './types.js';

export interface LiveServer<C> {
  readonly name: 'prometheus' | 'alertmanager';
  readonly url: string;
  readonly client: C;
  /** Process id (local runtime); undefined for a container. */
  readonly pid?: number;
  /** Temp dir of a local process; undefined for a container. */
  readonly tempDir?: string;
  /** `host:port` by which the runtime's other server reaches this one. */
  readonly peerAddress: string;
  /** Why the server is known to be gone (process exited), else undefined. */
  gone(): string | undefined;
  logs(lines?: number): string;
  stop(): Promise<void>;
}

function isLiveCapable(rt: Runtime): rt is LiveCapableRuntime {
  return (
    (rt.kind === 'local' || rt.kind === 'testcontainers') &&
    typeof rt.startAlertmanager === 'function' &&
    typeof rt.startPrometheus === 'function'
  );
}

/** The runtime, checked to be able to run live mode. */
export function liveCapable(rt: Runtime): LiveCapableRuntime {
  if (!isLiveCapable(rt))
    throw new LiveError('live/runtime', `the '${rt.kind}' runtime cannot run live mode: use local or testcontainers`);
  return rt;
}

function asLiveServer<C>(name: LiveServer<C>['name'], h: ServiceHandle<C>): LiveServer<C> {
  return {
    name,
    url: h.url,
    client: h.client,
    ...(h.pid !== undefined ? { pid: h.pid } : {}),
    ...(h.tempDir !== undefined ? { tempDir: h.tempDir } : {}),
    peerAddress: h.peerAddress ?? new URL(h.url).host,
    gone: () => h.gone?.(),
    logs: (n) => h.logs(n),
    stop: () => h.stop(),
  };
}

export async function startLivePrometheus(
  rt: LiveCapableRuntime,
  config: string,
  options: PrometheusStartOptions,
): Promise<LiveServer<PrometheusClient>> {
  return asLiveServer('prometheus', await rt.startPrometheus(config, options));
}

export async function startLiveAlertmanager(
  rt: LiveCapableRuntime,
  config: string,
): Promise<LiveServer<AlertmanagerClient>> {
  return asLiveServer('alertmanager', await rt.startAlertmanager(config));
}
