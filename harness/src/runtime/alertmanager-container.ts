import { AlertmanagerClient } from '../clients/alertmanager-client.js';
import { PINNED_IMAGES } from './container-engine.js';
import { ServerContainerBuilder, startServerContainer, type StartedServerContainer } from './started-container.js';
import { NULL_ALERTMANAGER_CONFIG, alertmanagerArgs } from './server-args.js';

const PORT = 9093;
const CONFIG_PATH = '/etc/alertcraft/alertmanager.yml';

/** `prom/alertmanager` in a container: same flags as the local `AlertmanagerProcess` (clustering off). */
export class AlertmanagerContainer extends ServerContainerBuilder {
  private config = NULL_ALERTMANAGER_CONFIG;

  constructor(private readonly image: string = PINNED_IMAGES.alertmanager) {
    super();
  }

  withConfig(yaml: string): this {
    this.config = yaml;
    return this;
  }

  start(): Promise<StartedAlertmanagerContainer> {
    return startServerContainer({
      name: 'alertmanager',
      image: this.image,
      port: PORT,
      readyPath: '/-/ready',
      startupTimeoutMs: this.startupTimeoutMs,
      run: this.run,
      configure: (c) =>
        c
          .withCommand(
            alertmanagerArgs({
              configFile: CONFIG_PATH,
              storagePath: '/alertmanager',
              listenAddress: `0.0.0.0:${PORT}`,
            }),
          )
          .withCopyContentToContainer([{ content: this.config, target: CONFIG_PATH }]),
      client: (url) => new AlertmanagerClient({ url }),
    });
  }
}

export type StartedAlertmanagerContainer = StartedServerContainer<AlertmanagerClient>;
