/**
 * The container counterpart of `StartedServerProcess` (managed-process.ts): one way to start a
 * server image on a run's network (labelled with the run id, port published on 127.0.0.1 only)
 * and wait for its readiness URL, and one handle for what every started server container shares.
 * `PrometheusContainer` and `AlertmanagerContainer` only say what differs (command, files, port).
 */
import type { Readable } from 'node:stream';
import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import { loadTestcontainers } from './container-engine.js';
import { ContainerRun } from './container-run.js';
import { ProcessStartError } from './errors.js';
import { LogBuffer } from './log-buffer.js';
import { ensureHttpReady } from './readiness.js';

/** Feed a container's log stream into a LogBuffer. */
export function captureLogs(buffer: LogBuffer): (stream: Readable) => void {
  return (stream) => {
    stream.on('data', (c: Buffer | string) => buffer.write(c));
    stream.on('error', () => undefined);
  };
}

export interface ServerContainerSpec<C> {
  /** Short name used in messages and as the container's alias on the run's network. */
  name: 'prometheus' | 'alertmanager';
  image: string;
  /** The port the server listens on inside the container. */
  port: number;
  /** Polled through the published port until it answers 200 (`/-/ready`). */
  readyPath: string;
  startupTimeoutMs: number;
  /** The run it belongs to (labels, network); without one the handle owns a run of its own. */
  run?: ContainerRun;
  /** What differs per server: command, entrypoint, files. */
  configure(container: GenericContainer): GenericContainer;
  client(url: string): C;
}

/** Builder options every server container shares. */
export abstract class ServerContainerBuilder {
  protected startupTimeoutMs = 120_000;
  protected run?: ContainerRun;

  withStartupTimeout(ms: number): this {
    this.startupTimeoutMs = ms;
    return this;
  }
  /** Start on this run's network with its labels (a runtime passes its run); default: a run of its own. */
  withRun(run: ContainerRun): this {
    this.run = run;
    return this;
  }
}

let aliasCounter = 0;

/** Start the container and wait for readiness; on failure nothing of it is left. */
export async function startServerContainer<C>(spec: ServerContainerSpec<C>): Promise<StartedServerContainer<C>> {
  const { GenericContainer, Wait } = await loadTestcontainers();
  const ownRun = spec.run ? undefined : new ContainerRun();
  const run = spec.run ?? ownRun!;
  const logs = new LogBuffer(200);
  const alias = `${spec.name}-${++aliasCounter}`;
  let started: StartedTestContainer;
  try {
    const { started: network } = await run.useNetwork();
    const container = spec
      .configure(new GenericContainer(spec.image))
      .withLabels(run.labels)
      .withNetwork(network)
      .withNetworkAliases(alias)
      .withExposedPorts(spec.port)
      .withLogConsumer(captureLogs(logs))
      .withWaitStrategy(Wait.forListeningPorts())
      .withStartupTimeout(spec.startupTimeoutMs);
    started = await container.start();
  } catch (err) {
    await ownRun?.stop().catch(() => undefined);
    const why = `${spec.image} did not start: ${(err as Error).message}`;
    throw new ProcessStartError('runtime/container-start-failed', why, logs.tail(30), { cause: err });
  }
  const url = `http://${started.getHost()}:${started.getMappedPort(spec.port)}`;
  const handle = new StartedServerContainer(started, url, `${alias}:${spec.port}`, logs, spec.client(url), ownRun);
  try {
    handle.readyMs = await ensureHttpReady(`${spec.name} (${spec.image})`, `${url}${spec.readyPath}`, {
      timeoutMs: spec.startupTimeoutMs,
    });
  } catch (err) {
    await handle.stop();
    throw new ProcessStartError('runtime/start-timeout', (err as Error).message, logs.tail(30), { cause: err });
  }
  return handle;
}

/**
 * A started server container: URL (the published port on 127.0.0.1), the address other containers
 * of its run dial, API client, logs; `stop()` (or `await using`) removes it with its volumes.
 */
export class StartedServerContainer<C> implements AsyncDisposable {
  readyMs = 0;
  private stopping?: Promise<void>;

  constructor(
    private readonly container: StartedTestContainer,
    readonly url: string,
    /** `alias:port` on the run's network (how the run's other containers reach it). */
    readonly peerAddress: string,
    private readonly logBuffer: LogBuffer,
    readonly client: C,
    private readonly ownRun?: ContainerRun,
  ) {}

  /** The container id. */
  get id(): string {
    return this.container.getId();
  }

  logs(lines?: number): string {
    return this.logBuffer.tail(lines);
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      try {
        await this.container.stop({ timeout: 5_000, remove: true, removeVolumes: true });
      } finally {
        await this.ownRun?.stop();
      }
    })();
    return this.stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
