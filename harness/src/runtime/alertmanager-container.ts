import type { StartedTestContainer } from 'testcontainers';
import { AlertmanagerClient } from '../clients/alertmanager-client.js';
import { PINNED_IMAGES } from './container-engine.js';
import { ProcessStartError } from './errors.js';
import { LogBuffer } from './log-buffer.js';
import { captureLogs, removeContainerSync } from './prometheus-container.js';
import { registerLive } from './process-registry.js';
import { ensureHttpReady } from './readiness.js';
import { NULL_ALERTMANAGER_CONFIG, alertmanagerArgs } from './server-args.js';

const PORT = 9093;
const CONFIG_PATH = '/etc/alertcraft/alertmanager.yml';

/** `prom/alertmanager` in a container: same flags as the local `AlertmanagerProcess` (clustering off). */
export class AlertmanagerContainer {
  private config = NULL_ALERTMANAGER_CONFIG;
  private startupTimeoutMs = 120_000;

  constructor(private readonly image: string = PINNED_IMAGES.alertmanager) {}

  withConfig(yaml: string): this {
    this.config = yaml;
    return this;
  }
  withStartupTimeout(ms: number): this {
    this.startupTimeoutMs = ms;
    return this;
  }

  async start(): Promise<StartedAlertmanagerContainer> {
    const { GenericContainer, Wait } = await import('testcontainers');
    const logs = new LogBuffer(200);
    let started: StartedTestContainer;
    try {
      started = await new GenericContainer(this.image)
        .withCommand(alertmanagerArgs({ configFile: CONFIG_PATH, storagePath: '/alertmanager', listenAddress: `0.0.0.0:${PORT}` }))
        .withExposedPorts(PORT)
        .withCopyContentToContainer([{ content: this.config, target: CONFIG_PATH }])
        .withLogConsumer(captureLogs(logs))
        .withWaitStrategy(Wait.forListeningPorts())
        .withStartupTimeout(this.startupTimeoutMs)
        .start();
    } catch (err) {
      throw new ProcessStartError('runtime/container-start-failed', `${this.image} did not start: ${(err as Error).message}`, logs.tail(30), { cause: err });
    }
    const url = `http://${started.getHost()}:${started.getMappedPort(PORT)}`;
    const handle = new StartedAlertmanagerContainer(started, url, logs);
    try {
      handle.readyMs = await ensureHttpReady(`alertmanager (${this.image})`, `${url}/-/ready`, { timeoutMs: this.startupTimeoutMs });
    } catch (err) {
      await handle.stop();
      throw new ProcessStartError('runtime/start-timeout', (err as Error).message, logs.tail(30), { cause: err });
    }
    return handle;
  }
}

export class StartedAlertmanagerContainer implements AsyncDisposable {
  readonly client: AlertmanagerClient;
  readyMs = 0;
  private stopping?: Promise<void>;
  private readonly unregister: () => void;

  constructor(
    readonly container: StartedTestContainer,
    readonly url: string,
    private readonly logBuffer: LogBuffer,
  ) {
    this.client = new AlertmanagerClient({ url });
    const id = container.getId();
    this.unregister = registerLive({ describe: () => `alertmanager container ${id.slice(0, 12)} (${url})`, killSync: () => removeContainerSync(id) });
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
